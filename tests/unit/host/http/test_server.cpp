#include "test_server.h"

#include <Poco/DeflatingStream.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/URI.h>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace convoca::testing {

std::string SeenRequest::header(const std::string& name) const {
  for (const auto& [key, value] : headers)
    if (Poco::icompare(key, name) == 0) return value;
  return "";
}

// Everything the handler threads touch; shared so a late handler thread never
// outlives it.
class TestServer::State {
public:
  void setRoute(const std::string& path, std::vector<Handler> handlers) {
    std::lock_guard<std::mutex> lock(mutex_);
    routes_[path] = {std::move(handlers), 0};
  }

  // Remembers the request and picks the behaviour that answers it.
  Handler admit(const SeenRequest& seen) {
    std::lock_guard<std::mutex> lock(mutex_);
    seen_.push_back(seen);
    ++active_;
    const auto route = routes_.find(seen.path);
    if (route == routes_.end()) return respond(404, "not found");
    auto& [handlers, served] = route->second;
    const std::size_t index = std::min(served++, handlers.size() - 1);
    return handlers[index];
  }

  void finished() {
    std::lock_guard<std::mutex> lock(mutex_);
    --active_;
    changed_.notify_all();
  }

  std::vector<SeenRequest> seen() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return seen_;
  }

  void stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    changed_.notify_all();
  }

  // Returns false when the server is stopping.
  bool pause(std::chrono::milliseconds duration) {
    std::unique_lock<std::mutex> lock(mutex_);
    return !changed_.wait_for(lock, duration, [this] { return stopping_; });
  }

  // Lets handlers still running finish, so nothing answers after the test ends.
  void waitForHandlers(std::chrono::milliseconds limit) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, limit, [this] { return active_ == 0; });
  }

private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, std::pair<std::vector<Handler>, std::size_t>> routes_;
  std::vector<SeenRequest> seen_;
  int active_ = 0;
  bool stopping_ = false;
};

namespace {

// The connection of the request this thread is answering, for behaviours that
// act below HTTP (resetConnection). Set only while a handler runs.
thread_local Poco::Net::StreamSocket* currentConnection = nullptr;

void readMultipart(const Poco::Net::HTTPServerRequest& request, SeenRequest& seen) {
  const Poco::Net::MediaType type(request.getContentType());
  if (!type.matches("multipart", "form-data")) return;

  std::istringstream partsBody(seen.body);
  Poco::Net::MultipartReader reader(partsBody, type.getParameter("boundary"));
  while (reader.hasNextPart()) {
    Poco::Net::MessageHeader header;
    reader.nextPart(header);
    std::string disposition;
    Poco::Net::NameValueCollection parameters;
    Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, parameters);
    SeenPart part{parameters.get("name", ""), header.get("Content-Type", ""), ""};
    Poco::StreamCopier::copyToString(reader.stream(), part.data);
    seen.parts.push_back(std::move(part));
  }

  std::istringstream formBody(seen.body);
  const Poco::Net::HTMLForm form(request, formBody);
  for (const auto& [name, value] : form) seen.formFields.emplace_back(name, value);
}

} // namespace

class TestServer::RequestHandler : public Poco::Net::HTTPRequestHandler {
public:
  explicit RequestHandler(std::shared_ptr<State> state) : state_(std::move(state)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    SeenRequest seen;
    seen.receivedAt = std::chrono::steady_clock::now();
    seen.method = request.getMethod();
    seen.uri = request.getURI();
    seen.path = Poco::URI(seen.uri).getPath();
    for (const auto& [name, value] : request) seen.headers.emplace_back(name, value);
    Poco::StreamCopier::copyToString(request.stream(), seen.body);
    readMultipart(request, seen);

    const Handler handler = state_->admit(seen);
    struct Finished {
      State& state;
      ~Finished() {
        currentConnection = nullptr;
        state.finished();
      }
    } finished{*state_};
    if (auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request))
      currentConnection = &impl->socket();
    try {
      handler(seen, response);
    } catch (const Poco::Exception&) {
      // The client hung up (size cap, timeout, cancellation): nothing to answer.
    }
  }

private:
  std::shared_ptr<State> state_;
};

class TestServer::HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
  explicit HandlerFactory(std::shared_ptr<State> state) : state_(std::move(state)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new RequestHandler(state_); // Poco owns and deletes it
  }

private:
  std::shared_ptr<State> state_;
};

struct TestServer::Running {
  std::uint16_t port = 0;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  bool stopped = false;
};

TestServer::TestServer() : state_(std::make_shared<State>()), running_(std::make_unique<Running>()) {
  // Writing to a client that hung up (size-cap tests) must fail with EPIPE,
  // not kill the test binary with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);

  Poco::Net::ServerSocket socket;
  socket.bind(Poco::Net::SocketAddress("127.0.0.1", 0), true);
  socket.listen(64);
  running_->port = socket.address().port();

  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(16);
  params->setMaxQueued(64);
  params->setKeepAlive(false);
  running_->server = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(state_), socket, params);
  running_->server->start();
}

TestServer::~TestServer() {
  stop();
}

std::uint16_t TestServer::port() const {
  return running_->port;
}

std::string TestServer::url(const std::string& pathAndQuery) const {
  return "http://127.0.0.1:" + std::to_string(running_->port) + pathAndQuery;
}

void TestServer::on(const std::string& path, Handler handler) {
  state_->setRoute(path, {std::move(handler)});
}

void TestServer::onSequence(const std::string& path, std::vector<Handler> handlers) {
  if (handlers.empty()) throw std::invalid_argument("onSequence needs at least one handler");
  state_->setRoute(path, std::move(handlers));
}

