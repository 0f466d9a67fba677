// Slow and greedy clients against a real server (host/web/src/connection_guard.h):
// slowloris connections are cut at the request deadline so others are served,
// one client address cannot hold more than its share (an idle keep-alive one
// of its connections is closed for a new one instead), and stop() does not
// wait for clients that never finish their request.
#include "web_test_support.h"

#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketStream.h>
#include <Poco/Net/StreamSocket.h>
#include <chrono>
#include <gtest/gtest.h>
#include <thread>
#include <vector>

namespace convoca::web::testing {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Another loopback address, so the server sees the slow clients as a client of
// their own (the test's good requests come from 127.0.0.1).
const Poco::Net::SocketAddress kSlowClientAddress("127.0.0.2", 0);

std::unique_ptr<WebServer> serverWith(unsigned threads, std::chrono::milliseconds deadline,
                                      unsigned perClient) {
  WebServerOptions options;
  options.listen = "127.0.0.1:0";
  options.assetDir = kAssetDir;
  options.maxThreads = threads;
  options.requestDeadline = deadline;
  options.maxConnectionsPerClient = perClient;
  auto server = std::make_unique<WebServer>(options, std::make_unique<FakeSearchService>(cannedResult()));
  server->start();
  return server;
}

// A connection from 127.0.0.2 that has sent the start of a request and never its end.
Poco::Net::StreamSocket slowClient(uint16_t port) {
  Poco::Net::StreamSocket socket;
  socket.impl()->bind(kSlowClientAddress, false);
  socket.connect(Poco::Net::SocketAddress("127.0.0.1", port));
  const std::string start = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  socket.sendBytes(start.data(), static_cast<int>(start.size()));
  return socket;
}

// Sends one more header byte; false once the server has closed the connection.
bool dripOneByte(Poco::Net::StreamSocket& socket) {
  try {
    socket.sendBytes("X", 1);
    if (socket.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) {
      char byte;
      return socket.receiveBytes(&byte, 1) > 0;
    }
    return true;
  } catch (const Poco::Exception&) {
    return false; // reset by the server
  }
}

TEST(SlowClients, AreCutAtTheRequestDeadlineSoOtherClientsAreServed) {
  // Four threads and eight slowloris connections: without the deadline every
  // thread would wait on a client that sends a byte now and then, for ever.
  auto server = serverWith(4, 1000ms, /*perClient=*/0);
  std::vector<Poco::Net::StreamSocket> slow;
  for (int i = 0; i < 8; ++i) slow.push_back(slowClient(server->port()));
  std::vector<bool> open(slow.size(), true);

  const auto started = Clock::now();
  HttpResult good = httpRequest(server->port(), "GET", "/api/health");
  const auto waited = Clock::now() - started;
  EXPECT_EQ(good.status, 200);
  EXPECT_LT(waited, 4s) << "the good client waited behind the slow ones";

  // The slow clients keep dripping bytes; each is cut within about two deadlines
  // (four are served at once, the other four wait for a thread first).
  const auto giveUpAt = Clock::now() + 4s;
  size_t stillOpen = slow.size();
  while (stillOpen > 0 && Clock::now() < giveUpAt) {
    stillOpen = 0;
    for (size_t i = 0; i < slow.size(); ++i) {
      if (open[i]) open[i] = dripOneByte(slow[i]);
      if (open[i]) ++stillOpen;
    }
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(stillOpen, 0u) << "slow connections outlived the request deadline";
}

TEST(SlowClients, OneAddressHoldingItsShareOfConnectionsGets503WithRetryAfter) {
  auto server = serverWith(8, 30000ms, /*perClient=*/3);
  std::vector<Poco::Net::StreamSocket> held;
  for (int i = 0; i < 3; ++i) held.push_back(slowClient(server->port()));
  std::this_thread::sleep_for(300ms); // each gets a thread and is counted

  Poco::Net::StreamSocket fourth = slowClient(server->port());
  fourth.setReceiveTimeout(Poco::Timespan(5, 0));
  Poco::Net::SocketInputStream in(fourth);
  Poco::Net::HTTPResponse refused;
  refused.read(in);
  EXPECT_EQ(refused.getStatus(), Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE);
  EXPECT_EQ(refused.get("Retry-After", ""), "1");

  EXPECT_EQ(httpRequest(server->port(), "GET", "/api/health").status, 200)
      << "another client address is served while 127.0.0.2 is at its cap";
}

// A connection from 127.0.0.2 that has had one answer and stays open (keep-alive).
Poco::Net::StreamSocket idleKeepAliveClient(uint16_t port) {
  Poco::Net::StreamSocket socket;
  socket.impl()->bind(kSlowClientAddress, false);
  socket.connect(Poco::Net::SocketAddress("127.0.0.1", port));
  const std::string request = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  socket.sendBytes(request.data(), static_cast<int>(request.size()));
  socket.setReceiveTimeout(Poco::Timespan(5, 0));
  Poco::Net::SocketInputStream in(socket);
  Poco::Net::HTTPResponse response;
  response.read(in);
  EXPECT_EQ(response.getStatus(), Poco::Net::HTTPResponse::HTTP_OK);
  EXPECT_TRUE(response.getKeepAlive());
  std::string body(static_cast<size_t>(response.getContentLength()), '\0');
  in.read(body.data(), static_cast<std::streamsize>(body.size()));
  return socket;
}

// True once the server has closed the connection (end of stream or reset).
bool closedByServer(Poco::Net::StreamSocket& socket, std::chrono::milliseconds within) {
  try {
    if (!socket.poll(Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(within).count()),
                     Poco::Net::Socket::SELECT_READ))
      return false;
    char byte;
    return socket.receiveBytes(&byte, 1) == 0;
  } catch (const Poco::Exception&) {
    return true;
  }
}

TEST(SlowClients, AtItsShareAnIdleKeepAliveConnectionIsClosedForTheNewOne) {
  auto server = serverWith(8, 30000ms, /*perClient=*/2);
  std::vector<Poco::Net::StreamSocket> idle;
  for (int i = 0; i < 2; ++i) idle.push_back(idleKeepAliveClient(server->port()));
  std::this_thread::sleep_for(300ms);

  // A browser opening one more connection for its next script is served...
  Poco::Net::StreamSocket third = idleKeepAliveClient(server->port());
  // ...and the connection idle the longest, the first, is the one closed.
  EXPECT_TRUE(closedByServer(idle[0], 3000ms));
  EXPECT_FALSE(closedByServer(idle[1], 200ms));
}

TEST(SlowClients, StoppingTheServerDoesNotWaitForThem) {
  auto server = serverWith(4, 60000ms, /*perClient=*/0);
  std::vector<Poco::Net::StreamSocket> slow;
  for (int i = 0; i < 3; ++i) slow.push_back(slowClient(server->port()));
  std::this_thread::sleep_for(200ms);
  const auto started = Clock::now();
  server->stop();
  EXPECT_LT(Clock::now() - started, 3s);
}

} // namespace
} // namespace convoca::web::testing
