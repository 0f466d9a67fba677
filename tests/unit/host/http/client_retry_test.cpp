// Retries, Retry-After, timeouts, connection errors and cancellation.
#include "client_test_support.h"
#include "test_server.h"

#include <atomic>
#include <gtest/gtest.h>
#include <thread>

namespace convoca::http {
namespace {

using convoca::testing::respond;
using convoca::testing::TestServer;
using test_support::fastOptions;
using test_support::get;
using test_support::millisecondsSince;
using test_support::thrownBy;

TEST(ClientRetry, WaitsForRetryAfterThenSucceeds) {
  TestServer server;
  server.onSequence("/busy", {respond(503, "busy", {{"Retry-After", "1"}}), respond(200, "ready")});
  int beats = 0;
  ClientOptions options = fastOptions();
  options.heartbeat = [&] { ++beats; };
  Client client(options);

  const auto start = std::chrono::steady_clock::now();
  const Response response = client.fetch(get(server.url("/busy")));

  EXPECT_GE(millisecondsSince(start), 1000);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "ready");
  EXPECT_EQ(response.attempts, 2);
  EXPECT_EQ(server.requestsTo("/busy").size(), 2u);
  EXPECT_GE(beats, 2) << "the heartbeat must keep beating during a 1 s wait";
}

TEST(ClientRetry, RetriesTooManyRequests) {
  TestServer server;
  server.onSequence("/limited", {respond(429), respond(429), respond(200, "ok")});
  Client client(fastOptions());

  const Response response = client.fetch(get(server.url("/limited")));

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.attempts, 3);
}

TEST(ClientRetry, ReturnsTheLastServerErrorWhenRetriesRunOut) {
  TestServer server;
  server.on("/broken", respond(500, "internal error"));
  ClientOptions options = fastOptions();
  options.maxRetries = 3;
  std::vector<std::string> warnings;
  options.log = [&](int level, const std::string& message) {
    if (level == 2) warnings.push_back(message);
  };
  Client client(options);

  const Response response = client.fetch(get(server.url("/broken")));

  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body, "internal error");
  EXPECT_EQ(response.attempts, 4);
  EXPECT_EQ(server.requestsTo("/broken").size(), 4u);
  ASSERT_EQ(warnings.size(), 4u) << "each retry is logged, and the giving up";
  EXPECT_NE(warnings[0].find("HTTP 500; retry 1/3 in"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[3].find("HTTP 500 after 4 attempts; giving up"), std::string::npos) << warnings[3];
}

TEST(ClientRetry, ClientErrorsAreAnswersNotRetried) {
  TestServer server;
  server.on("/missing", respond(404, "no such call"));
  Client client(fastOptions());

  const Response response = client.fetch(get(server.url("/missing")));

  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.attempts, 1);
  EXPECT_EQ(server.requestsTo("/missing").size(), 1u);
}

TEST(ClientRetry, StalledServerTimesOutAfterRetries) {
  TestServer server;
  server.on("/slow", server.stallThen(std::chrono::seconds(3), respond(200, "too late")));
  ClientOptions options = fastOptions();
  options.readTimeoutMs = 200;
  options.maxRetries = 1;
  Client client(options);

  const auto start = std::chrono::steady_clock::now();
  const auto thrown = thrownBy([&] { client.fetch(get(server.url("/slow"))); });

  ASSERT_TRUE(thrown.thrown);
  EXPECT_EQ(thrown.kind, ErrorKind::Timeout) << thrown.message;
  EXPECT_NE(thrown.message.find("gave up after 2 attempts"), std::string::npos) << thrown.message;
  EXPECT_LT(millisecondsSince(start), 2000);
  EXPECT_EQ(server.requestsTo("/slow").size(), 2u);
}

TEST(ClientRetry, RefusedConnectionIsRetriedThenANetworkError) {
  std::string deadUrl;
  {
    TestServer gone;
    deadUrl = gone.url("/nobody");
  }
  ClientOptions options = fastOptions();
  options.maxRetries = 1;
  Client client(options);

  const auto thrown = thrownBy([&] { client.fetch(get(deadUrl)); });

  ASSERT_TRUE(thrown.thrown);
  EXPECT_EQ(thrown.kind, ErrorKind::Network) << thrown.message;
}

TEST(ClientRetry, RetryAfterBeyondTheLimitGivesUpAtOnce) {
  TestServer server;
  server.on("/later", respond(503, "", {{"Retry-After", "3600"}}));
  ClientOptions options = fastOptions();
  options.retryAfterMaxSec = 300;
  Client client(options);

  const auto thrown = thrownBy([&] { client.fetch(get(server.url("/later"))); });

  ASSERT_TRUE(thrown.thrown);
  EXPECT_EQ(thrown.kind, ErrorKind::RetryAfterTooLong);
  EXPECT_NE(thrown.message.find("3600 s"), std::string::npos) << thrown.message;
  EXPECT_EQ(server.requestsTo("/later").size(), 1u);
}

TEST(ClientRetry, CancellationStopsARetryWait) {
  TestServer server;
  server.on("/busy", respond(503, "", {{"Retry-After", "20"}}));
  std::atomic<bool> stop{false};
  ClientOptions options = fastOptions();
  options.cancelled = [&] { return stop.load(); };
  Client client(options);
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
  });

  const auto start = std::chrono::steady_clock::now();
  const auto thrown = thrownBy([&] { client.fetch(get(server.url("/busy"))); });
  canceller.join();

  ASSERT_TRUE(thrown.thrown);
  EXPECT_EQ(thrown.kind, ErrorKind::Cancelled);
  EXPECT_LT(millisecondsSince(start), 1500);
}

TEST(ClientRetry, CancellationBreaksOffAStalledTransfer) {
  TestServer server;
  server.on("/slow", server.stallThen(std::chrono::seconds(10), respond(200)));
  std::atomic<bool> stop{false};
  ClientOptions options = fastOptions();
  options.readTimeoutMs = 20000;
  options.cancelled = [&] { return stop.load(); };
  Client client(options);
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
  });

  const auto start = std::chrono::steady_clock::now();
  const auto thrown = thrownBy([&] { client.fetch(get(server.url("/slow"))); });
  canceller.join();

  ASSERT_TRUE(thrown.thrown);
  EXPECT_EQ(thrown.kind, ErrorKind::Cancelled);
  EXPECT_LT(millisecondsSince(start), 1500);
}

TEST(ClientRetry, HeartbeatKeepsBeatingWhileAResponseIsSlow) {
  TestServer server;
  server.on("/slow", server.stallThen(std::chrono::milliseconds(1200), respond(200, "finally")));
  std::vector<std::chrono::steady_clock::time_point> beats;
  ClientOptions options = fastOptions();
  options.readTimeoutMs = 5000;
  options.heartbeat = [&] { beats.push_back(std::chrono::steady_clock::now()); };
  Client client(options);

  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(client.fetch(get(server.url("/slow"))).body, "finally");

  ASSERT_GE(beats.size(), 3u);
  auto previous = start;
  for (const auto& beat : beats) {
    EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(beat - previous).count(), 1000);
    previous = beat;
  }
}

TEST(ClientRetry, AlreadyCancelledClientSendsNothing) {
  TestServer server;
  server.on("/page", respond(200));
  ClientOptions options = fastOptions();
  options.cancelled = [] { return true; };
  Client client(options);

  EXPECT_EQ(thrownBy([&] { client.fetch(get(server.url("/page"))); }).kind, ErrorKind::Cancelled);
  EXPECT_TRUE(server.requests().empty());
}

} // namespace
} // namespace convoca::http
