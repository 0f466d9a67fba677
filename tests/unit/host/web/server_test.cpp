// The web server over real HTTP on 127.0.0.1: routes, status codes, headers,
// escaping. The searcher is a fake with canned results (web_test_support.h).
#include "web_test_support.h"

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

namespace convoca::web::testing {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

TEST_F(ServerTest, SearchAnswersWithResultsTotalAndFacetsAsJson) {
  HttpResult result = get("/api/search?q=soil");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.header("Content-Type"), "application/json; charset=utf-8");
  Object::Ptr json = result.json();
  EXPECT_EQ(json->getValue<std::string>("query"), "soil");
  EXPECT_EQ(json->getValue<int>("total"), 57);
  EXPECT_EQ(json->getValue<int>("offset"), 0);
  EXPECT_EQ(json->getValue<int>("limit"), 20);
  Array::Ptr results = json->getArray("results");
  ASSERT_EQ(results->size(), 2u);
  Object::Ptr first = results->getObject(0);
  EXPECT_EQ(first->getValue<std::string>("id"), "eu-ft:HORIZON-MISS-2024-SOIL-01");
  EXPECT_EQ(first->getValue<std::string>("title"), "Soil health living labs");
  EXPECT_EQ(first->getValue<std::string>("programme"), "Horizon Europe");
  EXPECT_EQ(first->getValue<std::string>("status"), "open");
  EXPECT_EQ(first->getValue<std::string>("next_deadline"), "2024-09-24T17:00:00+02:00");
  EXPECT_EQ(first->getArray("deadlines")->size(), 2u);
  EXPECT_EQ(first->getObject("budget")->getValue<double>("amount"), 12000000);
  EXPECT_EQ(first->getValue<std::string>("call_id"), "HORIZON-MISS-2024-SOIL");
  EXPECT_EQ(first->getValue<int>("score"), 91);
  EXPECT_EQ(first->getValue<std::string>("snippet_html"),
            "Living labs for <mark>soil</mark> health in cities");
}

TEST_F(ServerTest, PassesFacetsThroughWithTheirCounts) {
  Object::Ptr facets = get("/api/search?q=soil").json()->getObject("facets");
  for (const char* name : {"source", "programme", "status", "language", "kind"}) {
    EXPECT_TRUE(facets->has(name)) << name;
  }
  Array::Ptr programmes = facets->getArray("programme");
  ASSERT_EQ(programmes->size(), 2u);
  EXPECT_EQ(programmes->getObject(0)->getValue<std::string>("value"), "HORIZON");
  EXPECT_EQ(programmes->getObject(0)->getValue<int>("count"), 40);
}

TEST_F(ServerTest, HandsFiltersSortPagingAndLanguagesToTheSearcher) {
  ASSERT_EQ(get("/api/search?q=soil+water&programme=HORIZON&programme=LIFE&status=open&sort=deadline"
                "&offset=40&limit=10&lang=ca,en")
                .status,
            200);
  index::SearchRequest request = fake_->lastRequest();
  EXPECT_EQ(request.query, "soil water");
  using Filter = std::pair<std::string, std::string>;
  EXPECT_EQ(request.filters,
            (std::vector<Filter>{{"programme", "HORIZON"}, {"programme", "LIFE"}, {"status", "open"}}));
  EXPECT_EQ(request.sort, index::SortOrder::Deadline);
  EXPECT_EQ(request.offset, 40u);
  EXPECT_EQ(request.limit, 10u);
  EXPECT_EQ(request.languages, (std::vector<std::string>{"ca", "en"}));
}

TEST_F(ServerTest, BadQueryIsA400CarryingTheSearcherMessage) {
  HttpResult result = get("/api/search?q=soil%20AND%20(");
  EXPECT_EQ(result.status, 400);
  Object::Ptr error = result.json()->getObject("error");
  EXPECT_EQ(error->getValue<int>("status"), 400);
  EXPECT_EQ(error->getValue<std::string>("message"), "Syntax: <expression> AND <expression>");
}

