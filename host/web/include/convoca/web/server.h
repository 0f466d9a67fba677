// The web server: the search page, its static assets and the JSON API, on
// Poco::Net::HTTPServer.
//
// Routes (GET routes also answer HEAD); every /api route is described in
// assets/openapi.json, served as GET /api/openapi.json:
//   GET /               the app (index.html of the asset directory)
//   GET /static/<path>  a file under the asset directory (JS modules, CSS, i18n JSON...)
//   /api/session        the session, its CSRF token, login and logout (security.h)
//   GET /api/search     search results, facets and total as JSON (search_api.h)
//   GET /api/calls/…    one call with its change log, and similar calls (call_api.h)
//   GET /api/calendar…  deadlines as a list or an ICS calendar (calendar_api.h)
//   /api/profiles…      profiles, matches, feedback, digests and feeds (profile_api.h)
//   /api/searches…, /api/pipeline, /api/sources, /api/runs (workspace_api.h)
//   GET /api/health     {"ok":true,"documents":N}
// Every response carries the security headers (Content-Security-Policy without
// inline scripts or styles, X-Content-Type-Options, Referrer-Policy,
// X-Frame-Options). Errors are JSON: {"error":{"status":404,"message":"..."}}.
//
// Authentication (security.h) is on when the listen address is not loopback or
// `authRequired` is set; then users must exist in the state DB, or start()
// refuses with a ListenError that says how to add one. Without it the server
// binds to loopback only and every visitor is the local admin.
//
//   WebServerOptions options;
//   options.listen = "127.0.0.1:8080";
//   options.assetDir = "/usr/share/convoca/web";
//   WebServer server(options, makeIndexSearchService(dataDir + "/index"));
//   server.start();           // throws ListenError
//   ... wait for a signal ...
//   server.stop();
#pragma once

#include "convoca/state/state_db.h"
#include "convoca/web/profile_service.h"
#include "convoca/web/search_service.h"

#include <Poco/Net/SocketAddress.h>
#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

namespace convoca::web {

inline constexpr const char* kDefaultListen = "127.0.0.1:8080";
inline constexpr uint16_t kDefaultPort = 8080;

// The server cannot start: a bad or non-loopback address, a port in use, or an
// asset directory without index.html. what() is fit to show the operator.
class ListenError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// "HOST:PORT", "[IPv6]:PORT", "HOST" (port 8080) or "PORT" (on 127.0.0.1).
// Port 0 asks the system for a free port (tests). Host names are resolved.
// Throws ListenError when the text is not an address.
Poco::Net::SocketAddress parseListenAddress(const std::string& text);

// 127.0.0.0/8 and ::1, the only addresses the server binds to.
bool isLoopback(const Poco::Net::SocketAddress& address);

struct WebServerOptions {
  std::string listen = kDefaultListen;
  // Holds index.html, app.js, style.css and i18n/: the source tree's
  // host/web/assets, or CONVOCA_INSTALL_WEB_DIR when installed.
  std::string assetDir;
  // Requests served at once; more wait in the accept queue.
  // Poco serves a connection on one thread until it closes, and a browser
  // keeps about six open, so a few people at once need a few dozen threads
  // (idle ones cost a stack each, nothing else).
  unsigned maxThreads = 32;
  // Log in even on a loopback address (web.auth=required).
  bool authRequired = false;
  // Mark the session cookie Secure (web.cookie_secure): when a TLS proxy serves it.
  bool secureCookie = false;
  // web.metrics_token_file: a file holding the bearer token that lets clients
  // other than loopback read /metrics; empty: loopback only.
  std::string metricsTokenFile;
  // Per client address: a burst, then a steady rate (429 past it).
  double requestsPerSecond = 50;
  double requestBurst = 200;
  // Slow and greedy clients (host/web/src/connection_guard.h): a connection whose
  // request has not arrived within requestDeadline is cut; a client address
  // holding maxConnectionsPerClient connections gets 503 (0: no cap).
  std::chrono::milliseconds requestDeadline{10000};
  unsigned maxConnectionsPerClient = 16;
};

class WebServer {
public:
  // `profiles` may be null: the /api/profiles routes then answer 404; so may
  // `state`: saved searches, pipeline, harvest health and users are then absent.
  WebServer(WebServerOptions options, std::unique_ptr<SearchService> search,
            std::unique_ptr<ProfileService> profiles = nullptr,
            std::unique_ptr<state::StateDb> state = nullptr);
  // Stops the server if it is running.
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Binds the listen address and starts serving in background threads.
  // Throws ListenError (see above). Throws std::logic_error when already started.
  void start();

  // Stops accepting, aborts open connections and waits for the server threads.
  // Does nothing when not running.
  void stop();

  bool running() const;

  // The bound port (the real one when the options asked for port 0); 0 when
  // not running.
  uint16_t port() const;

  // "http://127.0.0.1:8080/" for the bound address, to print for the user.
  std::string url() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace convoca::web
