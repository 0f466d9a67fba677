// convoca plugin SDK — header-only C++ adapter over plugin.h.
//
// Write a class deriving from convoca::sdk::Plugin, then
//
//     CONVOCA_PLUGIN_DEFINE(my_source, MySource, "my-source", "1.0.0",
//                           "What it harvests", kOptionsJson,
//                           CONVOCA_CAP_HARVEST | CONVOCA_CAP_PARSE)
//
// The adapter is compiled by the plugin's own compiler (no C++ ABI is shared
// with the host) and catches every exception at the boundary: throw
// convoca::sdk::Error(CONVOCA_SOURCE_FORMAT, "why") to fail with a status, any
// other exception becomes CONVOCA_INTERNAL with its what() as the message.
#ifndef CONVOCA_PLUGIN_HPP
#define CONVOCA_PLUGIN_HPP

#include <convoca/plugin.h>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace convoca::sdk {

// A failure with a status code; the message reaches the host's run report.
class Error : public std::runtime_error {
public:
  Error(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const noexcept { return status_; }

private:
  int status_;
};

struct HttpResponse {
  int status = 0;
  std::string body;
  std::string contentType;
  std::string finalUrl;
  bool fromCache = false;
  std::vector<std::pair<std::string, std::string>> headers;

  std::optional<std::string> header(const std::string& name) const;
};

struct MultipartPart {
  std::string name;
  std::string contentType;
  std::string data;
};

// The host services, with C++ types. Failures of http() throw Error.
class Host {
public:
  Host(const convoca_host_api* api, convoca_host* host) : api_(api), host_(host) {}

  HttpResponse get(const std::string& url,
                   const std::vector<std::pair<std::string, std::string>>& headers = {}) const {
    return request("GET", url, headers, nullptr, 0, nullptr, {});
  }
  HttpResponse post(const std::string& url, const std::string& body, const std::string& contentType,
                    const std::vector<std::pair<std::string, std::string>>& headers = {}) const {
    return request("POST", url, headers, body.data(), body.size(), contentType.c_str(), {});
  }
  HttpResponse postMultipart(const std::string& url, const std::vector<MultipartPart>& parts,
                             const std::vector<std::pair<std::string, std::string>>& headers = {}) const {
    return request("POST", url, headers, nullptr, 0, nullptr, parts);
  }

  // True when the host accepted the record; false when it rejected it (counted there).
  bool emit(const std::string& json) const {
    int rc = api_->emit_record(host_, json.data(), json.size());
    if (rc == CONVOCA_CANCELLED) throw Error(CONVOCA_CANCELLED, "cancelled by the host");
    return rc == CONVOCA_OK;
  }

  std::optional<std::string> option(const char* name) const {
    return optional(api_->get_option(host_, name));
  }
  std::string option(const char* name, const std::string& fallback) const {
    return option(name).value_or(fallback);
  }
  std::optional<std::string> cursor(const char* key) const { return optional(api_->cursor_get(host_, key)); }
  void setCursor(const char* key, const std::string& value) const {
    if (api_->cursor_put(host_, key, value.c_str()) != CONVOCA_OK)
      throw Error(CONVOCA_INTERNAL, std::string("cursor value rejected for key ") + key);
  }

  void log(int level, const std::string& message) const { api_->log(host_, level, message.c_str()); }
  void debug(const std::string& message) const { log(CONVOCA_LOG_DEBUG, message); }
  void info(const std::string& message) const { log(CONVOCA_LOG_INFO, message); }
  void warn(const std::string& message) const { log(CONVOCA_LOG_WARNING, message); }
  void progress(uint64_t done, uint64_t total) const { api_->progress(host_, done, total); }
  bool cancelled() const { return api_->cancelled(host_) != 0; }
  void throwIfCancelled() const {
    if (cancelled()) throw Error(CONVOCA_CANCELLED, "cancelled by the host");
  }

  std::string htmlToText(const std::string& html) const {
    std::unique_ptr<char, Deleter> text(api_->html_to_text(host_, html.data(), html.size()), Deleter{this});
    if (!text) throw Error(CONVOCA_INTERNAL, "html_to_text failed");
    return std::string(text.get());
  }
  // Empty optional when the host cannot read the time or the zone.
  std::optional<std::string> localToRfc3339(const char* zone, const std::string& local) const {
    char out[64];
    if (api_->local_to_rfc3339(host_, zone, local.c_str(), out, sizeof out) != CONVOCA_OK)
      return std::nullopt;
    return std::string(out);
  }
  std::optional<std::string> instantToRfc3339(const char* zone, int64_t unixMs) const {
    char out[64];
    if (api_->instant_to_rfc3339(host_, zone, unixMs, out, sizeof out) != CONVOCA_OK) return std::nullopt;
    return std::string(out);
  }

