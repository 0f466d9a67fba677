// The security gate over real HTTP: sessions and their cookie, CSRF, Origin
// and Host checks, body limits, login with roles, session rotation on login,
// logout, rate limits, and the refusal to listen openly without users.
#include "api_test_support.h"
#include "convoca/web/password.h"
#include "security.h"

#include <gtest/gtest.h>

namespace convoca::web::testing {
namespace {

using namespace std::chrono_literals;

// ---- SessionStore and the cookie, without a server -------------------------

TEST(SessionStore, GivesEachSessionItsOwnTokenAndCsrfToken) {
  SessionStore store;
  const std::string first = store.create(std::nullopt);
  const std::string second = store.create(Identity{"ed", Role::Editor});
  EXPECT_NE(first, second);
  const std::optional<Session> anonymous = store.find(first);
  const std::optional<Session> editor = store.find(second);
  ASSERT_TRUE(anonymous && editor);
  EXPECT_FALSE(anonymous->identity);
  ASSERT_TRUE(editor->identity);
  EXPECT_EQ(editor->identity->user, "ed");
  EXPECT_EQ(editor->identity->role, Role::Editor);
  EXPECT_GE(anonymous->csrfToken.size(), 32u);
  EXPECT_NE(anonymous->csrfToken, editor->csrfToken);
  EXPECT_NE(anonymous->csrfToken, first) << "the CSRF token must not be the cookie";
  EXPECT_FALSE(store.find("not-a-token"));
  EXPECT_FALSE(store.find(""));
}

TEST(SessionStore, ForgetsASessionIdleLongerThanTheTimeout) {
  SessionStore store(std::chrono::seconds(60));
  const auto start = SessionStore::Clock::now();
  const std::string token = store.create(std::nullopt, start);
  EXPECT_TRUE(store.find(token, start + 50s));
  EXPECT_TRUE(store.find(token, start + 100s)) << "each use restarts the idle time";
  EXPECT_FALSE(store.find(token, start + 161s));
  EXPECT_FALSE(store.find(token, start + 162s)) << "and it stays gone";
}

TEST(SessionStore, DropsTheLeastRecentlyUsedSessionWhenFull) {
  SessionStore store(std::chrono::hours(1), 2);
  const auto start = SessionStore::Clock::now();
  const std::string older = store.create(std::nullopt, start);
  const std::string newer = store.create(std::nullopt, start + 1s);
  ASSERT_TRUE(store.find(older, start + 2s)); // now the newer one is the least recently used
  const std::string third = store.create(std::nullopt, start + 3s);
  EXPECT_TRUE(store.find(older, start + 4s));
  EXPECT_FALSE(store.find(newer, start + 4s));
  EXPECT_TRUE(store.find(third, start + 4s));
}

TEST(SessionStore, RemovedSessionIsGone) {
  SessionStore store;
  const std::string token = store.create(std::nullopt);
  store.remove(token);
  EXPECT_FALSE(store.find(token));
  store.remove(token); // twice is harmless
}

TEST(SessionCookie, IsHttpOnlyStrictForTheWholeSiteAndClearedWithMaxAgeZero) {
  const std::string cookie = sessionCookie("abc");
  EXPECT_TRUE(startsWith(cookie, "convoca_session=abc;")) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Max-Age"), std::string::npos) << "a session cookie, gone with the browser";
  EXPECT_NE(sessionCookie("").find("Max-Age=0"), std::string::npos);
}

TEST(CookieValue, FindsTheNamedCookieAmongOthers) {
  EXPECT_EQ(cookieValue("theme=dark; convoca_session=tok123; lang=ca", "convoca_session"), "tok123");
  EXPECT_EQ(cookieValue("convoca_session=tok123", "convoca_session"), "tok123");
  EXPECT_EQ(cookieValue("theme=dark", "convoca_session"), "");
  EXPECT_EQ(cookieValue("", "convoca_session"), "");
  EXPECT_EQ(cookieValue("xconvoca_session=evil", "convoca_session"), "");
}

// ---- a loopback server without logins ---------------------------------------

const std::string kSavedSearch = R"({"name":"Habitatge","query":"q=habitatge"})";

class OpenServerTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<ScratchDir>();
    server_ =
        std::make_unique<WebServer>(testServerOptions(), std::make_unique<FakeSearchService>(routeResult()),
                                    nullptr, std::make_unique<state::StateDb>(dir_->file("state.db")));
    server_->start();
  }
  static void TearDownTestSuite() {
    server_.reset();
    dir_.reset();
  }
  static uint16_t port() { return server_->port(); }
  static ApiClient openClient() {
    ApiClient client(port());
    client.openSession();
    return client;
  }
  static size_t savedSearchCount() {
    return ApiClient(port()).get("/api/searches").json()->getValue<size_t>("total");
  }

