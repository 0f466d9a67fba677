#include "convoca/web/server.h"

#include "api_support.h"
#include "calendar_api.h"
#include "call_api.h"
#include "connection_guard.h"
#include "convoca/state/state_db.h"
#include "convoca/web/password.h"
#include "metrics_endpoint.h"
#include "profile_api.h"
#include "router.h"
#include "security.h"
#include "static_files.h"
#include "workspace_api.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/ThreadPool.h>
#include <algorithm>
#include <cctype>
#include <openssl/crypto.h>

namespace convoca::web {

namespace {

constexpr int kListenBacklog = 64;

bool isAllDigits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool hasPort(const std::string& text) {
  if (!text.empty() && text.front() == '[') return text.find("]:") != std::string::npos;
  return text.find(':') != std::string::npos;
}

// format=csv exports the first kCsvSearchRows results, without facets.
constexpr size_t kCsvSearchRows = 2000;

Reply searchCsv(const index::SearchResult& result) {
  std::vector<std::vector<std::string>> rows;
  for (const index::Hit& hit : result.hits) {
    Poco::JSON::Object::Ptr json = hitJson(hit);
    Poco::JSON::Object::Ptr budget = json->getObject("budget");
    rows.push_back({cellText(json->get("id")), cellText(json->get("title")), cellText(json->get("programme")),
                    cellText(json->get("source")), cellText(json->get("status")),
                    cellText(json->get("next_deadline")), cellText(json->get("opening")),
                    budget ? cellText(budget->get("amount")) : "",
                    budget ? cellText(budget->get("currency")) : "", cellText(json->get("call_id")),
                    cellText(json->get("topic_id")), cellText(json->get("url"))});
  }
  return csvReply("search",
                  {"id", "title", "programme", "source", "status", "next_deadline", "opening", "budget",
                   "currency", "call_id", "topic_id", "url"},
                  rows);
}

Reply searchController(const Request& request, SearchService& search) {
  const std::string format = parameter(request, "format", "json");
  if (format != "json" && format != "csv")
    throw BadRequest("format must be json or csv, not \"" + format + "\"");
  QueryParameters parameters;
  for (const auto& pair : request.query)
    if (pair.first != "format") parameters.push_back(pair);
  index::SearchRequest searchRequest = searchRequestFromParameters(parameters);
  if (format == "csv") {
    searchRequest.offset = 0;
    searchRequest.limit = kCsvSearchRows;
    return searchCsv(search.search(searchRequest));
  }
  index::SearchResult result = search.search(searchRequest);
  return jsonReply(searchResponseJson(searchRequest, result));
}

Reply healthController(SearchService& search) {
  Poco::JSON::Object::Ptr json = newJsonObject();
  json->set("ok", true);
  json->set("documents", search.documentCount());
  return jsonReply(json);
}

// Everything a route may need, owned by the server.
struct Services {
  AssetDirectory& assets;
  SearchService& search;
  ProfileService* profiles;
  state::StateDb* state;
  SecurityGate& gate;
  std::string assetDir;
  const metrics::HttpMetrics* http;
  std::string dataDir; // its live index is measured for convoca_index_size_bytes; "" = unknown
};

Reply metricsController(const Services& s) {
  Reply reply;
  reply.contentType = metrics::kContentType;
  reply.body = metrics::renderMetrics({&s.search, s.state, s.http, s.dataDir});
  return reply;
}

// The data directory is the state DB's (app::Context keeps the index and the
// state DB side by side); WebServerOptions does not name it.
std::string dataDirOf(const state::StateDb* db) {
  if (!db) return "";
  return Poco::Path(db->path()).parent().toString();
}

void addPath(std::vector<Route>& routes, const std::string& path, std::vector<std::string> methods,
             Controller controller, Access read = Access::Viewer, Access write = Access::Editor) {
  const bool prefix = path.size() > 1 && path.back() == '/';
  routes.push_back({path, prefix ? PathMatch::Prefix : PathMatch::Exact, std::move(methods),
                    std::move(controller), read, write});
}

void addWorkspaceRoutes(std::vector<Route>& routes, Services& s) {
  state::StateDb& db = *s.state;
  const std::vector<std::string> readOnly{"GET", "HEAD"};
  const Controller searches = [&db, &s](const Request& r) {
    return savedSearchController(r, db, s.search, s.assetDir);
  };
  addPath(routes, "/api/searches", {"GET", "HEAD", "POST"}, searches);
  addPath(routes, "/api/searches/", {"GET", "HEAD", "DELETE"}, searches);
  addPath(routes, "/api/pipeline", {"GET", "HEAD", "PUT", "DELETE"},
          [&db, &s](const Request& r) { return pipelineController(r, db, s.search); });
  addPath(routes, "/api/sources", readOnly,
          [&db, &s](const Request& r) { return sourcesController(r, db, s.search); });
  addPath(routes, "/api/runs", readOnly, [&db](const Request& r) { return runsController(r, db); });
}

std::vector<Route> routesFor(Services& s) {
  const std::vector<std::string> readOnly{"GET", "HEAD"};
  const std::string staticPrefix = "/static/";
  std::vector<Route> routes;
  AssetDirectory& assets = s.assets;
  SearchService& search = s.search;
  addPath(
      routes, "/", readOnly, [&assets](const Request& r) { return assets.serve("index.html", r); },
      Access::Public);
  addPath(
      routes, staticPrefix, readOnly,
      [&assets, staticPrefix](const Request& r) {
        return assets.serve(r.path.substr(staticPrefix.size()), r);
      },
      Access::Public);
  addPath(
      routes, "/api/openapi.json", readOnly,
      [&assets](const Request& r) { return assets.serve("openapi.json", r); }, Access::Public);
  SecurityGate& gate = s.gate;
  addPath(
      routes, "/api/session", {"GET", "HEAD", "POST", "DELETE"},
      [&gate](const Request& r) { return gate.sessionController(r); }, Access::Public, Access::Public);
  addPath(
      routes, "/api/health", readOnly, [&search](const Request&) { return healthController(search); },
      Access::Public);
  // Public to the gate: the router checks loopback or the bearer token first
  // (metrics_endpoint.h), and a scraper has no session or CSRF token.
  addPath(
      routes, metrics::kMetricsPath, readOnly, [&s](const Request&) { return metricsController(s); },
      Access::Public);
  addPath(routes, "/api/search", readOnly,
          [&search](const Request& r) { return searchController(r, search); });
  state::StateDb* db = s.state;
  addPath(routes, "/api/calls/", readOnly,
          [&search, db](const Request& r) { return callController(r, search, db); });
  const Controller calendar = [&search](const Request& r) { return calendarController(r, search); };
  addPath(routes, "/api/calendar", readOnly, calendar);
  addPath(routes, "/api/calendar.ics", readOnly, calendar);
  if (s.profiles) {
    ProfileService* profiles = s.profiles;
    const std::string assetDir = s.assetDir;
    const Controller profileRoutes = [profiles, &search, assetDir](const Request& r) {
      return profileController(r, *profiles, search, assetDir);
    };
    addPath(routes, "/api/profiles", {"GET", "HEAD", "POST"}, profileRoutes);
    addPath(routes, "/api/profiles/", {"GET", "HEAD", "POST", "PUT", "DELETE"}, profileRoutes);
  }
  if (s.state) addWorkspaceRoutes(routes, s);
  return routes;
}

FeedTokenCheck feedTokenCheckFor(state::StateDb* db) {
  if (!db) return nullptr;
  return [db](const std::string& token) -> std::optional<Identity> {
    for (const state::User& user : db->users()) {
      const std::string expected = feedToken(user.name, user.passwordHash);
      if (token.size() == expected.size() && CRYPTO_memcmp(token.data(), expected.data(), token.size()) == 0)
        return Identity{user.name, user.role};
    }
    return std::nullopt;
  };
}

FeedTokenOf feedTokenOfFor(state::StateDb* db) {
  if (!db) return nullptr;
  return [db](const std::string& name) {
    const std::optional<state::User> user = db->user(name);
    return user ? feedToken(user->name, user->passwordHash) : std::string();
  };
}

Authenticator authenticatorFor(state::StateDb* db) {
  if (!db) return nullptr;
  return [db](const std::string& name, const std::string& password) -> std::optional<Identity> {
    const std::optional<state::User> user = db->user(name);
    // An unknown name costs the same hashing time as a wrong password.
    static const std::string unknownUserHash = hashPassword("not a password of anyone");
    if (!verifyPassword(password, user ? user->passwordHash : unknownUserHash) || !user) return std::nullopt;
    return Identity{user->name, user->role};
  };
}

std::string authRefusal(const Poco::Net::SocketAddress& address) {
  return "listening on " + address.toString() +
         " needs logins, and no user is configured: add one with `convoca user add NAME --role admin` "
         "(password on stdin), or listen on 127.0.0.1:" +
         std::to_string(address.port()) + " and reach it from other machines through an SSH tunnel";
}

} // namespace

Poco::Net::SocketAddress parseListenAddress(const std::string& text) {
  try {
    if (text.empty()) throw Poco::InvalidArgumentException("empty");
    if (isAllDigits(text)) {
      const unsigned port = Poco::NumberParser::parseUnsigned(text);
      if (port > 65535) throw Poco::InvalidArgumentException("port out of range");
      return Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port));
    }
    if (!hasPort(text)) return Poco::Net::SocketAddress(text, kDefaultPort);
    return Poco::Net::SocketAddress(text);
  } catch (const Poco::Exception& error) {
    throw ListenError("\"" + text +
                      "\" is not a listen address (HOST:PORT, e.g. 127.0.0.1:8080): " + error.displayText());
  }
}

