#include "convoca/plugin_host/session.h"

#include "convoca/index/html_text.h"
#include "convoca/index/record.h"
#include "convoca/index/timeutil.h"

#include <Poco/Exception.h>
#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>
#include <cstdlib>
#include <cstring>
#include <sstream>

struct convoca_host {
  convoca::plugin_host::PluginSession* session;
};

namespace convoca::plugin_host {

const char* statusWord(int status) {
  switch (status) {
  case CONVOCA_OK:
    return "ok";
  case CONVOCA_RETRY:
    return "retry";
  case CONVOCA_CONFIG:
    return "config";
  case CONVOCA_SOURCE_FORMAT:
    return "source-format";
  case CONVOCA_CANCELLED:
    return "cancelled";
  case CONVOCA_INTERNAL:
    return "internal";
  case CONVOCA_NETWORK:
    return "network";
  case CONVOCA_UNSUPPORTED:
    return "unsupported";
  default:
    return "unknown-status";
  }
}

// A response handed to the plugin: the C view plus the storage it points into.
struct OwnedResponse {
  convoca_http_response view{};
  std::string body;
  std::string contentType;
  std::string finalUrl;
  std::vector<std::pair<std::string, std::string>> headerText;
  std::vector<convoca_http_header> headers;
};

struct PluginSession::Responses {
  std::map<const convoca_http_response*, std::unique_ptr<OwnedResponse>> live;
};

namespace {

int httpStatusOf(const http::HttpError& error) {
  switch (error.kind()) {
  case http::ErrorKind::Cancelled:
    return CONVOCA_CANCELLED;
  case http::ErrorKind::RobotsDisallowed:
  case http::ErrorKind::BadUrl:
    return CONVOCA_CONFIG;
  default:
    return CONVOCA_NETWORK;
  }
}

http::Request toRequest(const convoca_http_request& c) {
  // Read only the fields the plugin's struct_size covers (append-only growth).
  convoca_http_request r{};
  std::memcpy(&r, &c, std::min<size_t>(c.struct_size, sizeof r));
  http::Request request;
  request.method = r.method ? r.method : "GET";
  request.url = r.url ? r.url : "";
  for (size_t i = 0; r.headers && i < r.header_count; ++i)
    if (r.headers[i].name && r.headers[i].value)
      request.headers.emplace_back(r.headers[i].name, r.headers[i].value);
  if (r.body) request.body.assign(r.body, r.body_size);
  if (r.content_type) request.contentType = r.content_type;
  for (size_t i = 0; r.parts && i < r.part_count; ++i) {
    const convoca_http_part& p = r.parts[i];
    request.parts.push_back({p.name ? p.name : "", p.content_type ? p.content_type : "text/plain",
                             std::string(p.data ? p.data : "", p.data ? p.data_size : 0)});
  }
  request.noCache = (r.flags & CONVOCA_HTTP_NO_CACHE) != 0;
  return request;
}

// Plugin messages travel as JSON and end up in logs and the web UI.
constexpr size_t kMaxMessageBytes = 4096;

std::string readFile(const std::string& path) {
  Poco::FileInputStream in(path);
  std::string data;
  Poco::StreamCopier::copyToString(in, data);
  return data;
}

} // namespace

// The C thunks of the host services table. Each one reaches the session through
// the opaque handle and never lets an exception escape into plugin code.
struct PluginSession::Services {
  static PluginSession& of(convoca_host* host) { return *host->session; }

  static int httpRequest(convoca_host* host, const convoca_http_request* request,
                         convoca_http_response** out) {
    if (!out) return CONVOCA_INTERNAL;
    *out = nullptr;
    if (!request) return CONVOCA_INTERNAL;
    PluginSession& s = of(host);
    s.events_.alive();
    if (s.stopped()) return CONVOCA_CANCELLED;
    if (s.offline_) {
      s.events_.log(CONVOCA_LOG_ERROR, "parse runs offline: HTTP requests are refused");
      return CONVOCA_UNSUPPORTED;
    }
    try {
      http::Response response = s.http_->fetch(toRequest(*request));
      auto owned = std::make_unique<OwnedResponse>();
      owned->body = std::move(response.body);
      owned->contentType = std::move(response.contentType);
      owned->finalUrl = std::move(response.finalUrl);
      owned->headerText = std::move(response.headers);
      for (const auto& h : owned->headerText) owned->headers.push_back({h.first.c_str(), h.second.c_str()});
      owned->view.struct_size = sizeof(convoca_http_response);
      owned->view.status = response.status;
      owned->view.body = owned->body.c_str();
      owned->view.body_size = owned->body.size();
      owned->view.content_type = owned->contentType.c_str();
      owned->view.final_url = owned->finalUrl.c_str();
      owned->view.from_cache = response.fromCache ? 1 : 0;
      owned->view.headers = owned->headers.data();
      owned->view.header_count = owned->headers.size();
      *out = &owned->view;
      s.responses_->live.emplace(&owned->view, std::move(owned));
      return CONVOCA_OK;
    } catch (const http::HttpError& e) {
      s.events_.log(CONVOCA_LOG_WARNING, e.what());
      s.lastHttpError_ = e.what();
      return httpStatusOf(e);
    } catch (const std::exception& e) {
      s.events_.log(CONVOCA_LOG_ERROR, std::string("http: ") + e.what());
      return CONVOCA_NETWORK;
    }
  }