  static inline std::unique_ptr<ScratchDir> dir_;
  static inline std::unique_ptr<WebServer> server_;
};

TEST_F(OpenServerTest, SessionRouteSetsAnHttpOnlyStrictCookieAndGivesACsrfToken) {
  ApiClient client(port());
  const HttpResult result = client.openSession();
  ASSERT_EQ(result.status, 200);
  const std::string setCookie = result.header("Set-Cookie");
  EXPECT_TRUE(startsWith(setCookie, "convoca_session=")) << setCookie;
  EXPECT_NE(setCookie.find("HttpOnly"), std::string::npos) << setCookie;
  EXPECT_NE(setCookie.find("SameSite=Strict"), std::string::npos) << setCookie;
  EXPECT_GE(client.cookie.size(), 32u);
  EXPECT_GE(client.csrfToken.size(), 32u);
  Poco::JSON::Object::Ptr json = result.json();
  EXPECT_FALSE(json->getValue<bool>("auth_required"));
  EXPECT_TRUE(json->isNull("user")) << "the local visitor has no name";
  EXPECT_EQ(json->getValue<std::string>("role"), "admin");
}

TEST_F(OpenServerTest, AKnownSessionKeepsItsCookieAndToken) {
  ApiClient client = openClient();
  const HttpResult again = client.get("/api/session");
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.header("Set-Cookie"), "") << "no new session for a known cookie";
  EXPECT_EQ(again.json()->getValue<std::string>("csrf_token"), client.csrfToken);
}

TEST_F(OpenServerTest, StateChangeWithoutTheCsrfTokenIs403AndChangesNothing) {
  ApiClient client = openClient();
  client.csrfToken.clear(); // the cookie alone, as a cross-site form would send it
  const size_t before = savedSearchCount();
  const HttpResult post = client.send("POST", "/api/searches", kSavedSearch);
  EXPECT_EQ(post.status, 403);
  EXPECT_NE(errorMessage(post).find("CSRF token missing or wrong"), std::string::npos) << post.body;
  EXPECT_EQ(client.send("PUT", "/api/pipeline", R"({"record_id":")" + kSoilId + R"(","state":"interesting"})")
                .status,
            403);
  EXPECT_EQ(client.send("DELETE", "/api/pipeline?record_id=" + kSoilId).status, 403);
  EXPECT_EQ(client.send("DELETE", "/api/session").status, 403);
  EXPECT_EQ(savedSearchCount(), before);
}

TEST_F(OpenServerTest, StateChangeWithAWrongCsrfTokenIs403) {
  ApiClient client = openClient();
  client.csrfToken = std::string(client.csrfToken.size(), 'A');
  EXPECT_EQ(client.send("POST", "/api/searches", kSavedSearch).status, 403);
  client.csrfToken = "short";
  EXPECT_EQ(client.send("POST", "/api/searches", kSavedSearch).status, 403);
}

TEST_F(OpenServerTest, TheCsrfTokenOfAnotherSessionIs403) {
  ApiClient mine = openClient();
  const ApiClient other = openClient();
  mine.csrfToken = other.csrfToken;
  EXPECT_EQ(mine.send("POST", "/api/searches", kSavedSearch).status, 403);
  ApiClient noCookie(port());
  noCookie.csrfToken = other.csrfToken;
  EXPECT_EQ(noCookie.send("POST", "/api/searches", kSavedSearch).status, 403);
}

TEST_F(OpenServerTest, WithTheCsrfTokenTheLocalVisitorMayChangeState) {
  ApiClient client = openClient();
  const size_t before = savedSearchCount();
  EXPECT_EQ(client.send("POST", "/api/searches", kSavedSearch).status, 201);
  EXPECT_EQ(savedSearchCount(), before + 1);
}