TEST_F(ServerTest, NonNumericOrOversizedLimitIsA400) {
  const int callsBefore = fake_->calls();
  for (const char* uri : {"/api/search?q=soil&limit=abc", "/api/search?limit=101", "/api/search?limit=-1",
                          "/api/search?offset=1e3"}) {
    HttpResult result = get(uri);
    EXPECT_EQ(result.status, 400) << uri;
    EXPECT_FALSE(result.json()->getObject("error")->getValue<std::string>("message").empty()) << uri;
  }
  EXPECT_EQ(fake_->calls(), callsBefore);
}

TEST_F(ServerTest, UnknownParameterOrSortIsA400) {
  EXPECT_EQ(get("/api/search?q=soil&programe=LIFE").status, 400);
  EXPECT_EQ(get("/api/search?sort=oldest").status, 400);
  EXPECT_EQ(get("/api/search?q=a&q=b").status, 400);
  EXPECT_EQ(get("/api/search?lang=de").status, 400);
}

TEST_F(ServerTest, MalformedPercentEncodingIsA400) {
  EXPECT_EQ(get("/api/search?q=%zz").status, 400);
}

TEST_F(ServerTest, UnknownRouteIsA404InJson) {
  HttpResult result = get("/api/nothing");
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(result.json()->getObject("error")->getValue<int>("status"), 404);
}

TEST_F(ServerTest, PostToSearchIsA405WithAllow) {
  const int callsBefore = fake_->calls();
  HttpResult result = httpRequest(port(), "POST", "/api/search?q=soil",
                                  [](Poco::Net::HTTPRequest& r) { r.setContentLength(0); });
  EXPECT_EQ(result.status, 405);
  EXPECT_EQ(result.header("Allow"), "GET, HEAD");
  EXPECT_EQ(result.json()->getObject("error")->getValue<int>("status"), 405);
  EXPECT_EQ(fake_->calls(), callsBefore);
}

TEST_F(ServerTest, OversizedRequestBodyIsA413WithoutReadingIt) {
  HttpResult result = httpRequest(port(), "POST", "/api/search",
                                  [](Poco::Net::HTTPRequest& r) { r.setContentLength(50 * 1024 * 1024); });
  EXPECT_EQ(result.status, 413);
  EXPECT_EQ(result.json()->getObject("error")->getValue<int>("status"), 413);
}

TEST_F(ServerTest, OverlongUriIsA414) {
  EXPECT_EQ(get("/api/search?q=" + std::string(10000, 'a')).status, 414);
}

// Poco's header limits (field name 256 bytes, value 8 KiB, 100 fields) refuse
// the request before any handler runs; the next request is served as usual.
TEST_F(ServerTest, OversizedOrTooManyHeadersAreRefusedAndTheServerGoesOn) {
  auto refused = [&](const RequestSetup& setup) {
    try {
      return httpRequest(port(), "GET", "/api/health", setup).status >= 400;
    } catch (const Poco::Exception&) {
      return true; // the connection was closed instead of answered
    }
  };
  EXPECT_TRUE(refused([](Poco::Net::HTTPRequest& r) { r.set("X-Huge", std::string(100 * 1024, 'a')); }));
  EXPECT_TRUE(refused([](Poco::Net::HTTPRequest& r) { r.set(std::string(1000, 'n'), "v"); }));
  EXPECT_TRUE(refused([](Poco::Net::HTTPRequest& r) {
    for (int i = 0; i < 500; ++i) r.add("X-Field-" + std::to_string(i), "v");
  }));
  EXPECT_EQ(get("/api/health").status, 200);
}

TEST_F(ServerTest, InternalErrorIsA500WithAGenericMessage) {
  HttpResult result = get("/api/search?q=explode");
  EXPECT_EQ(result.status, 500);
  EXPECT_EQ(result.body.find(kSecretDetail), std::string::npos) << result.body;
  EXPECT_EQ(result.json()->getObject("error")->getValue<int>("status"), 500);
}