std::vector<SeenRequest> TestServer::requests() const {
  return state_->seen();
}

std::vector<SeenRequest> TestServer::requestsTo(const std::string& path) const {
  std::vector<SeenRequest> matching;
  for (SeenRequest& seen : state_->seen())
    if (seen.path == path) matching.push_back(std::move(seen));
  return matching;
}

void TestServer::stop() {
  if (running_->stopped) return;
  running_->stopped = true;
  state_->stop();
  // Poco's acceptor notices a stop only when its 250 ms poll ends; knocking on
  // the port ends the poll at once, which keeps a suite of many servers fast.
  // A knock that lands before the stop is just a connection that sends nothing.
  std::atomic<bool> stopped{false};
  std::thread knocker([this, &stopped] {
    while (!stopped) {
      try {
        Poco::Net::StreamSocket knock;
        knock.connect(Poco::Net::SocketAddress("127.0.0.1", running_->port), Poco::Timespan(0, 100000));
      } catch (const Poco::Exception&) {
        // the listener is gone: nothing left to wake
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  running_->server->stopAll(true);
  stopped = true;
  knocker.join();
  state_->waitForHandlers(std::chrono::seconds(5));
}

Handler TestServer::stallThen(std::chrono::milliseconds duration, Handler then) const {
  // Weak: the handler is stored in the state's routes, a strong pointer would be a cycle.
  std::weak_ptr<State> weakState = state_;
  return [weakState, duration, then](const SeenRequest& seen, Poco::Net::HTTPServerResponse& response) {
    if (const std::shared_ptr<State> state = weakState.lock()) state->pause(duration);
    then(seen, response);
  };
}

Handler TestServer::drip(std::string body, std::size_t bytesPerStep, std::chrono::milliseconds step,
                         std::string contentType) const {
  std::weak_ptr<State> weakState = state_;
  return [=](const SeenRequest&, Poco::Net::HTTPServerResponse& response) {
    response.setContentType(contentType);
    response.setContentLength64(static_cast<Poco::Int64>(body.size()));
    std::ostream& out = response.send();
    for (std::size_t at = 0; at < body.size() && out; at += bytesPerStep) {
      out.write(body.data() + at, static_cast<std::streamsize>(std::min(bytesPerStep, body.size() - at)));
      out.flush();
      const std::shared_ptr<State> state = weakState.lock();
      if (!state || !state->pause(step)) return;
    }
  };
}

Handler respond(int status, std::string body, HeaderList headers, std::string contentType) {
  return [=](const SeenRequest&, Poco::Net::HTTPServerResponse& response) {
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    for (const auto& [name, value] : headers) response.add(name, value);
    response.setContentType(contentType);
    response.setContentLength64(static_cast<Poco::Int64>(body.size()));
    response.send() << body;
  };
}

Handler respondGzip(int status, std::string body, std::string contentType) {
  return [=](const SeenRequest&, Poco::Net::HTTPServerResponse& response) {
    std::ostringstream compressed;
    {
      Poco::DeflatingOutputStream gzip(compressed, Poco::DeflatingStreamBuf::STREAM_GZIP);
      gzip << body;
      gzip.close();
    }
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setContentType(contentType);
    response.set("Content-Encoding", "gzip");
    response.setContentLength64(static_cast<Poco::Int64>(compressed.str().size()));
    response.send() << compressed.str();
  };
}

Handler respondChunked(int status, std::string body) {
  return [=](const SeenRequest&, Poco::Net::HTTPServerResponse& response) {
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setChunkedTransferEncoding(true);
    std::ostream& out = response.send();
    constexpr std::size_t piece = 64 * 1024;
    for (std::size_t at = 0; at < body.size() && out; at += piece) {
      out.write(body.data() + at, static_cast<std::streamsize>(std::min(piece, body.size() - at)));
      out.flush();
    }
  };
}

Handler respondTruncated(std::size_t announcedLength, std::string sent) {
  return [=](const SeenRequest&, Poco::Net::HTTPServerResponse& response) {
    response.setContentLength64(static_cast<Poco::Int64>(announcedLength));
    response.setKeepAlive(false); // the connection closes when the handler returns
    std::ostream& out = response.send();
    out << sent;
    out.flush();
  };
}

Handler redirectTo(int status, std::string location) {
  return respond(status, "", {{"Location", location}});
}

Handler resetConnection() {
  return [](const SeenRequest&, Poco::Net::HTTPServerResponse&) {
    if (!currentConnection) throw std::logic_error("resetConnection outside a request");
    // Linger 0: close() sends RST instead of FIN, as a crashing proxy would.
    currentConnection->setLinger(true, 0);
    currentConnection->close();
  };
}

Handler respondGzipBomb(std::size_t inflatedBytes, std::string contentType) {
  // Compressed once, here: deflating megabytes per request could outlast a
  // client's read timeout and turn the bomb into a stall.
  std::ostringstream compressed;
  {
    Poco::DeflatingOutputStream gzip(compressed, Poco::DeflatingStreamBuf::STREAM_GZIP);
    const std::string zeros(64 * 1024, '\0');
    for (std::size_t written = 0; written < inflatedBytes; written += zeros.size())
      gzip.write(zeros.data(), static_cast<std::streamsize>(std::min(zeros.size(), inflatedBytes - written)));
    gzip.close();
  }
  return [body = compressed.str(), contentType](const SeenRequest&, Poco::Net::HTTPServerResponse& response) {
    response.setContentType(contentType);
    response.set("Content-Encoding", "gzip");
    response.setContentLength64(static_cast<Poco::Int64>(body.size()));
    response.send() << body;
  };
}

} // namespace convoca::testing