TEST_F(OpenServerTest, ACrossOriginRequestIs403EvenWithTheToken) {
  ApiClient client = openClient();
  const HttpResult foreign =
      client.send("POST", "/api/searches", kSavedSearch, "application/json",
                  [](Poco::Net::HTTPRequest& r) { r.set("Origin", "https://evil.example"); });
  EXPECT_EQ(foreign.status, 403);
  EXPECT_NE(errorMessage(foreign).find("cross-origin"), std::string::npos) << foreign.body;
  const std::string self = "http://127.0.0.1:" + std::to_string(port());
  EXPECT_EQ(client
                .send("POST", "/api/searches", kSavedSearch, "application/json",
                      [&self](Poco::Net::HTTPRequest& r) { r.set("Origin", self); })
                .status,
            201);
  const std::string v6 = "[::1]:" + std::to_string(port());
  EXPECT_EQ(client
                .send("POST", "/api/searches", kSavedSearch, "application/json",
                      [&v6](Poco::Net::HTTPRequest& r) {
                        r.set("Host", v6);
                        r.set("Origin", "http://" + v6);
                      })
                .status,
            201)
      << "the same origin written as an IPv6 address";
}

TEST_F(OpenServerTest, AHostHeaderThatIsNotLoopbackIs400) {
  const ApiClient client(port());
  const HttpResult rebound =
      client.get("/api/health", [](Poco::Net::HTTPRequest& r) { r.setHost("attacker.example", 80); });
  EXPECT_EQ(rebound.status, 400);
  EXPECT_NE(errorMessage(rebound).find("localhost"), std::string::npos) << rebound.body;
  EXPECT_EQ(client.get("/api/health", [](Poco::Net::HTTPRequest& r) { r.set("Host", "[::1]:8080"); }).status,
            200);
}

TEST_F(OpenServerTest, AJsonBodySentAsTextPlainIs415) {
  ApiClient client = openClient();
  const HttpResult result = client.send("POST", "/api/searches", kSavedSearch, "text/plain");
  EXPECT_EQ(result.status, 415);
  EXPECT_EQ(result.json()->getObject("error")->getValue<int>("status"), 415);
  EXPECT_EQ(client.send("POST", "/api/searches", kSavedSearch, "application/json; charset=utf-8").status, 201)
      << "parameters of the media type do not matter";
}

TEST_F(OpenServerTest, ABodyOverTheLimitIs413) {
  ApiClient client = openClient();
  const HttpResult result =
      client.send("POST", "/api/searches", "", "application/json",
                  [](Poco::Net::HTTPRequest& r) { r.setContentLength(256 * 1024 + 1); });
  EXPECT_EQ(result.status, 413);
  EXPECT_EQ(result.json()->getObject("error")->getValue<int>("status"), 413);
}

TEST_F(OpenServerTest, ABodyAtTheLimitIsRead) {
  ApiClient client = openClient();
  const std::string start = R"({"name":"big","query":")";
  const std::string end = R"("})";
  const std::string body = start + std::string(256 * 1024 - start.size() - end.size(), 'a') + end;
  ASSERT_EQ(body.size(), 256u * 1024u);
  const HttpResult result = client.send("POST", "/api/searches", body);
  EXPECT_EQ(result.status, 422) << "read and judged by the route: " << result.body;
}

TEST_F(OpenServerTest, MalformedJsonIs400) {
  ApiClient client = openClient();
  const HttpResult broken = client.send("POST", "/api/searches", R"({"name": "x", )");
  EXPECT_EQ(broken.status, 400);
  EXPECT_NE(errorMessage(broken).find("not valid JSON"), std::string::npos) << broken.body;
  EXPECT_EQ(client.send("POST", "/api/searches", R"(["name"])").status, 400) << "an array is not an object";
}

// ---- logins, roles and sessions ---------------------------------------------

// Few PBKDF2 iterations: the suite checks the login, not the hash's cost.
constexpr int kFastHash = 1000;

std::unique_ptr<state::StateDb> dbWithUsers(const std::string& path) {
  auto db = std::make_unique<state::StateDb>(path);
  db->saveUser({"vera", state::Role::Viewer, hashPassword("vera-pass", kFastHash), "", ""});
  db->saveUser({"ed", state::Role::Editor, hashPassword("ed-pass", kFastHash), "", ""});
  db->saveUser({"ada", state::Role::Admin, hashPassword("ada-pass", kFastHash), "", ""});
  return db;
}