TEST_F(ServerTest, HealthReportsTheDocumentCount) {
  HttpResult result = get("/api/health");
  ASSERT_EQ(result.status, 200);
  EXPECT_TRUE(result.json()->getValue<bool>("ok"));
  EXPECT_EQ(result.json()->getValue<int>("documents"), 42);
}

TEST_F(ServerTest, EveryResponseCarriesTheSecurityHeaders) {
  for (const char* uri : {"/", "/static/app.js", "/api/search?q=soil", "/api/search?limit=x", "/nowhere"}) {
    HttpResult result = get(uri);
    EXPECT_EQ(
        result.header("Content-Security-Policy"),
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
        << uri;
    EXPECT_EQ(result.header("X-Content-Type-Options"), "nosniff") << uri;
    EXPECT_EQ(result.header("Referrer-Policy"), "no-referrer") << uri;
    EXPECT_EQ(result.header("X-Frame-Options"), "DENY") << uri;
  }
}

TEST_F(ServerTest, ServesTheSearchPageAtTheRoot) {
  HttpResult result = get("/");
  ASSERT_EQ(result.status, 200);
  EXPECT_EQ(result.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(result.body.find("<script type=\"module\" src=\"/static/app.js\"></script>"), std::string::npos);
}

TEST_F(ServerTest, ServesStaticFilesWithTheirContentType) {
  EXPECT_EQ(get("/static/app.js").header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(get("/static/style.css").header("Content-Type"), "text/css; charset=utf-8");
  HttpResult catalan = get("/static/i18n/ca.json");
  ASSERT_EQ(catalan.status, 200);
  EXPECT_EQ(catalan.header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(catalan.json()->getValue<std::string>("search.submit"), "Cerca");
}

TEST_F(ServerTest, StaticFileIsRevalidatedWithItsETag) {
  HttpResult first = get("/static/style.css");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.header("Cache-Control"), "no-cache");
  const std::string tag = first.header("ETag");
  ASSERT_FALSE(tag.empty());
  HttpResult again =
      get("/static/style.css", [&](Poco::Net::HTTPRequest& r) { r.set("If-None-Match", tag); });
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST_F(ServerTest, RefusesPathTraversalWithoutLeakingFiles) {
  for (const char* uri :
       {"/static/../CMakeLists.txt", "/static/%2e%2e/CMakeLists.txt", "/static/%2E%2E%2FCMakeLists.txt",
        "/static/..%2f..%2fCMakeLists.txt", "/static/i18n/../../src/server.cpp", "/static/..\\CMakeLists.txt",
        "/static//etc/passwd", "/static/.hidden", "/static/%00app.js", "/static/i18n"}) {
    HttpResult result = get(uri);
    EXPECT_TRUE(result.status == 404 || result.status == 400) << uri << " -> " << result.status;
    EXPECT_EQ(result.body.find("convoca_add_library"), std::string::npos) << uri;
    EXPECT_EQ(result.body.find("root:"), std::string::npos) << uri;
    EXPECT_EQ(result.body.find("#include"), std::string::npos) << uri;
  }
}

TEST_F(ServerTest, ReturnsHostileTitleAsPlainTextAndEscapesTheSnippet) {
  HttpResult result = get("/api/search?q=soil");
  Object::Ptr hostile = result.json()->getArray("results")->getObject(1);
  // A JSON string: the page puts it in textContent, never in HTML.
  EXPECT_EQ(hostile->getValue<std::string>("title"), "<script>alert(1)</script>");
  EXPECT_EQ(hostile->getValue<std::string>("snippet_html"),
            "<mark>soil</mark> &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;");
}

TEST_F(ServerTest, HeadAnswersWithHeadersOnly) {
  HttpResult result = httpRequest(port(), "HEAD", "/static/app.js");
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_TRUE(result.body.empty());
}

TEST_F(ServerTest, RefusesAForeignHostHeader) {
  const int callsBefore = fake_->calls();
  HttpResult result =
      get("/api/search?q=soil", [](Poco::Net::HTTPRequest& r) { r.setHost("attacker.example", 80); });
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(fake_->calls(), callsBefore);
  EXPECT_EQ(get("/api/health", [](Poco::Net::HTTPRequest& r) { r.setHost("localhost", 8080); }).status, 200);
}

TEST_F(ServerTest, ReportsTheBoundPortAndUrl) {
  EXPECT_NE(port(), 0);
  EXPECT_EQ(server_->url(), "http://127.0.0.1:" + std::to_string(port()) + "/");
}

TEST(WebServerStop, StopsAndFreesThePort) {
  std::unique_ptr<WebServer> server = startedServer(std::make_unique<FakeSearchService>(cannedResult()));
  const uint16_t port = server->port();
  server->stop();
  EXPECT_FALSE(server->running());
  EXPECT_EQ(server->port(), 0);
  server->stop(); // twice is harmless
  WebServerOptions options;
  options.listen = "127.0.0.1:" + std::to_string(port);
  options.assetDir = kAssetDir;
  WebServer again(options, std::make_unique<FakeSearchService>(cannedResult()));
  EXPECT_NO_THROW(again.start());
}

TEST(WebServerStart, RefusesANonLoopbackAddressWithoutConfiguredUsers) {
  for (const char* listen : {"0.0.0.0:8080", "192.0.2.10:0", "[::]:8080"}) {
    WebServerOptions options;
    options.listen = listen;
    options.assetDir = kAssetDir;
    WebServer server(options, std::make_unique<FakeSearchService>(cannedResult()));
    try {
      server.start();
      ADD_FAILURE() << listen << " was accepted";
    } catch (const ListenError& error) {
      EXPECT_NE(std::string(error.what()).find("no user is configured"), std::string::npos) << error.what();
      EXPECT_NE(std::string(error.what()).find("convoca user add"), std::string::npos) << error.what();
    }
    EXPECT_FALSE(server.running());
  }
}

TEST_F(ServerTest, ReportsAPortInUse) {
  WebServerOptions options;
  options.assetDir = kAssetDir;
  options.listen = "127.0.0.1:" + std::to_string(port());
  WebServer second(options, std::make_unique<FakeSearchService>(cannedResult()));
  EXPECT_THROW(second.start(), ListenError);
}

TEST(WebServerStart, RefusesAnAssetDirectoryWithoutThePage) {
  WebServerOptions options;
  options.listen = "127.0.0.1:0";
  options.assetDir = CONVOCA_SOURCE_DIR "/host/web/include";
  WebServer server(options, std::make_unique<FakeSearchService>(cannedResult()));
  EXPECT_THROW(server.start(), ListenError);
}

TEST(ListenAddress, AcceptsHostPortFormsAndDefaultsThePort) {
  EXPECT_EQ(parseListenAddress("127.0.0.1:8080").toString(), "127.0.0.1:8080");
  EXPECT_EQ(parseListenAddress("127.0.0.1").toString(), "127.0.0.1:8080");
  EXPECT_EQ(parseListenAddress("9000").toString(), "127.0.0.1:9000");
  EXPECT_EQ(parseListenAddress("[::1]:8081").toString(), "[::1]:8081");
  EXPECT_EQ(parseListenAddress("127.0.0.1:0").port(), 0);
  EXPECT_THROW(parseListenAddress("127.0.0.1:http-ish"), ListenError);
  EXPECT_THROW(parseListenAddress("127.0.0.1:99999"), ListenError);
  EXPECT_THROW(parseListenAddress(""), ListenError);
}

TEST(ListenAddress, KnowsLoopbackFromTheRest) {
  EXPECT_TRUE(isLoopback(parseListenAddress("127.0.0.1:1")));
  EXPECT_TRUE(isLoopback(parseListenAddress("127.1.2.3:1")));
  EXPECT_TRUE(isLoopback(parseListenAddress("[::1]:1")));
  EXPECT_FALSE(isLoopback(parseListenAddress("0.0.0.0:1")));
  EXPECT_FALSE(isLoopback(parseListenAddress("10.0.0.1:1")));
}

} // namespace
} // namespace convoca::web::testing
