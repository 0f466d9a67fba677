#include "convoca/web/server.h"

#include "profile_api.h"
#include "router.h"
#include "static_files.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/NumberParser.h>
#include <Poco/ThreadPool.h>
#include <algorithm>
#include <cctype>

namespace convoca::web {

namespace {

constexpr int kListenBacklog = 64;

bool isAllDigits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool hasPort(const std::string& text) {
  if (!text.empty() && text.front() == '[') return text.find("]:") != std::string::npos;
  return text.find(':') != std::string::npos;
}

Reply searchController(const Request& request, SearchService& search) {
  index::SearchRequest searchRequest = searchRequestFromParameters(request.query);
  index::SearchResult result = search.search(searchRequest);
  return jsonReply(searchResponseJson(searchRequest, result));
}

Reply healthController(SearchService& search) {
  Poco::JSON::Object::Ptr json = newJsonObject();
  json->set("ok", true);
  json->set("documents", search.documentCount());
  return jsonReply(json);
}

std::vector<Route> routesFor(const AssetDirectory& assets, SearchService& search, ProfileService* profiles,
                             const std::string& assetDir) {
  const std::vector<std::string> readOnly{"GET", "HEAD"};
  const std::string staticPrefix = "/static/";
  std::vector<Route> routes{
      {"/", PathMatch::Exact, readOnly,
       [&assets](const Request& r) { return assets.serve("index.html", r); }},
      {staticPrefix, PathMatch::Prefix, readOnly,
       [&assets, staticPrefix](const Request& r) {
         return assets.serve(r.path.substr(staticPrefix.size()), r);
       }},
      {"/api/search", PathMatch::Exact, readOnly,
       [&search](const Request& r) { return searchController(r, search); }},
      {"/api/health", PathMatch::Exact, readOnly,
       [&search](const Request&) { return healthController(search); }},
  };
  if (profiles) {
    const Controller profileRoutes = [profiles, assetDir](const Request& r) {
      return profileController(r, *profiles, assetDir);
    };
    routes.push_back({"/api/profiles", PathMatch::Exact, readOnly, profileRoutes});
    routes.push_back({"/api/profiles/", PathMatch::Prefix, readOnly, profileRoutes});
  }
  return routes;
}

std::string bindRefusal(const Poco::Net::SocketAddress& address) {
  return "binding to " + address.toString() +
         " requires authentication, which convoca's web server does not have yet (it arrives with the web "
         "UI); "
         "use 127.0.0.1:" +
         std::to_string(address.port()) + " and reach it from other machines through an SSH tunnel";
}

} // namespace

Poco::Net::SocketAddress parseListenAddress(const std::string& text) {
  try {
    if (text.empty()) throw Poco::InvalidArgumentException("empty");
    if (isAllDigits(text)) {
      const unsigned port = Poco::NumberParser::parseUnsigned(text);
      if (port > 65535) throw Poco::InvalidArgumentException("port out of range");
      return Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port));
    }
    if (!hasPort(text)) return Poco::Net::SocketAddress(text, kDefaultPort);
    return Poco::Net::SocketAddress(text);
  } catch (const Poco::Exception& error) {
    throw ListenError("\"" + text +
                      "\" is not a listen address (HOST:PORT, e.g. 127.0.0.1:8080): " + error.displayText());
  }
}

bool isLoopback(const Poco::Net::SocketAddress& address) {
  return address.host().isLoopback();
}

struct WebServer::Impl {
  WebServerOptions options;
  std::unique_ptr<SearchService> search;
  std::unique_ptr<ProfileService> profiles;
  std::unique_ptr<AssetDirectory> assets;
  std::unique_ptr<Router> router;
  std::unique_ptr<Poco::ThreadPool> threads;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  Poco::Net::SocketAddress bound;
};

WebServer::WebServer(WebServerOptions options, std::unique_ptr<SearchService> search,
                     std::unique_ptr<ProfileService> profiles)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->search = std::move(search);
  impl_->profiles = std::move(profiles);
}

WebServer::~WebServer() {
  stop();
}

void WebServer::start() {
  if (impl_->server) throw std::logic_error("WebServer::start: already running");
  const Poco::Net::SocketAddress address = parseListenAddress(impl_->options.listen);
  if (!isLoopback(address)) throw ListenError(bindRefusal(address));
  impl_->assets = std::make_unique<AssetDirectory>(impl_->options.assetDir);
  impl_->router = std::make_unique<Router>(
      routesFor(*impl_->assets, *impl_->search, impl_->profiles.get(), impl_->options.assetDir));

  Poco::Net::ServerSocket socket;
  try {
    // SO_REUSEADDR so a restart does not wait for TIME_WAIT; never SO_REUSEPORT
    // (Poco's two-argument bind sets both), which would let a second server
    // share the port silently instead of failing.
    if (address.family() == Poco::Net::SocketAddress::IPv6) {
      socket.bind6(address, /*reuseAddress=*/true, /*reusePort=*/false, /*ipV6Only=*/true);
    } else {
      socket.bind(address, /*reuseAddress=*/true, /*reusePort=*/false);
    }
    socket.listen(kListenBacklog);
  } catch (const Poco::Exception& error) {
    throw ListenError("cannot listen on " + address.toString() + ": " + error.displayText());
  }

  const int maxThreads = static_cast<int>(std::max(1u, impl_->options.maxThreads));
  auto params = Poco::makeAuto<Poco::Net::HTTPServerParams>();
  params->setMaxThreads(maxThreads);
  params->setMaxQueued(kListenBacklog);
  params->setKeepAlive(true);
  params->setTimeout(Poco::Timespan(30, 0));
  params->setKeepAliveTimeout(Poco::Timespan(5, 0));
  // A pool of our own, so the server's threads are not shared with the
  // harvest or anything else that uses Poco's default pool.
  impl_->threads = std::make_unique<Poco::ThreadPool>(1, maxThreads);
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory = Poco::makeShared<RouterHandlerFactory>(*impl_->router);
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(factory, *impl_->threads, socket, params);
  impl_->bound = socket.address();
  impl_->server->start();
}

void WebServer::stop() {
  if (!impl_->server) return;
  impl_->server->stopAll(/*abortCurrent=*/true);
  impl_->threads->joinAll();
  impl_->server.reset();
  impl_->threads.reset();
  impl_->router.reset();
  impl_->assets.reset();
}

bool WebServer::running() const {
  return impl_->server != nullptr;
}

uint16_t WebServer::port() const {
  return running() ? impl_->bound.port() : 0;
}

std::string WebServer::url() const {
  return running() ? "http://" + impl_->bound.toString() + "/" : "";
}

} // namespace convoca::web