std::unique_ptr<WebServer> loginServer(const std::string& dbPath) {
  WebServerOptions options = testServerOptions();
  options.authRequired = true;
  auto server = std::make_unique<WebServer>(options, std::make_unique<FakeSearchService>(routeResult()),
                                            nullptr, dbWithUsers(dbPath));
  server->start();
  return server;
}

const std::string kPipelineEntry =
    R"({"record_id":")" + kSoilId + R"(","profile_id":"","state":"interesting"})";

class LoginServerTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<ScratchDir>();
    server_ = loginServer(dir_->file("state.db"));
  }
  static void TearDownTestSuite() {
    server_.reset();
    dir_.reset();
  }
  static uint16_t port() { return server_->port(); }
  static ApiClient loggedIn(const std::string& user, const std::string& password) {
    ApiClient client(port());
    client.openSession();
    const HttpResult result = client.login(user, password);
    EXPECT_EQ(result.status, 200) << result.body;
    return client;
  }

  static inline std::unique_ptr<ScratchDir> dir_;
  static inline std::unique_ptr<WebServer> server_;
};

TEST_F(LoginServerTest, AFeedTokenOpensThatUsersFeedsAndNothingElse) {
  ApiClient ed = loggedIn("ed", "ed-pass");
  const HttpResult session = ed.get("/api/session");
  const std::string token = session.json()->optValue<std::string>("feed_token", "");
  ASSERT_FALSE(token.empty()) << session.body;
  EXPECT_EQ(token, feedToken("ed", state::StateDb(dir_->file("state.db")).user("ed")->passwordHash));

  ApiClient reader(port()); // a calendar app: no session, only the link
  EXPECT_EQ(reader.get("/api/calendar.ics").status, 401);
  const HttpResult feed = reader.get("/api/calendar.ics?token=" + token);
  EXPECT_EQ(feed.status, 200) << feed.body;
  EXPECT_NE(feed.body.find("BEGIN:VCALENDAR"), std::string::npos);
  EXPECT_EQ(reader.get("/api/calendar.ics?token=" + token + "x").status, 401)
      << "a wrong token opens nothing";
  EXPECT_EQ(reader.get("/api/calendar?token=" + token).status, 401) << "only feeds take a token";
  EXPECT_EQ(reader.get("/api/search?q=soil&token=" + token).status, 401);
}

TEST(FeedToken, ChangesWithThePasswordSoOldLinksStopWorking) {
  const std::string before = feedToken("ed", hashPassword("ed-pass", kFastHash));
  const std::string after = feedToken("ed", hashPassword("ed-pass", kFastHash)); // new salt
  EXPECT_NE(before, after);
  const std::string hash = hashPassword("ed-pass", kFastHash);
  EXPECT_EQ(feedToken("ed", hash), feedToken("ed", hash));
  EXPECT_NE(feedToken("ed", hash), feedToken("vera", hash));
  EXPECT_EQ(before.size(), 43u) << "32 bytes, unpadded base64url";
}

TEST(SessionCookie, IsSecureWhenAskedFor) {
  EXPECT_NE(sessionCookie("abc", true).find("; Secure"), std::string::npos);
  EXPECT_EQ(sessionCookie("abc").find("Secure"), std::string::npos);
}

TEST_F(LoginServerTest, EveryRouteButThePublicOnesNeedsALogin) {
  ApiClient client(port());
  const HttpResult session = client.openSession();
  ASSERT_EQ(session.status, 200);
  EXPECT_TRUE(session.json()->getValue<bool>("auth_required"));
  EXPECT_TRUE(session.json()->isNull("user"));
  EXPECT_TRUE(session.json()->isNull("role"));
  for (const char* uri : {"/api/search?q=soil", "/api/pipeline", "/api/searches", "/api/sources", "/api/runs",
                          "/api/calendar", "/api/calls/bdns:716352"}) {
    const HttpResult result = client.get(uri);
    EXPECT_EQ(result.status, 401) << uri;
    EXPECT_EQ(errorMessage(result), "log in first") << uri;
  }
  EXPECT_EQ(client.send("PUT", "/api/pipeline", kPipelineEntry).status, 401);
  for (const char* uri : {"/", "/static/app.js", "/api/health", "/api/openapi.json"})
    EXPECT_EQ(client.get(uri).status, 200) << uri << " is public";
}

