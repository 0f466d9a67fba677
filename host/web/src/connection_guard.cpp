#include "connection_guard.h"

#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/SocketStream.h>
#include <sys/socket.h>

namespace convoca::web {

namespace {

// The connection this thread serves, so the request handler can say where the
// connection is without being handed the guard.
struct ThreadConnection {
  ConnectionGuard* guard = nullptr;
  std::uint64_t id = 0;
};
thread_local ThreadConnection currentConnection;

constexpr auto kWatchInterval = std::chrono::milliseconds(200);

} // namespace

ConnectionGuard::ConnectionGuard(ConnectionLimits limits) : limits_(limits) {
  watchdog_ = std::thread([this] { watch(); });
}

ConnectionGuard::~ConnectionGuard() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  watchdog_.join();
}

bool ConnectionGuard::enter(int socketFd, const std::string& clientHost) {
  std::lock_guard lock(mutex_);
  unsigned& held = perClient_[clientHost];
  if (limits_.maxPerClient > 0 && held >= limits_.maxPerClient && !closeIdleConnectionOf(clientHost)) {
    ++refused_;
    return false;
  }
  ++held;
  const std::uint64_t id = nextId_++;
  watched_[id] = Watched{socketFd, clientHost, true, false, std::chrono::steady_clock::now(), false};
  currentConnection = {this, id};
  return true;
}

void ConnectionGuard::leave() {
  std::lock_guard lock(mutex_);
  auto found = watched_.find(currentConnection.id);
  currentConnection = {};
  if (found == watched_.end()) return;
  auto held = perClient_.find(found->second.clientHost);
  if (held != perClient_.end() && --held->second == 0) perClient_.erase(held);
  watched_.erase(found);
}

void ConnectionGuard::markWaiting(std::uint64_t id, bool waiting) {
  std::lock_guard lock(mutex_);
  auto found = watched_.find(id);
  if (found == watched_.end()) return;
  found->second.waitingForRequest = waiting;
  found->second.answered = found->second.answered || waiting;
  found->second.since = std::chrono::steady_clock::now();
}

bool ConnectionGuard::closeIdleConnectionOf(const std::string& clientHost) {
  Watched* idlest = nullptr;
  for (auto& [id, connection] : watched_) {
    const bool idle = connection.answered && connection.waitingForRequest && !connection.cut;
    if (idle && connection.clientHost == clientHost && (!idlest || connection.since < idlest->since))
      idlest = &connection;
  }
  if (!idlest) return false;
  // Its thread sees the connection end at once and leaves; until then the
  // client is over its share by the connections closed so.
  ::shutdown(idlest->fd, SHUT_RDWR);
  idlest->cut = true;
  return true;
}

void ConnectionGuard::requestArrived() {
  if (currentConnection.guard) currentConnection.guard->markWaiting(currentConnection.id, false);
}

void ConnectionGuard::answerSent() {
  if (currentConnection.guard) currentConnection.guard->markWaiting(currentConnection.id, true);
}

void ConnectionGuard::abortAll() {
  std::lock_guard lock(mutex_);
  for (auto& [id, connection] : watched_) ::shutdown(connection.fd, SHUT_RDWR);
}

void ConnectionGuard::watch() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, kWatchInterval);
    const auto now = std::chrono::steady_clock::now();
    for (auto& [id, connection] : watched_) {
      if (connection.cut || !connection.waitingForRequest || now - connection.since < limits_.requestDeadline)
        continue;
      // The fd stays open while it is watched: leave() runs, under this same
      // lock, before Poco closes the socket.
      ::shutdown(connection.fd, SHUT_RDWR);
      connection.cut = true;
      ++cut_;
    }
  }
}

namespace {

// Poco's HTTP connection, watched by the guard for its whole life.
class GuardedConnection : public Poco::Net::HTTPServerConnection {
public:
  GuardedConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, ConnectionGuard& guard)
      : HTTPServerConnection(socket, params, handlers), guard_(guard) {}

  void run() override {
    std::string client;
    try {
      client = socket().peerAddress().host().toString();
    } catch (const Poco::Exception&) {
      return; // gone before we looked
    }
    if (!guard_.enter(socket().impl()->sockfd(), client)) {
      refuse();
      return;
    }
    struct Leave {
      ConnectionGuard& guard;
      ~Leave() { guard.leave(); }
    } leave{guard_};
    HTTPServerConnection::run();
  }

private:
  void refuse() {
    try {
      Poco::Net::HTTPResponse response(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE);
      response.set("Retry-After", "1");
      response.setContentLength(0);
      response.setKeepAlive(false);
      Poco::Net::SocketOutputStream out(socket());
      response.write(out);
      out.flush();
    } catch (const Poco::Exception&) {
      // The client went away first: nothing to tell it.
    }
  }

  ConnectionGuard& guard_;
};

} // namespace

GuardedConnectionFactory::GuardedConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                                                   Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                                                   ConnectionGuard& guard)
    : params_(std::move(params)), handlers_(std::move(handlers)), guard_(guard) {}

Poco::Net::TCPServerConnection*
GuardedConnectionFactory::createConnection(const Poco::Net::StreamSocket& socket) {
  return new GuardedConnection(socket, params_, handlers_, guard_);
}

} // namespace convoca::web