  const convoca_host_api* api() const { return api_; }
  convoca_host* handle() const { return host_; }

private:
  struct Deleter {
    const Host* self;
    void operator()(char* p) const { self->api_->free_string(self->host_, p); }
  };

  static std::optional<std::string> optional(const char* value) {
    if (!value) return std::nullopt;
    return std::string(value);
  }

  HttpResponse request(const char* method, const std::string& url,
                       const std::vector<std::pair<std::string, std::string>>& headers, const char* body,
                       size_t bodySize, const char* contentType,
                       const std::vector<MultipartPart>& parts) const;

  const convoca_host_api* api_;
  convoca_host* host_;
};

// Base class of a C++ plugin. The host creates one instance per harvest or parse.
class Plugin {
public:
  explicit Plugin(Host host) : host_(host) {}
  virtual ~Plugin() = default;
  Plugin(const Plugin&) = delete;
  Plugin& operator=(const Plugin&) = delete;

  virtual void harvest() { throw Error(CONVOCA_UNSUPPORTED, "this plugin does not harvest"); }
  virtual void parse(const std::string& name, const std::string& data) {
    (void)name;
    (void)data;
    throw Error(CONVOCA_UNSUPPORTED, "this plugin does not parse saved payloads");
  }

protected:
  const Host& host() const { return host_; }

private:
  Host host_;
};

// "line L, column C" of byte `offset` in `text`: error messages about a payload
// name the position, so the operator can look at it.
inline std::string textPosition(const std::string& text, size_t offset) {
  if (offset > text.size()) offset = text.size();
  size_t line = 1, lineStart = 0;
  for (size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      lineStart = i + 1;
    }
  return "line " + std::to_string(line) + ", column " + std::to_string(offset - lineStart + 1);
}

// ---- implementation details ------------------------------------------------

inline std::optional<std::string> HttpResponse::header(const std::string& name) const {
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
    return s;
  };
  const std::string wanted = lower(name);
  for (const auto& h : headers)
    if (lower(h.first) == wanted) return h.second;
  return std::nullopt;
}

inline HttpResponse Host::request(const char* method, const std::string& url,
                                  const std::vector<std::pair<std::string, std::string>>& headers,
                                  const char* body, size_t bodySize, const char* contentType,
                                  const std::vector<MultipartPart>& parts) const {
  std::vector<convoca_http_header> cHeaders;
  for (const auto& h : headers) cHeaders.push_back({h.first.c_str(), h.second.c_str()});
  std::vector<convoca_http_part> cParts;
  for (const auto& p : parts)
    cParts.push_back({p.name.c_str(), p.contentType.empty() ? nullptr : p.contentType.c_str(), p.data.data(),
                      p.data.size()});
  convoca_http_request req{};
  req.struct_size = sizeof req;
  req.method = method;
  req.url = url.c_str();
  req.headers = cHeaders.data();
  req.header_count = cHeaders.size();
  req.body = body;
  req.body_size = bodySize;
  req.content_type = contentType;
  req.parts = cParts.data();
  req.part_count = cParts.size();

  convoca_http_response* raw = nullptr;
  int rc = api_->http(host_, &req, &raw);
  if (rc != CONVOCA_OK || !raw)
    throw Error(rc == CONVOCA_OK ? CONVOCA_INTERNAL : rc, std::string(method) + " " + url + " failed");
  struct Release {
    const Host* self;
    convoca_http_response* response;
    ~Release() { self->api_->free_response(self->host_, response); }
  } release{this, raw};
  HttpResponse out;
  out.status = raw->status;
  out.body.assign(raw->body ? raw->body : "", raw->body_size);
  out.contentType = raw->content_type ? raw->content_type : "";
  out.finalUrl = raw->final_url ? raw->final_url : url;
  out.fromCache = raw->from_cache != 0;
  for (size_t i = 0; i < raw->header_count; ++i)
    out.headers.emplace_back(raw->headers[i].name, raw->headers[i].value);
  return out;
}

