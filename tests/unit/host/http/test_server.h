// A scriptable HTTP server for tests: Poco's HTTPServer on 127.0.0.1 with an
// ephemeral port, answering each path with a behaviour the test chooses and
// remembering every request it saw (headers, raw body, multipart parts).
//
//     convoca::testing::TestServer server;
//     server.onSequence("/busy", {respond(503, "", {{"Retry-After", "1"}}), respond(200, "ok")});
//     client.fetch({"GET", server.url("/busy")});
//     EXPECT_EQ(server.requestsTo("/busy").size(), 2u);
//
// Paths without a behaviour answer 404 (so robots.txt means "allow all").
#pragma once

#include <Poco/Net/HTTPServerResponse.h>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace convoca::testing {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct SeenPart {
  std::string name;
  std::string contentType;
  std::string data;
};

struct SeenRequest {
  std::string method;
  std::string uri;  // path and query, as sent
  std::string path; // without the query
  HeaderList headers;
  std::string body;            // raw bytes as received (multipart included)
  std::vector<SeenPart> parts; // multipart/form-data parts, read with Poco::Net::MultipartReader
  HeaderList formFields;       // the request read with Poco::Net::HTMLForm: query, then parts
  std::chrono::steady_clock::time_point receivedAt; // when the request line arrived

  // First header of that name (case-insensitive), or "" when absent.
  std::string header(const std::string& name) const;
};

// Writes the answer to one request.
using Handler = std::function<void(const SeenRequest&, Poco::Net::HTTPServerResponse&)>;

class TestServer {
public:
  TestServer(); // listening when constructed
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  std::uint16_t port() const;
  // "http://127.0.0.1:<port>" + pathAndQuery
  std::string url(const std::string& pathAndQuery) const;

  // Every request to `path` (query ignored) is answered by `handler`.
  void on(const std::string& path, Handler handler);
  // The n-th request to `path` is answered by handlers[n]; the last one repeats.
  void onSequence(const std::string& path, std::vector<Handler> handlers);

  std::vector<SeenRequest> requests() const;
  std::vector<SeenRequest> requestsTo(const std::string& path) const;

  // Stops listening (later connections are refused) and wakes stalled handlers.
  // Also done by the destructor.
  void stop();

  // A behaviour that sleeps `duration` (cut short when the server stops), then
  // behaves like `then`: a server that stalls before answering.
  Handler stallThen(std::chrono::milliseconds duration, Handler then) const;

  // A behaviour that announces `body` with its Content-Length, then sends it
  // `bytesPerStep` bytes at a time with `step` of silence in between: each read
  // is quick, the whole is slow. Stops when the client hangs up or the server stops.
  Handler drip(std::string body, std::size_t bytesPerStep, std::chrono::milliseconds step,
               std::string contentType = "application/json") const;

private:
  class State;
  class RequestHandler;
  class HandlerFactory;
  std::shared_ptr<State> state_; // shared with the server's handler threads
  struct Running;
  std::unique_ptr<Running> running_;
};

// ---- ready-made behaviours ----------------------------------------------------

// A plain answer with Content-Length.
Handler respond(int status, std::string body = "", HeaderList headers = {},
                std::string contentType = "text/plain");
// The body gzip-compressed, with Content-Encoding: gzip.
Handler respondGzip(int status, std::string body, std::string contentType = "text/plain");
// The body in chunked transfer encoding (no Content-Length), written in 64 KiB pieces.
Handler respondChunked(int status, std::string body);
// Announces `announcedLength` bytes, sends `sent`, then closes the connection.
Handler respondTruncated(std::size_t announcedLength, std::string sent);
// A redirect to `location`.
Handler redirectTo(int status, std::string location);
// Reads the request, answers nothing and resets the connection (TCP RST).
Handler resetConnection();
// A small gzip body (Content-Encoding: gzip) that inflates to `inflatedBytes`
// zero bytes: a decompression bomb, built without holding the inflated bytes.
Handler respondGzipBomb(std::size_t inflatedBytes, std::string contentType = "application/json");

} // namespace convoca::testing