bool isLoopback(const Poco::Net::SocketAddress& address) {
  return address.host().isLoopback();
}

struct WebServer::Impl {
  WebServerOptions options;
  std::unique_ptr<SearchService> search;
  std::unique_ptr<ProfileService> profiles;
  std::unique_ptr<state::StateDb> state;
  std::unique_ptr<AssetDirectory> assets;
  std::unique_ptr<SecurityGate> gate;
  std::unique_ptr<Services> services;
  std::unique_ptr<Router> router;
  metrics::HttpMetrics httpMetrics; // kept across stop() and start()
  std::unique_ptr<Poco::ThreadPool> threads;
  std::unique_ptr<ConnectionGuard> guard;
  std::unique_ptr<Poco::Net::TCPServer> server;
  Poco::Net::SocketAddress bound;
};

WebServer::WebServer(WebServerOptions options, std::unique_ptr<SearchService> search,
                     std::unique_ptr<ProfileService> profiles, std::unique_ptr<state::StateDb> state)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->search = std::move(search);
  impl_->profiles = std::move(profiles);
  impl_->state = std::move(state);
}

WebServer::~WebServer() {
  stop();
}

void WebServer::start() {
  if (impl_->server) throw std::logic_error("WebServer::start: already running");
  const Poco::Net::SocketAddress address = parseListenAddress(impl_->options.listen);
  const bool authRequired = impl_->options.authRequired || !isLoopback(address);
  if (authRequired && !(impl_->state && impl_->state->hasUsers())) throw ListenError(authRefusal(address));
  impl_->assets = std::make_unique<AssetDirectory>(impl_->options.assetDir);
  GateOptions gateOptions;
  gateOptions.authRequired = authRequired;
  gateOptions.requestsPerSecond = impl_->options.requestsPerSecond;
  gateOptions.requestBurst = impl_->options.requestBurst;
  gateOptions.secureCookie = impl_->options.secureCookie;
  impl_->gate = std::make_unique<SecurityGate>(gateOptions, authenticatorFor(impl_->state.get()),
                                               feedTokenCheckFor(impl_->state.get()),
                                               feedTokenOfFor(impl_->state.get()));
  impl_->services.reset(new Services{*impl_->assets, *impl_->search, impl_->profiles.get(),
                                     impl_->state.get(), *impl_->gate, impl_->options.assetDir,
                                     &impl_->httpMetrics, dataDirOf(impl_->state.get())});
  RouterMetrics routerMetrics;
  routerMetrics.http = &impl_->httpMetrics;
  if (!impl_->options.metricsTokenFile.empty()) {
    try {
      routerMetrics.token = metrics::readMetricsToken(impl_->options.metricsTokenFile);
    } catch (const std::runtime_error& e) {
      throw ListenError(e.what());
    }
  }
  impl_->router =
      std::make_unique<Router>(routesFor(*impl_->services), impl_->gate.get(), std::move(routerMetrics));

  Poco::Net::ServerSocket socket;
  try {
    // SO_REUSEADDR so a restart does not wait for TIME_WAIT; never SO_REUSEPORT
    // (Poco's two-argument bind sets both), which would let a second server
    // share the port silently instead of failing.
    if (address.family() == Poco::Net::SocketAddress::IPv6) {
      socket.bind6(address, /*reuseAddress=*/true, /*reusePort=*/false, /*ipV6Only=*/true);
    } else {
      socket.bind(address, /*reuseAddress=*/true, /*reusePort=*/false);
    }
    socket.listen(kListenBacklog);
  } catch (const Poco::Exception& error) {
    throw ListenError("cannot listen on " + address.toString() + ": " + error.displayText());
  }

  const int maxThreads = static_cast<int>(std::max(1u, impl_->options.maxThreads));
  auto params = Poco::makeAuto<Poco::Net::HTTPServerParams>();
  params->setMaxThreads(maxThreads);
  params->setMaxQueued(kListenBacklog);
  params->setKeepAlive(true);
  params->setTimeout(Poco::Timespan(30, 0));
  params->setKeepAliveTimeout(Poco::Timespan(kKeepAliveSeconds, 0));
  // A pool of our own, so the server's threads are not shared with the
  // harvest or anything else that uses Poco's default pool.
  impl_->threads = std::make_unique<Poco::ThreadPool>(1, maxThreads);
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers = Poco::makeShared<RouterHandlerFactory>(*impl_->router);
  // Poco's HTTPServer, but with connections watched by the guard (slow and
  // greedy clients: connection_guard.h).
  impl_->guard = std::make_unique<ConnectionGuard>(
      ConnectionLimits{impl_->options.requestDeadline, impl_->options.maxConnectionsPerClient});
  impl_->server = std::make_unique<Poco::Net::TCPServer>(
      Poco::makeShared<GuardedConnectionFactory>(params, handlers, *impl_->guard), *impl_->threads, socket,
      params);
  impl_->bound = socket.address();
  impl_->server->start();
}

void WebServer::stop() {
  if (!impl_->server) return;
  impl_->server->stop();
  impl_->guard->abortAll();
  impl_->threads->joinAll();
  impl_->server.reset();
  impl_->guard.reset();
  impl_->threads.reset();
  impl_->router.reset();
  impl_->services.reset();
  impl_->gate.reset();
  impl_->assets.reset();
}

bool WebServer::running() const {
  return impl_->server != nullptr;
}

uint16_t WebServer::port() const {
  return running() ? impl_->bound.port() : 0;
}

std::string WebServer::url() const {
  return running() ? "http://" + impl_->bound.toString() + "/" : "";
}

} // namespace convoca::web