// Runs fn, turning every exception into a status plus set_error().
template <class Fn> int guarded(const convoca_host_api* api, convoca_host* host, Fn&& fn) noexcept {
  try {
    fn();
    return CONVOCA_OK;
  } catch (const Error& e) {
    if (api && host) api->set_error(host, e.status(), e.what());
    return e.status() == CONVOCA_OK ? CONVOCA_INTERNAL : e.status();
  } catch (const std::exception& e) {
    if (api && host) api->set_error(host, CONVOCA_INTERNAL, e.what());
    return CONVOCA_INTERNAL;
  } catch (...) {
    if (api && host) api->set_error(host, CONVOCA_INTERNAL, "unknown exception");
    return CONVOCA_INTERNAL;
  }
}

// The instance the C side sees: the C++ object plus the handles needed to report errors.
template <class T> struct Instance {
  const convoca_host_api* api;
  convoca_host* host;
  std::unique_ptr<T> plugin;
};

template <class T> struct Thunks {
  static int create(const convoca_host_api* api, convoca_host* host, void** out) noexcept {
    if (!api || !out) return CONVOCA_INTERNAL;
    *out = nullptr;
    return guarded(api, host, [&] {
      auto instance = std::make_unique<Instance<T>>(Instance<T>{api, host, nullptr});
      instance->plugin = std::make_unique<T>(Host(api, host));
      *out = instance.release();
    });
  }
  static int harvest(void* p) noexcept {
    auto* instance = static_cast<Instance<T>*>(p);
    if (!instance) return CONVOCA_INTERNAL;
    return guarded(instance->api, instance->host, [&] { instance->plugin->harvest(); });
  }
  static int parse(void* p, const char* name, const char* data, size_t size) noexcept {
    auto* instance = static_cast<Instance<T>*>(p);
    if (!instance) return CONVOCA_INTERNAL;
    return guarded(instance->api, instance->host, [&] {
      instance->plugin->parse(name ? name : "", std::string(data ? data : "", data ? size : 0));
    });
  }
  static void destroy(void* p) noexcept {
    auto* instance = static_cast<Instance<T>*>(p);
    try {
      delete instance;
    } catch (...) {
    }
  }
};

template <class T>
constexpr convoca_plugin describe(const char* id, const char* version, const char* description,
                                  const char* optionsJson, uint64_t capabilities) {
  return convoca_plugin{sizeof(convoca_plugin),
                        CONVOCA_PLUGIN_ABI_MAJOR,
                        CONVOCA_PLUGIN_ABI_MINOR,
                        id,
                        version,
                        description,
                        optionsJson,
                        capabilities,
                        &Thunks<T>::create,
                        (capabilities & CONVOCA_CAP_HARVEST) ? &Thunks<T>::harvest : nullptr,
                        (capabilities & CONVOCA_CAP_PARSE) ? &Thunks<T>::parse : nullptr,
                        &Thunks<T>::destroy};
}

} // namespace convoca::sdk

// Defines the descriptor and the entry points. `cname` is a C identifier for the
// per-name alias convoca_plugin_entry_<cname>(), used when a plugin is linked
// statically into tests (define CONVOCA_PLUGIN_STATIC to omit the generic symbol).
#define CONVOCA_PLUGIN_DEFINE_NAMED(cname, Class, id, version, description, optionsJson, caps)               \
  extern "C" CONVOCA_PLUGIN_EXPORT const convoca_plugin* convoca_plugin_entry_##cname(void) {                \
    static const convoca_plugin descriptor =                                                                 \
        convoca::sdk::describe<Class>(id, version, description, optionsJson, caps);                          \
    return &descriptor;                                                                                      \
  }

#ifdef CONVOCA_PLUGIN_STATIC
#define CONVOCA_PLUGIN_DEFINE(cname, Class, id, version, description, optionsJson, caps)                     \
  CONVOCA_PLUGIN_DEFINE_NAMED(cname, Class, id, version, description, optionsJson, caps)
#else
#define CONVOCA_PLUGIN_DEFINE(cname, Class, id, version, description, optionsJson, caps)                     \
  CONVOCA_PLUGIN_DEFINE_NAMED(cname, Class, id, version, description, optionsJson, caps)                     \
  extern "C" CONVOCA_PLUGIN_EXPORT const convoca_plugin* convoca_plugin_entry(void) {                        \
    return convoca_plugin_entry_##cname();                                                                   \
  }
#endif

#endif // CONVOCA_PLUGIN_HPP