  static void freeResponse(convoca_host* host, convoca_http_response* response) {
    if (response) of(host).responses_->live.erase(response);
  }

  static int emitRecord(convoca_host* host, const char* json, size_t size) {
    PluginSession& s = of(host);
    s.events_.alive();
    if (s.stopped()) return CONVOCA_CANCELLED;
    auto reject = [&](const std::string& reason) {
      ++s.rejected_;
      s.events_.rejected(reason);
      return CONVOCA_SOURCE_FORMAT;
    };
    if (!json) return reject("emit_record called with NULL");
    if (size > kMaxRecordBytes)
      return reject("record of " + std::to_string(size) + " bytes exceeds the 8 MiB limit");
    try {
      index::Record record = index::recordFromJson(std::string(json, size));
      if (record.source != s.plugin_.info.id)
        return reject("record " + record.id + " claims source '" + record.source + "', not '" +
                      s.plugin_.info.id + "'");
      if (record.fetchedAt.empty())
        record.fetchedAt = index::timeutil::formatInstant(index::timeutil::now(), "UTC");
      record.analysis = {}; // convoca's own derivation, never a plugin's to give
      if (!s.offline_ && !record.documents.empty()) {
        // Children first: the call's content hash then covers its documents' text.
        for (const index::Record& child : fetchLinkedDocuments(
                 record, *s.http_, s.config_.documents,
                 [&s](int level, const std::string&message) { s.events_.log(level, message); })) {
          ++s.accepted_;
          s.events_.record(index::recordToJson(child));
        }
      }
      ++s.accepted_;
      s.events_.record(index::recordToJson(record));
      return CONVOCA_OK;
    } catch (const index::RecordError& e) {
      return reject(index::validUtf8(e.what(), kMaxMessageBytes));
    }
  }

  static const char* getOption(convoca_host* host, const char* name) {
    if (!name) return nullptr;
    const auto& options = of(host).config_.options;
    auto it = options.find(name);
    return it == options.end() ? nullptr : it->second.c_str();
  }

  static const char* cursorGet(convoca_host* host, const char* key) {
    if (!key) return nullptr;
    PluginSession& s = of(host);
    if (auto it = s.cursorsPut_.find(key); it != s.cursorsPut_.end()) return it->second.c_str();
    if (auto it = s.config_.cursors.find(key); it != s.config_.cursors.end()) return it->second.c_str();
    return nullptr;
  }

  static int cursorPut(convoca_host* host, const char* key, const char* value) {
    if (of(host).stopped()) return CONVOCA_CANCELLED;
    if (!key || !value || std::strlen(value) > kMaxCursorBytes || std::strlen(key) > 256)
      return CONVOCA_INTERNAL;
    of(host).cursorsPut_[key] = value;
    return CONVOCA_OK;
  }

  static void log(convoca_host* host, int level, const char* message) {
    PluginSession& s = of(host);
    s.events_.alive();
    if (level < CONVOCA_LOG_DEBUG || level > CONVOCA_LOG_ERROR) level = CONVOCA_LOG_INFO;
    s.events_.log(level, message ? index::validUtf8(message, kMaxMessageBytes) : "");
  }

  static void progress(convoca_host* host, uint64_t done, uint64_t total) {
    PluginSession& s = of(host);
    s.events_.alive();
    s.events_.progress(done, total);
  }

  static int cancelled(convoca_host* host) {
    PluginSession& s = of(host);
    s.events_.alive();
    return s.stopped() ? 1 : 0;
  }

  static void setError(convoca_host* host, int status, const char* message) {
    PluginSession& s = of(host);
    s.errorStatus_ = status;
    s.errorMessage_ = message ? index::validUtf8(message, kMaxMessageBytes) : "";
  }

  static char* htmlToText(convoca_host* host, const char* html, size_t size) {
    of(host).events_.alive();
    try {
      std::string text = index::htmlToText(std::string(html ? html : "", html ? size : 0));
      char* out = static_cast<char*>(std::malloc(text.size() + 1));
      if (out) std::memcpy(out, text.c_str(), text.size() + 1);
      return out;
    } catch (const std::exception&) {
      return nullptr;
    }
  }

  static void freeString(convoca_host*, char* text) { std::free(text); }

  static int copyOut(const std::optional<std::string>& value, char* out, size_t outSize) {
    if (!value || !out || value->size() + 1 > outSize) return CONVOCA_SOURCE_FORMAT;
    std::memcpy(out, value->c_str(), value->size() + 1);
    return CONVOCA_OK;
  }

