// Bounds what slow or greedy clients can hold of the web server's threads.
//
// Poco's HTTP server serves a connection on one pool thread for its whole life
// and times out single reads only, so a client that sends its request a byte at
// a time (slowloris) keeps a thread as long as it likes, and as many such
// clients as there are threads stop the server for everyone. The guard
//  - cuts a connection whose next request has not fully arrived (request line
//    and headers) within the request deadline, idle keep-alive included (Poco
//    closes those itself after kKeepAliveSeconds, well before);
//  - refuses, with 503 and Retry-After, a client address that already holds
//    maxPerClient connections, so one client cannot take every thread; but
//    when one of them is an idle keep-alive connection (it has had an answer
//    and waits for its next request), that one is closed instead: a browser
//    keeps up to six idle connections per page context, and several contexts
//    (tabs of other profiles, the browser tests' languages) would otherwise
//    get 503 for the app's own scripts;
//  - aborts every connection when the server stops.
// A reverse proxy in front (nginx) is one client address holding many
// connections: raise web.max_connections_per_client there (packaging/README.md).
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace convoca::web {

struct ConnectionLimits {
  std::chrono::milliseconds requestDeadline{10000};
  unsigned maxPerClient = 16;
};

class ConnectionGuard {
public:
  explicit ConnectionGuard(ConnectionLimits limits);
  ~ConnectionGuard(); // stops the watchdog
  ConnectionGuard(const ConnectionGuard&) = delete;
  ConnectionGuard& operator=(const ConnectionGuard&) = delete;

  // On the connection's thread, around its whole life. enter() answers false
  // when the client already holds its share; leave() only after a true enter().
  bool enter(int socketFd, const std::string& clientHost);
  void leave();

  // On the connection's thread, from the request handler: the request line and
  // headers have arrived / the answer is sent and the next request may come.
  // No-ops on a thread the guard does not watch.
  static void requestArrived();
  static void answerSent();

  // Shuts every watched connection down (the server is stopping).
  void abortAll();

  std::uint64_t cutCount() const { return cut_; }
  std::uint64_t refusedCount() const { return refused_; }

private:
  struct Watched {
    int fd = -1;
    std::string clientHost;
    bool waitingForRequest = true;
    bool answered = false; // has sent at least one answer: idle means keep-alive
    std::chrono::steady_clock::time_point since;
    bool cut = false;
  };
  void watch();
  // Closes the client's keep-alive connection idle the longest; false if it has none.
  bool closeIdleConnectionOf(const std::string& clientHost);
  void markWaiting(std::uint64_t id, bool waiting);

  const ConnectionLimits limits_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::uint64_t nextId_ = 1;
  std::map<std::uint64_t, Watched> watched_;
  std::map<std::string, unsigned> perClient_;
  std::atomic<std::uint64_t> cut_{0};
  std::atomic<std::uint64_t> refused_{0};
  std::thread watchdog_;
};

// Makes Poco's HTTP connections, each watched by `guard` (which must outlive them).
class GuardedConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
public:
  GuardedConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                           Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, ConnectionGuard& guard);
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override;

private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  ConnectionGuard& guard_;
};

} // namespace convoca::web
