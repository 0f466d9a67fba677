// robots.txt, per-host pacing and the User-Agent.
#include "client_test_support.h"
#include "test_server.h"

#include <gtest/gtest.h>

namespace convoca::http {
namespace {

using convoca::testing::respond;
using convoca::testing::TestServer;
using test_support::fastOptions;
using test_support::get;
using test_support::millisecondsSince;
using test_support::thrownBy;

ClientOptions robotsOptions() {
  ClientOptions options = fastOptions();
  options.obeyRobots = true;
  options.maxRetries = 0;
  return options;
}

TEST(ClientRobots, DisallowedUrlIsRefusedWithoutRequestingIt) {
  TestServer server;
  server.on("/robots.txt", respond(200, "User-agent: *\nDisallow: /private\n"));
  server.on("/private/report", respond(200, "secret"));
  server.on("/public", respond(200, "hello"));
  Client client(robotsOptions());

  const auto thrown = thrownBy([&] { client.fetch(get(server.url("/private/report"))); });
  const Response allowed = client.fetch(get(server.url("/public")));

  ASSERT_TRUE(thrown.thrown);
  EXPECT_EQ(thrown.kind, ErrorKind::RobotsDisallowed);
  EXPECT_NE(thrown.message.find(server.url("/private/report")), std::string::npos) << thrown.message;
  EXPECT_NE(thrown.message.find("Disallow: /private"), std::string::npos) << thrown.message;
  EXPECT_TRUE(server.requestsTo("/private/report").empty());
  EXPECT_EQ(allowed.body, "hello");
  EXPECT_EQ(server.requestsTo("/robots.txt").size(), 1u) << "robots.txt is fetched once per host";
}

TEST(ClientRobots, GroupForOurTokenApplies) {
  TestServer server;
  server.on("/robots.txt", respond(200, "User-agent: *\nAllow: /\n\nUser-agent: convoca\nDisallow: /api\n"));
  server.on("/api/search", respond(200));
  Client client(robotsOptions());

  EXPECT_EQ(thrownBy([&] { client.fetch(get(server.url("/api/search"))); }).kind,
            ErrorKind::RobotsDisallowed);
  EXPECT_TRUE(server.requestsTo("/api/search").empty());
}

TEST(ClientRobots, MissingRobotsTxtAllowsEverything) {
  TestServer server; // no /robots.txt route: 404
  server.on("/page", respond(200, "content"));
  Client client(robotsOptions());

  EXPECT_EQ(client.fetch(get(server.url("/page"))).body, "content");
  EXPECT_EQ(server.requestsTo("/robots.txt").size(), 1u);
}

TEST(ClientRobots, UnreachableRobotsTxtMeansCompleteDisallow) {
  TestServer server;
  server.on("/robots.txt", respond(503));
  server.on("/page", respond(200));
  Client client(robotsOptions());

  const auto thrown = thrownBy([&] { client.fetch(get(server.url("/page"))); });

  EXPECT_EQ(thrown.kind, ErrorKind::RobotsDisallowed);
  EXPECT_NE(thrown.message.find("503"), std::string::npos) << thrown.message;
  EXPECT_TRUE(server.requestsTo("/page").empty());
}

TEST(ClientRobots, IgnoredWhenObeyRobotsIsOff) {
  TestServer server;
  server.on("/robots.txt", respond(200, "User-agent: *\nDisallow: /\n"));
  server.on("/page", respond(200, "fetched"));
  Client client(fastOptions());

  EXPECT_EQ(client.fetch(get(server.url("/page"))).body, "fetched");
  EXPECT_TRUE(server.requestsTo("/robots.txt").empty());
}

TEST(ClientRobots, CrawlDelayRaisesTheHostInterval) {
  TestServer server;
  server.on("/robots.txt", respond(200, "User-agent: *\nCrawl-delay: 0.3\n"));
  server.on("/page", respond(200));
  Client client(robotsOptions());

  client.fetch(get(server.url("/page")));
  client.fetch(get(server.url("/page")));

  const auto seen = server.requestsTo("/page");
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_GE(
      std::chrono::duration_cast<std::chrono::milliseconds>(seen[1].receivedAt - seen[0].receivedAt).count(),
      280);
}

TEST(ClientPacing, RequestsToOneHostAreSpacedByTheMinimumInterval) {
  TestServer server;
  server.on("/page", respond(200));
  ClientOptions options = fastOptions();
  options.perHostMinIntervalSec = 0.3;
  Client client(options);

  const auto start = std::chrono::steady_clock::now();
  client.fetch(get(server.url("/page")));
  client.fetch(get(server.url("/page")));

  EXPECT_GE(millisecondsSince(start), 300);
  const auto seen = server.requestsTo("/page");
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_GE(
      std::chrono::duration_cast<std::chrono::milliseconds>(seen[1].receivedAt - seen[0].receivedAt).count(),
      280);
}

TEST(ClientPacing, DifferentHostsDoNotWaitForEachOther) {
  TestServer first;
  TestServer second;
  first.on("/page", respond(200));
  second.on("/page", respond(200));
  ClientOptions options = fastOptions();
  options.perHostMinIntervalSec = 2.0;
  Client client(options);

  const auto start = std::chrono::steady_clock::now();
  client.fetch(get(first.url("/page")));
  client.fetch(get(second.url("/page")));

  EXPECT_LT(millisecondsSince(start), 1000);
}

TEST(ClientIdentity, SendsItsUserAgentNotTheCallers) {
  TestServer server;
  server.on("/page", respond(200));
  Client client(fastOptions());
  Request request = get(server.url("/page"));
  request.headers = {{"User-Agent", "spoofed"}, {"Accept", "application/json"}};

  client.fetch(request);

  const auto seen = server.requestsTo("/page");
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].header("User-Agent"), fastOptions().userAgent);
  EXPECT_EQ(seen[0].header("Accept"), "application/json");
}

TEST(ClientIdentity, DefaultUserAgentNamesConvocaAndItsVersion) {
  EXPECT_EQ(defaultUserAgent().rfind("convoca/", 0), 0u) << defaultUserAgent();
  EXPECT_NE(defaultUserAgent().find("(+https://"), std::string::npos);
  EXPECT_EQ(ClientOptions().userAgent, defaultUserAgent());
}

TEST(ClientIdentity, TlsHandshakeWithAPlainServerIsATransportError) {
  TestServer server; // speaks plain HTTP only
  ClientOptions options = fastOptions();
  options.maxRetries = 0;
  Client client(options);
  const std::string httpsUrl = "https://127.0.0.1:" + std::to_string(server.port()) + "/page";

  const auto thrown = thrownBy([&] { client.fetch(get(httpsUrl)); });

  ASSERT_TRUE(thrown.thrown);
  // The plain server either answers the ClientHello with an HTTP error and
  // closes (Network) or waits for a request line that never comes (Timeout):
  // which one depends on timing; a success or any other kind is wrong.
  EXPECT_TRUE(thrown.kind == ErrorKind::Network || thrown.kind == ErrorKind::Timeout) << thrown.message;
}

TEST(ClientIdentity, RejectsUrlsThatAreNotHttp) {
  Client client(fastOptions());
  EXPECT_EQ(thrownBy([&] { client.fetch(get("ftp://example.org/file")); }).kind, ErrorKind::BadUrl);
  EXPECT_EQ(thrownBy([&] { client.fetch(get("/relative/path")); }).kind, ErrorKind::BadUrl);
}

} // namespace
} // namespace convoca::http