  static int localToRfc3339(convoca_host*, const char* zone, const char* local, char* out, size_t outSize) {
    if (!zone || !local) return CONVOCA_SOURCE_FORMAT;
    return copyOut(index::timeutil::localToRfc3339(zone, local), out, outSize);
  }

  static int instantToRfc3339(convoca_host*, const char* zone, int64_t unixMs, char* out, size_t outSize) {
    if (!zone) return CONVOCA_SOURCE_FORMAT;
    try {
      // Floor division keeps instants before 1970 on the right second.
      int64_t seconds = unixMs / 1000 - ((unixMs % 1000) < 0 ? 1 : 0);
      return copyOut(index::timeutil::formatInstant(seconds, zone), out, outSize);
    } catch (const std::exception&) {
      return CONVOCA_SOURCE_FORMAT;
    }
  }

  static const convoca_host_api* table() {
    static const convoca_host_api api = {sizeof(convoca_host_api),
                                         CONVOCA_PLUGIN_ABI_MAJOR,
                                         CONVOCA_PLUGIN_ABI_MINOR,
                                         &httpRequest,
                                         &freeResponse,
                                         &emitRecord,
                                         &getOption,
                                         &cursorGet,
                                         &cursorPut,
                                         &log,
                                         &progress,
                                         &cancelled,
                                         &setError,
                                         &htmlToText,
                                         &freeString,
                                         &localToRfc3339,
                                         &instantToRfc3339};
    return &api;
  }
};

PluginSession::PluginSession(const LoadedPlugin& plugin, SessionConfig config, SessionEvents& events)
    : plugin_(plugin), config_(std::move(config)), events_(events), handle_(new convoca_host{this}),
      responses_(std::make_unique<Responses>()) {
  http::ClientOptions options = config_.http;
  options.cancelled = [this] { return stopped(); };
  options.heartbeat = [this] { events_.alive(); };
  options.log = [this](int level, const std::string& message) { events_.log(level, message); };
  http_ = std::make_unique<http::Client>(std::move(options));
}

PluginSession::~PluginSession() = default;

template <class Fn> SessionOutcome PluginSession::run(Fn&& call) {
  SessionOutcome outcome;
  if (!plugin_.info.usable) {
    outcome.status = CONVOCA_CONFIG;
    outcome.message = plugin_.info.refusal;
    return outcome;
  }
  void* instance = nullptr;
  finished_ = false;
  errorStatus_ = CONVOCA_OK;
  errorMessage_.clear();
  int status = plugin_.descriptor.create(Services::table(), handle_.get(), &instance);
  if (status == CONVOCA_OK) {
    status = call(instance);
    // The run is over: a plugin thread still calling in gets CONVOCA_CANCELLED.
    finished_ = true;
    plugin_.descriptor.destroy(instance);
  }
  outcome.status = status;
  outcome.accepted = accepted_;
  outcome.rejected = rejected_;
  if (status != CONVOCA_OK) {
    outcome.message = !errorMessage_.empty() ? errorMessage_
                                             : std::string("plugin bug: failed with status ") +
                                                   statusWord(status) + " but set no error";
    // Plugins see only a status from http(); the operator needs the reason too.
    if (!lastHttpError_.empty() && outcome.message.find(lastHttpError_) == std::string::npos)
      outcome.message += " (" + lastHttpError_ + ")";
  }
  outcome.cursors = config_.cursors;
  for (const auto& [key, value] : cursorsPut_) outcome.cursors[key] = value;
  return outcome;
}

SessionOutcome PluginSession::harvest() {
  if (!plugin_.descriptor.harvest) {
    SessionOutcome outcome;
    outcome.status = CONVOCA_UNSUPPORTED;
    outcome.message = plugin_.info.id + " does not harvest";
    return outcome;
  }
  return run([this](void* instance) { return plugin_.descriptor.harvest(instance); });
}

SessionOutcome PluginSession::parse(const std::vector<std::string>& files) {
  if (!plugin_.descriptor.parse) {
    SessionOutcome outcome;
    outcome.status = CONVOCA_UNSUPPORTED;
    outcome.message = plugin_.info.id + " cannot parse saved payloads";
    return outcome;
  }
  offline_ = true;
  return run([&](void* instance) -> int {
    for (const auto& file : files) {
      std::string data;
      try {
        data = readFile(file);
      } catch (const Poco::Exception& e) {
        errorMessage_ = "cannot read " + file + ": " + e.displayText();
        return CONVOCA_CONFIG;
      }
      const std::string name = file.substr(file.find_last_of('/') + 1);
      int status = plugin_.descriptor.parse(instance, name.c_str(), data.data(), data.size());
      if (status != CONVOCA_OK) {
        if (!errorMessage_.empty() && errorMessage_.find(name) == std::string::npos)
          errorMessage_ = file + ": " + errorMessage_;
        return status;
      }
    }
    return CONVOCA_OK;
  });
}

} // namespace convoca::plugin_host