TEST_F(LoginServerTest, AWrongPasswordIs401AndLeavesTheVisitorLoggedOut) {
  ApiClient client(port());
  client.openSession();
  const std::string before = client.cookie;
  const HttpResult result = client.login("ed", "not-eds-pass");
  EXPECT_EQ(result.status, 401);
  EXPECT_EQ(errorMessage(result), "wrong user name or password");
  EXPECT_EQ(result.header("Set-Cookie"), "");
  EXPECT_EQ(client.cookie, before);
  EXPECT_EQ(client.get("/api/search?q=soil").status, 401);
  EXPECT_EQ(client.login("ed", "").status, 400) << "an empty password is a bad request";
}

TEST_F(LoginServerTest, AnUnknownUserIs401LikeAWrongPassword) {
  ApiClient client(port());
  client.openSession();
  const HttpResult result = client.login("mallory", "ed-pass");
  EXPECT_EQ(result.status, 401);
  EXPECT_EQ(errorMessage(result), "wrong user name or password")
      << "the answer does not tell which was wrong";
}

TEST_F(LoginServerTest, LoginNeedsTheCsrfTokenOfTheSession) {
  ApiClient client(port());
  client.openSession();
  client.csrfToken.clear();
  EXPECT_EQ(client.login("ed", "ed-pass").status, 403);
}

TEST_F(LoginServerTest, LoginStartsANewSessionSoAPlantedCookieIsWorthNothing) {
  ApiClient client(port());
  client.openSession();
  const std::string planted = client.cookie;
  const std::string plantedCsrf = client.csrfToken;
  const HttpResult result = client.login("ed", "ed-pass");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_NE(client.cookie, planted) << "session fixation: the token must change on login";
  EXPECT_NE(client.csrfToken, plantedCsrf);
  EXPECT_NE(result.header("Set-Cookie").find("HttpOnly"), std::string::npos);
  Poco::JSON::Object::Ptr user = result.json()->getObject("user");
  ASSERT_TRUE(user);
  EXPECT_EQ(user->getValue<std::string>("name"), "ed");
  EXPECT_EQ(user->getValue<std::string>("role"), "editor");
  EXPECT_EQ(client.get("/api/search?q=soil").status, 200);

  ApiClient attacker(port());
  attacker.cookie = planted;
  EXPECT_EQ(attacker.get("/api/search?q=soil").status, 401) << "the pre-login cookie must not be logged in";
  const HttpResult session = attacker.get("/api/session");
  EXPECT_TRUE(session.json()->isNull("user"));
  EXPECT_NE(sessionCookieSet(session), "") << "the old token is unknown: a new anonymous session starts";
}

TEST_F(LoginServerTest, AViewerReadsButMayNotChangeThePipeline) {
  const ApiClient viewer = loggedIn("vera", "vera-pass");
  EXPECT_EQ(viewer.get("/api/pipeline").status, 200);
  const HttpResult refused = viewer.send("PUT", "/api/pipeline", kPipelineEntry);
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(errorMessage(refused).find("editor"), std::string::npos) << refused.body;
  EXPECT_EQ(viewer.send("POST", "/api/searches", kSavedSearch).status, 403);
}

TEST_F(LoginServerTest, AnEditorMayChangeThePipelineUnderTheirName) {
  const ApiClient editor = loggedIn("ed", "ed-pass");
  const HttpResult result = editor.send("PUT", "/api/pipeline", kPipelineEntry);
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json()->getValue<std::string>("updated_by"), "ed");
  const ApiClient admin = loggedIn("ada", "ada-pass");
  EXPECT_EQ(admin.send("DELETE", "/api/pipeline?record_id=" + kSoilId + "&profile_id=").status, 204);
}

TEST_F(LoginServerTest, LogoutEndsTheSessionAndClearsTheCookie) {
  const ApiClient editor = loggedIn("ed", "ed-pass");
  const HttpResult result = editor.send("DELETE", "/api/session");
  EXPECT_EQ(result.status, 204);
  EXPECT_NE(result.header("Set-Cookie").find("Max-Age=0"), std::string::npos) << result.header("Set-Cookie");
  EXPECT_EQ(editor.get("/api/search?q=soil").status, 401);
  EXPECT_EQ(editor.send("PUT", "/api/pipeline", kPipelineEntry).status, 403) << "its CSRF token died with it";
}

