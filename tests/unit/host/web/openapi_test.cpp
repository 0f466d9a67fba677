// host/web/assets/openapi.json against the server: the document is OpenAPI
// 3.0.3 with resolvable references; every documented operation is served and
// answers one of its documented statuses and media types; every documented
// query parameter is accepted; every /api route server.cpp registers is
// documented; and the operations documented as public are the ones that answer
// without a login.
#include "api_test_support.h"
#include "convoca/web/password.h"

#include <Poco/FileStream.h>
#include <Poco/String.h>
#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>
#include <regex>
#include <set>
#include <sstream>

namespace convoca::web::testing {
namespace {

const std::string kDocumentPath = CONVOCA_SOURCE_DIR "/host/web/assets/openapi.json";
const std::string kServerSource = CONVOCA_SOURCE_DIR "/host/web/src/server.cpp";

std::string fileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Poco::JSON::Object::Ptr openApiDocument() {
  return Poco::JSON::Parser().parse(fileText(kDocumentPath)).extract<Poco::JSON::Object::Ptr>();
}

// "#/components/parameters/q" -> that object; throws when it does not resolve.
Poco::JSON::Object::Ptr resolved(const Poco::JSON::Object::Ptr& document,
                                 const Poco::JSON::Object::Ptr& node) {
  if (!node->has("$ref")) return node;
  const std::string ref = node->getValue<std::string>("$ref");
  if (ref.rfind("#/", 0) != 0) throw std::runtime_error("not a local $ref: " + ref);
  Poco::JSON::Object::Ptr target = document;
  std::istringstream parts(ref.substr(2));
  for (std::string part; std::getline(parts, part, '/');) {
    target = target->getObject(part);
    if (!target) throw std::runtime_error("$ref does not resolve: " + ref);
  }
  return target;
}

struct Operation {
  std::string method; // upper case
  std::string path;   // as documented, e.g. /api/calls/{id}
  std::set<int> statuses;
  std::map<int, std::set<std::string>> mediaTypes; // status -> documented content types
  std::vector<Poco::JSON::Object::Ptr> parameters; // resolved
  Poco::JSON::Array::Ptr security; // the operation's own, null when it inherits the document's
  std::string label() const { return method + " " + path; }
};

std::vector<Operation> documentedOperations(const Poco::JSON::Object::Ptr& document) {
  static const std::set<std::string> kMethods{"get", "put", "post", "delete", "patch", "head", "options"};
  std::vector<Operation> operations;
  Poco::JSON::Object::Ptr paths = document->getObject("paths");
  for (const std::string& path : paths->getNames()) {
    Poco::JSON::Object::Ptr item = paths->getObject(path);
    for (const std::string& method : item->getNames()) {
      if (!kMethods.count(method)) continue;
      Poco::JSON::Object::Ptr spec = item->getObject(method);
      Operation operation{Poco::toUpper(method), path, {}, {}, {}, spec->getArray("security")};
      Poco::JSON::Object::Ptr responses = spec->getObject("responses");
      for (const std::string& status : responses->getNames()) {
        operation.statuses.insert(std::stoi(status));
        Poco::JSON::Object::Ptr response = resolved(document, responses->getObject(status));
        if (Poco::JSON::Object::Ptr content = response->getObject("content"))
          for (const std::string& type : content->getNames())
            operation.mediaTypes[std::stoi(status)].insert(type);
      }
      for (const char* level : {"path", "operation"}) {
        Poco::JSON::Array::Ptr parameters =
            std::string(level) == "path" ? item->getArray("parameters") : spec->getArray("parameters");
        for (size_t i = 0; parameters && i < parameters->size(); ++i)
          operation.parameters.push_back(resolved(document, parameters->getObject(static_cast<unsigned>(i))));
      }
      operations.push_back(std::move(operation));
    }
  }
  // Reads first, then the changes, deletions last: each runs against the same data.
  const auto rank = [](const Operation& o) {
    return o.method == "GET" ? 0 : o.method == "POST" ? 1 : o.method == "PUT" ? 2 : 3;
  };
  std::stable_sort(operations.begin(), operations.end(),
                   [&](const Operation& a, const Operation& b) { return rank(a) < rank(b); });
  return operations;
}

bool documents(const std::vector<Operation>& operations, const std::string& method, const std::string& path) {
  return std::any_of(operations.begin(), operations.end(),
                     [&](const Operation& o) { return o.method == method && o.path == path; });
}

// A value the parameter's schema allows.
std::string sampleValue(const Poco::JSON::Object::Ptr& parameter) {
  const std::string name = parameter->getValue<std::string>("name");
  if (name == "lang") return "en"; // a string in the document; ca, es, en (and fr for queries)
  if (parameter->has("example")) return parameter->get("example").convert<std::string>();
  Poco::JSON::Object::Ptr schema = parameter->getObject("schema");
  if (!schema) return "x";
  if (Poco::JSON::Array::Ptr values = schema->getArray("enum")) return values->get(0).convert<std::string>();
  const std::string type = schema->optValue<std::string>("type", "string");
  if (type == "integer") return std::to_string(std::max(1, schema->optValue<int>("minimum", 1)));
  if (type == "number") return "1000";
  if (type == "boolean") return "true";
  if (schema->optValue<std::string>("format", "") == "date") return "2027-01-15";
  return "x";
}

std::string mediaTypeOf(const HttpResult& result) {
  const std::string type = result.header("Content-Type");
  return Poco::trim(type.substr(0, type.find(';')));
}

// The routes server.cpp registers: addPath(routes, "<path>", readOnly | {"GET", ...}, ...).
struct ServedRoute {
  std::string path;
  std::vector<std::string> methods;
  bool prefix() const { return path.size() > 1 && path.back() == '/'; }
};

std::vector<ServedRoute> routesInServerSource() {
  const std::string source = fileText(kServerSource);
  const std::regex addPath(R"re(addPath\(\s*routes,\s*"([^"]*)",\s*(readOnly|\{[^}]*\}))re");
  const std::regex quoted(R"re("([A-Z]+)")re");
  std::vector<ServedRoute> routes;
  for (auto it = std::sregex_iterator(source.begin(), source.end(), addPath); it != std::sregex_iterator();
       ++it) {
    ServedRoute route{(*it)[1].str(), {}};
    const std::string methods = (*it)[2].str();
    if (methods == "readOnly") {
      route.methods = {"GET", "HEAD"};
    } else {
      for (auto m = std::sregex_iterator(methods.begin(), methods.end(), quoted); m != std::sregex_iterator();
           ++m)
        route.methods.push_back((*m)[1].str());
    }
    routes.push_back(std::move(route));
  }
  return routes;
}

// A server per test: the operation probes delete what they find.
class OpenApiTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::make_unique<ScratchDir>();
    server_ = std::make_unique<WebServer>(
        testServerOptions(), std::make_unique<FakeSearchService>(routeResult()),
        std::make_unique<MemoryProfileService>(), std::make_unique<state::StateDb>(dir_->file("state.db")));
    server_->start();
    ApiClient client = freshClient();
    const HttpResult saved = client.send("POST", "/api/searches", R"({"name":"Sòl","query":"q=soil"})");
    ASSERT_EQ(saved.status, 201) << saved.body;
    savedSearchId_ = std::to_string(saved.json()->getValue<int64_t>("id"));
  }
  void TearDown() override {
    server_.reset();
    dir_.reset();
  }

