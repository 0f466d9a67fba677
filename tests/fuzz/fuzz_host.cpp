#include "fuzz_host.h"

#include <convoca/index/html_text.h>
#include <convoca/index/record.h>
#include <convoca/index/timeutil.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

// The opaque handle of plugin.h, defined by this host.
struct convoca_host {
  const convoca::fuzz::Options* options = nullptr;
  convoca::fuzz::Emitted emitted = convoca::fuzz::Emitted::Validated;
  uint64_t records = 0;
  int errorStatus = CONVOCA_OK;
  std::string errorMessage;
};

namespace convoca::fuzz {
namespace {

int copyOut(const std::optional<std::string>& value, char* out, size_t outSize) {
  if (!value || !out || value->size() + 1 > outSize) return CONVOCA_SOURCE_FORMAT;
  std::memcpy(out, value->c_str(), value->size() + 1);
  return CONVOCA_OK;
}

// The services of host/plugin_host/src/session.cpp, minus the network, the
// cursors and the worker's bookkeeping.
convoca_host_api makeTable() {
  convoca_host_api api{};
  api.struct_size = sizeof api;
  api.abi_major = CONVOCA_PLUGIN_ABI_MAJOR;
  api.abi_minor = CONVOCA_PLUGIN_ABI_MINOR;
  // parse() must not fetch; a plugin that does gets an answer it has to cope with.
  api.http = [](convoca_host*, const convoca_http_request*, convoca_http_response** response) {
    static const convoca_http_response notFound{
        sizeof(convoca_http_response), 404, "", 0, "text/plain", "", 0, nullptr, 0};
    *response = const_cast<convoca_http_response*>(&notFound);
    return static_cast<int>(CONVOCA_OK);
  };
  api.free_response = [](convoca_host*, convoca_http_response*) {};
  // Validated like the real host does; a rejection is the plugin's business, not a crash.
  api.emit_record = [](convoca_host* host, const char* json, size_t size) {
    ++host->records;
    if (host->emitted == Emitted::Counted) return static_cast<int>(CONVOCA_OK);
    try {
      index::recordFromJson(std::string(json, size));
      return static_cast<int>(CONVOCA_OK);
    } catch (const index::RecordError&) {
      return static_cast<int>(CONVOCA_SOURCE_FORMAT);
    }
  };
  api.get_option = [](convoca_host* host, const char* name) -> const char* {
    const auto found = host->options->find(name);
    return found == host->options->end() ? nullptr : found->second.c_str();
  };
  api.cursor_get = [](convoca_host*, const char*) -> const char* { return nullptr; };
  api.cursor_put = [](convoca_host*, const char*, const char*) { return static_cast<int>(CONVOCA_OK); };
  api.log = [](convoca_host*, int, const char*) {};
  api.progress = [](convoca_host*, uint64_t, uint64_t) {};
  api.cancelled = [](convoca_host*) { return 0; };
  api.set_error = [](convoca_host* host, int status, const char* message) {
    host->errorStatus = status;
    host->errorMessage = message ? message : "";
  };
  api.html_to_text = [](convoca_host*, const char* html, size_t size) -> char* {
    const std::string text = index::htmlToText(std::string(html, size));
    char* out = static_cast<char*>(std::malloc(text.size() + 1));
    if (out) std::memcpy(out, text.c_str(), text.size() + 1);
    return out;
  };
  api.free_string = [](convoca_host*, char* text) { std::free(text); };
  api.local_to_rfc3339 = [](convoca_host*, const char* zone, const char* local, char* out, size_t outSize) {
    if (!zone || !local) return static_cast<int>(CONVOCA_SOURCE_FORMAT);
    return copyOut(index::timeutil::localToRfc3339(zone, local), out, outSize);
  };
  api.instant_to_rfc3339 = [](convoca_host*, const char* zone, int64_t unixMs, char* out, size_t outSize) {
    if (!zone) return static_cast<int>(CONVOCA_SOURCE_FORMAT);
    try {
      const int64_t seconds = unixMs / 1000 - ((unixMs % 1000) < 0 ? 1 : 0);
      return copyOut(index::timeutil::formatInstant(seconds, zone), out, outSize);
    } catch (const std::exception&) { // documented: an unknown zone
      return static_cast<int>(CONVOCA_SOURCE_FORMAT);
    }
  };
  return api;
}

bool isKnownStatus(int status) {
  return status >= CONVOCA_OK && status <= CONVOCA_UNSUPPORTED;
}

} // namespace

void finding(const std::string& what, const std::string& message) {
  std::fprintf(stderr, "\n== convoca fuzz finding: %s\n   %s\n", what.c_str(), message.c_str());
  std::abort();
}

int parseWithPlugin(convoca_plugin_entry_fn entry, const std::string& name, const std::string& payload,
                    const Options& options, Emitted emitted, uint64_t* records) {
  static const convoca_host_api api = makeTable();
  const convoca_plugin* plugin = entry();
  convoca_host host;
  host.options = &options;
  host.emitted = emitted;
  void* instance = nullptr;
  int status = plugin->create(&api, &host, &instance);
  if (status == CONVOCA_OK) status = plugin->parse(instance, name.c_str(), payload.data(), payload.size());
  plugin->destroy(instance);
  if (records) *records = host.records;

  if (status == CONVOCA_INTERNAL)
    finding("parse() failed with CONVOCA_INTERNAL (a plugin bug)", host.errorMessage);
  if (!isKnownStatus(status)) finding("parse() returned an unknown status", std::to_string(status));
  if (status != CONVOCA_OK && host.errorMessage.empty())
    finding("parse() failed without a message", "status " + std::to_string(status));
  return status;
}

} // namespace convoca::fuzz