TEST_F(LoginServerTest, AnyHostHeaderIsServedWhenLoginsGuardTheServer) {
  // Behind a reverse proxy the Host is the public name; logins, not the Host, protect it.
  const HttpResult result = ApiClient(port()).get(
      "/api/health", [](Poco::Net::HTTPRequest& r) { r.setHost("convoca.example.org", 443); });
  EXPECT_EQ(result.status, 200);
}

TEST(LoginRateLimit, TooManyAttemptsAre429WithRetryAfter) {
  ScratchDir dir;
  std::unique_ptr<WebServer> server = loginServer(dir.file("state.db"));
  ApiClient client(server->port());
  client.openSession();
  int refusedAt = 0;
  for (int attempt = 1; attempt <= 20 && refusedAt == 0; ++attempt) {
    const HttpResult result = client.login("ed", "guess-" + std::to_string(attempt));
    if (result.status == 429) {
      refusedAt = attempt;
      const std::string retryAfter = result.header("Retry-After");
      ASSERT_FALSE(retryAfter.empty());
      EXPECT_GE(std::stoi(retryAfter), 1);
    } else {
      EXPECT_EQ(result.status, 401) << "attempt " << attempt;
    }
  }
  EXPECT_EQ(refusedAt, 11) << "ten attempts a minute, then 429";
  EXPECT_EQ(client.login("ed", "ed-pass").status, 429) << "even the right password waits";
}

// ---- request rate and start-up refusals -------------------------------------

TEST(RequestRateLimit, AClientOverItsBurstGets429WithRetryAfter) {
  WebServerOptions options = testServerOptions();
  options.requestsPerSecond = 0.2;
  options.requestBurst = 3;
  WebServer server(options, std::make_unique<FakeSearchService>(routeResult()));
  server.start();
  const ApiClient client(server.port());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(client.get("/api/health").status, 200) << "request " << i;
  const HttpResult refused = client.get("/api/health");
  EXPECT_EQ(refused.status, 429);
  EXPECT_GE(std::stoi(refused.header("Retry-After").empty() ? "0" : refused.header("Retry-After")), 1);
  EXPECT_EQ(refused.json()->getObject("error")->getValue<int>("status"), 429);
}

TEST(ServerStart, RefusesANonLoopbackListenWithoutUsersNamingTheCommandToAddOne) {
  ScratchDir dir;
  WebServerOptions options = testServerOptions();
  options.listen = "192.0.2.10:0";
  WebServer server(options, std::make_unique<FakeSearchService>(routeResult()), nullptr,
                   std::make_unique<state::StateDb>(dir.file("state.db")));
  try {
    server.start();
    ADD_FAILURE() << "a non-loopback address without users was accepted";
  } catch (const ListenError& error) {
    EXPECT_NE(std::string(error.what()).find("convoca user add"), std::string::npos) << error.what();
  }
  EXPECT_FALSE(server.running());
}

TEST(ServerStart, RefusesRequiredLoginsOnLoopbackWithoutUsers) {
  ScratchDir dir;
  WebServerOptions options = testServerOptions();
  options.authRequired = true;
  WebServer server(options, std::make_unique<FakeSearchService>(routeResult()), nullptr,
                   std::make_unique<state::StateDb>(dir.file("state.db")));
  EXPECT_THROW(server.start(), ListenError);
  EXPECT_FALSE(server.running());
}

TEST(ServerStart, WithUsersANonLoopbackAddressGetsPastTheLoginCheck) {
  // 192.0.2.10 (TEST-NET-1) is nobody's address: binding fails, but for the
  // address, not for want of users.
  ScratchDir dir;
  WebServerOptions options = testServerOptions();
  options.listen = "192.0.2.10:0";
  WebServer server(options, std::make_unique<FakeSearchService>(routeResult()), nullptr,
                   dbWithUsers(dir.file("state.db")));
  try {
    server.start();
    server.stop();
  } catch (const ListenError& error) {
    EXPECT_EQ(std::string(error.what()).find("convoca user add"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("cannot listen"), std::string::npos) << error.what();
  }
}

} // namespace
} // namespace convoca::web::testing
