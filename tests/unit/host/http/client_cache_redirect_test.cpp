// Conditional GET through the cache, and redirects.
#include "client_test_support.h"
#include "test_server.h"

#include <Poco/TemporaryFile.h>
#include <gtest/gtest.h>

namespace convoca::http {
namespace {

using convoca::testing::Handler;
using convoca::testing::redirectTo;
using convoca::testing::respond;
using convoca::testing::SeenRequest;
using convoca::testing::TestServer;
using test_support::fastOptions;
using test_support::get;
using test_support::thrownBy;

const std::string kEtag = "\"v1\"";
const std::string kLastModified = "Wed, 07 Feb 2024 17:00:00 GMT";

// Answers 304 when the client proves it holds version v1.
Handler versionedResource(const std::string& body) {
  return [body](const SeenRequest& seen, Poco::Net::HTTPServerResponse& response) {
    if (seen.header("If-None-Match") == kEtag) {
      response.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
      response.send();
      return;
    }
    respond(200, body, {{"ETag", kEtag}, {"Last-Modified", kLastModified}}, "application/json")(seen,
                                                                                                response);
  };
}

class ClientCache : public ::testing::Test {
protected:
  ClientCache() { cacheDir_.createDirectories(); }
  ClientOptions cachedOptions() const {
    ClientOptions options = fastOptions();
    options.cacheDir = cacheDir_.path();
    return options;
  }

private:
  Poco::TemporaryFile cacheDir_; // removed with its contents at the end of the test
};

TEST_F(ClientCache, NotModifiedAnswerServesTheCachedBody) {
  TestServer server;
  server.on("/calls", versionedResource("{\"calls\": [1, 2]}"));
  Client client(cachedOptions());

  const Response first = client.fetch(get(server.url("/calls")));
  const Response second = client.fetch(get(server.url("/calls")));

  EXPECT_EQ(first.status, 200);
  EXPECT_FALSE(first.fromCache);
  EXPECT_EQ(second.status, 200);
  EXPECT_TRUE(second.fromCache);
  EXPECT_EQ(second.body, "{\"calls\": [1, 2]}");
  EXPECT_EQ(second.contentType, "application/json");
  const auto seen = server.requestsTo("/calls");
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].header("If-None-Match"), "");
  EXPECT_EQ(seen[1].header("If-None-Match"), kEtag);
  EXPECT_EQ(seen[1].header("If-Modified-Since"), kLastModified);
}

TEST_F(ClientCache, CacheSurvivesANewClient) {
  TestServer server;
  server.on("/calls", versionedResource("cached across runs"));
  Client(cachedOptions()).fetch(get(server.url("/calls")));

  const Response next = Client(cachedOptions()).fetch(get(server.url("/calls")));

  EXPECT_TRUE(next.fromCache);
  EXPECT_EQ(next.body, "cached across runs");
}

TEST_F(ClientCache, NoCacheRequestSendsNoValidators) {
  TestServer server;
  server.on("/calls", versionedResource("fresh"));
  Client client(cachedOptions());
  client.fetch(get(server.url("/calls")));
  Request request = get(server.url("/calls"));
  request.noCache = true;

  const Response response = client.fetch(request);

  EXPECT_FALSE(response.fromCache);
  EXPECT_EQ(server.requestsTo("/calls").at(1).header("If-None-Match"), "");
}

TEST_F(ClientCache, ChangedResourceReplacesTheCachedCopy) {
  TestServer server;
  server.onSequence("/doc", {respond(200, "old", {{"ETag", "\"a\""}}),
                             respond(200, "new", {{"ETag", "\"b\""}}), versionedResource("unused")});
  Client client(cachedOptions());

  client.fetch(get(server.url("/doc")));
  const Response changed = client.fetch(get(server.url("/doc")));

  EXPECT_EQ(changed.body, "new");
  EXPECT_FALSE(changed.fromCache);
  client.fetch(get(server.url("/doc")));
  EXPECT_EQ(server.requestsTo("/doc").at(2).header("If-None-Match"), "\"b\"");
}

TEST(ClientRedirect, FollowsRedirectsToTheFinalUrl) {
  TestServer server;
  server.on("/old", redirectTo(301, "/moved"));
  server.on("/moved", redirectTo(302, server.url("/final?x=1")));
  server.on("/final", respond(200, "arrived"));
  Client client(fastOptions());

  const Response response = client.fetch(get(server.url("/old")));

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "arrived");
  EXPECT_EQ(response.finalUrl, server.url("/final?x=1"));
}

TEST(ClientRedirect, SeeOtherTurnsAPostIntoAGet) {
  TestServer server;
  server.on("/submit", redirectTo(303, "/result"));
  server.on("/result", respond(200, "done"));
  Client client(fastOptions());
  Request request;
  request.method = "POST";
  request.url = server.url("/submit");
  request.body = "a=1";
  request.contentType = "application/x-www-form-urlencoded";

  EXPECT_EQ(client.fetch(request).body, "done");
  EXPECT_EQ(server.requestsTo("/result").at(0).method, "GET");
}

TEST(ClientRedirect, LoopIsAnError) {
  TestServer server;
  server.on("/ping", redirectTo(302, "/pong"));
  server.on("/pong", redirectTo(302, "/ping"));
  Client client(fastOptions());

  const auto thrown = thrownBy([&] { client.fetch(get(server.url("/ping"))); });

  EXPECT_EQ(thrown.kind, ErrorKind::TooManyRedirects);
  EXPECT_NE(thrown.message.find("loop"), std::string::npos) << thrown.message;
}

TEST(ClientRedirect, TooManyRedirectsIsAnError) {
  TestServer server;
  for (int hop = 0; hop < 8; ++hop)
    server.on("/hop" + std::to_string(hop), redirectTo(307, "/hop" + std::to_string(hop + 1)));
  ClientOptions options = fastOptions();
  options.maxRedirects = 5;
  Client client(options);

  const auto thrown = thrownBy([&] { client.fetch(get(server.url("/hop0"))); });

  EXPECT_EQ(thrown.kind, ErrorKind::TooManyRedirects);
  EXPECT_EQ(server.requests().size(), 6u); // the first request and five redirects
}

TEST(ClientRedirect, RobotsTxtIsCheckedOnTheRedirectTarget) {
  TestServer origin;
  TestServer target;
  target.on("/robots.txt", respond(200, "User-agent: *\nDisallow: /closed\n"));
  origin.on("/go", redirectTo(302, target.url("/closed/page")));
  ClientOptions options = fastOptions();
  options.obeyRobots = true;
  Client client(options);

  EXPECT_EQ(thrownBy([&] { client.fetch(get(origin.url("/go"))); }).kind, ErrorKind::RobotsDisallowed);
  EXPECT_TRUE(target.requestsTo("/closed/page").empty());
}

} // namespace
} // namespace convoca::http