  ApiClient freshClient() const {
    ApiClient client(server_->port());
    client.openSession();
    return client;
  }

  // The documented path with {id} replaced by an id the fakes know.
  std::string concretePath(const std::string& path) const {
    const size_t slot = path.find("{id}");
    if (slot == std::string::npos) return path;
    std::string id = kSoilId;
    if (path.rfind("/api/profiles/", 0) == 0) id = kProfileId;
    if (path.rfind("/api/searches/", 0) == 0) id = savedSearchId_;
    return path.substr(0, slot) + id + path.substr(slot + 4);
  }

  // The operation as a client would send it: state changes with a fresh
  // session and its CSRF token, bodies as an empty JSON object.
  HttpResult call(const Operation& operation, const std::string& query = "") const {
    const std::string uri = concretePath(operation.path) + (query.empty() ? "" : "?" + query);
    if (operation.method == "GET") return ApiClient(server_->port()).get(uri);
    ApiClient client = freshClient();
    const bool takesBody = operation.method == "POST" || operation.method == "PUT";
    return client.send(operation.method, uri, takesBody ? "{}" : "", takesBody ? "application/json" : "");
  }

  std::unique_ptr<ScratchDir> dir_;
  std::unique_ptr<WebServer> server_;
  std::string savedSearchId_;
};

TEST(OpenApiDocument, IsOpenApi3WithResolvableReferences) {
  Poco::JSON::Object::Ptr document = openApiDocument();
  EXPECT_EQ(document->getValue<std::string>("openapi"), "3.0.3");
  Poco::JSON::Object::Ptr info = document->getObject("info");
  ASSERT_TRUE(info);
  EXPECT_FALSE(info->optValue<std::string>("title", "").empty());
  EXPECT_FALSE(info->optValue<std::string>("version", "").empty());
  const std::vector<Operation> operations =
      documentedOperations(document); // resolves every parameter and response
  EXPECT_GE(operations.size(), 30u);
  std::set<std::string> operationIds;
  Poco::JSON::Object::Ptr paths = document->getObject("paths");
  for (const Operation& operation : operations) {
    EXPECT_FALSE(operation.statuses.empty()) << operation.label();
    Poco::JSON::Object::Ptr spec =
        paths->getObject(operation.path)->getObject(Poco::toLower(operation.method));
    Poco::JSON::Object::Ptr responses = spec->getObject("responses");
    for (const std::string& status : responses->getNames())
      EXPECT_TRUE(resolved(document, responses->getObject(status))->has("description"))
          << operation.label() << " " << status << ": OpenAPI requires a description";
    if (spec->has("operationId")) {
      EXPECT_TRUE(operationIds.insert(spec->getValue<std::string>("operationId")).second)
          << operation.label();
    }
    for (const auto& parameter : operation.parameters) {
      const std::string in = parameter->getValue<std::string>("in");
      if (in == "path") {
        EXPECT_TRUE(parameter->optValue<bool>("required", false))
            << operation.label() << ": path parameters are required";
        EXPECT_NE(operation.path.find("{" + parameter->getValue<std::string>("name") + "}"),
                  std::string::npos)
            << operation.label();
      }
    }
  }
}

TEST_F(OpenApiTest, TheServerServesTheDocumentAsIs) {
  const HttpResult result = freshClient().get("/api/openapi.json");
  ASSERT_EQ(result.status, 200);
  EXPECT_EQ(mediaTypeOf(result), "application/json");
  EXPECT_EQ(result.body, fileText(kDocumentPath));
}

TEST_F(OpenApiTest, EveryDocumentedOperationIsServedWithADocumentedStatusAndType) {
  for (const Operation& operation : documentedOperations(openApiDocument())) {
    SCOPED_TRACE(operation.label());
    const HttpResult result = call(operation);
    EXPECT_NE(result.status, 405) << "no route takes the method: " << result.body;
    EXPECT_FALSE(result.status == 404 && errorMessage(result) == "not found") << "no route has the path";
    EXPECT_TRUE(operation.statuses.count(result.status))
        << "answered " << result.status << ", not a documented status: " << result.body;
    const auto types = operation.mediaTypes.find(result.status);
    if (types != operation.mediaTypes.end() && !result.body.empty()) {
      EXPECT_TRUE(types->second.count(mediaTypeOf(result)))
          << "answered " << result.header("Content-Type") << ", not a documented type";
    }
  }
}

TEST_F(OpenApiTest, EveryDocumentedQueryParameterIsAccepted) {
  for (const Operation& operation : documentedOperations(openApiDocument())) {
    if (operation.method != "GET") continue;
    for (const auto& parameter : operation.parameters) {
      if (parameter->getValue<std::string>("in") != "query") continue;
      const std::string query = parameter->getValue<std::string>("name") + "=" + sampleValue(parameter);
      SCOPED_TRACE(operation.label() + "?" + query);
      const HttpResult result = call(operation, query);
      EXPECT_EQ(errorMessage(result).find("unknown parameter"), std::string::npos) << result.body;
      EXPECT_TRUE(operation.statuses.count(result.status))
          << "answered " << result.status << ": " << result.body;
      // The documented maximum of a number is one the server takes.
      Poco::JSON::Object::Ptr schema = parameter->getObject("schema");
      if (schema && schema->has("maximum") && schema->optValue<std::string>("type", "") == "integer") {
        const std::string atMaximum =
            parameter->getValue<std::string>("name") + "=" + std::to_string(schema->getValue<int>("maximum"));
        const HttpResult top = call(operation, atMaximum);
        EXPECT_NE(top.status, 400) << atMaximum << ": " << top.body;
      }
    }
  }
}

TEST(OpenApiDocument, ListsEveryRouteTheServerRegisters) {
  const std::vector<Operation> operations = documentedOperations(openApiDocument());
  const std::vector<ServedRoute> routes = routesInServerSource();
  ASSERT_GE(routes.size(), 15u) << "the pattern no longer finds server.cpp's routes";
  size_t apiRoutes = 0;
  for (const ServedRoute& route : routes) {
    if (route.path.rfind("/api/", 0) != 0) continue; // the page and its static files
    ++apiRoutes;
    for (const std::string& method : route.methods) {
      if (method == "HEAD") continue; // every GET answers HEAD
      const bool documented =
          route.prefix() ? std::any_of(operations.begin(), operations.end(),
                                       [&](const Operation& o) {
                                         return o.method == method && o.path.rfind(route.path, 0) == 0;
                                       })
                         : documents(operations, method, route.path);
      EXPECT_TRUE(documented) << method << " " << route.path << (route.prefix() ? "…" : "")
                              << " is served but not in openapi.json";
    }
  }
  EXPECT_GE(apiRoutes, 13u);
  // What the prefix routes' controllers serve below them (call_api.cpp,
  // workspace_api.cpp, profile_api.cpp).
  for (const auto& [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/api/calls/{id}"},
                                                        {"GET", "/api/calls/{id}/similar"},
                                                        {"GET", "/api/searches/{id}"},
                                                        {"DELETE", "/api/searches/{id}"},
                                                        {"GET", "/api/searches/{id}/feed.atom"},
                                                        {"GET", "/api/searches/{id}/calendar.ics"},
                                                        {"GET", "/api/profiles/{id}"},
                                                        {"PUT", "/api/profiles/{id}"},
                                                        {"DELETE", "/api/profiles/{id}"},
                                                        {"GET", "/api/profiles/{id}/matches"},
                                                        {"GET", "/api/profiles/{id}/feedback"},
                                                        {"POST", "/api/profiles/{id}/feedback"},
                                                        {"GET", "/api/profiles/{id}/digest"},
                                                        {"GET", "/api/profiles/{id}/digest.atom"},
                                                        {"GET", "/api/profiles/{id}/calendar.ics"}})
    EXPECT_TRUE(documents(operations, method, path))
        << method << " " << path << " is served but not documented";
}

// Whether a security requirement list names `scheme` in any of its alternatives.
bool namesScheme(const Poco::JSON::Array::Ptr& security, const std::string& scheme) {
  for (size_t i = 0; security && i < security->size(); ++i)
    if (security->getObject(static_cast<unsigned>(i))->has(scheme)) return true;
  return false;
}

// With logins on, the operations documented with `security: []` are the ones
// that answer without a login, and every state change documents its CSRF token.
TEST(OpenApiSecurity, PublicOperationsAreTheOnesServedWithoutALogin) {
  ScratchDir dir;
  auto db = std::make_unique<state::StateDb>(dir.file("state.db"));
  db->saveUser({"ada", state::Role::Admin, hashPassword("ada-pass", 1000), "", ""});
  WebServerOptions options = testServerOptions();
  options.authRequired = true;
  WebServer server(options, std::make_unique<FakeSearchService>(routeResult()),
                   std::make_unique<MemoryProfileService>(), std::move(db));
  server.start();
  for (const Operation& operation : documentedOperations(openApiDocument())) {
    SCOPED_TRACE(operation.label());
    const bool isPublic = operation.security && operation.security->size() == 0;
    if (operation.method != "GET") {
      EXPECT_TRUE(namesScheme(operation.security, "csrf")) << "a state change must document X-CSRF-Token";
      continue;
    }
    std::string uri = operation.path;
    if (const size_t slot = uri.find("{id}"); slot != std::string::npos) uri.replace(slot, 4, "1");
    const HttpResult result = ApiClient(server.port()).get(uri);
    if (isPublic) {
      EXPECT_NE(result.status, 401) << result.body;
    } else {
      EXPECT_EQ(result.status, 401) << "documented as needing a session";
    }
  }
}

} // namespace
} // namespace convoca::web::testing
