#include "plugin_test_host.h"

#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>
#include <Poco/String.h>
#include <convoca/index/html_text.h>
#include <convoca/index/timeutil.h>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <gtest/gtest.h>
#include <memory>
#include <sstream>

// The opaque handle of plugin.h, defined by this host.
struct convoca_host {
  convoca::plugin_testing::FakeHost* fake;
};

namespace convoca::plugin_testing {
namespace {

FakeHost& self(convoca_host* host) {
  return *host->fake;
}

char* copyOf(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out) std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

int writeOut(const std::string& text, char* out, size_t outSize) {
  if (text.size() + 1 > outSize) return CONVOCA_INTERNAL;
  std::memcpy(out, text.c_str(), text.size() + 1);
  return CONVOCA_OK;
}

const convoca_host_api kTable = [] {
  convoca_host_api api{};
  api.struct_size = sizeof api;
  api.abi_major = CONVOCA_PLUGIN_ABI_MAJOR;
  api.abi_minor = CONVOCA_PLUGIN_ABI_MINOR;
  api.http = [](convoca_host* h, const convoca_http_request* request, convoca_http_response** response) {
    return self(h).http(request, response);
  };
  api.free_response = [](convoca_host* h, convoca_http_response* response) {
    self(h).freeResponse(response);
  };
  api.emit_record = [](convoca_host* h, const char* json, size_t size) { return self(h).emit(json, size); };
  api.get_option = [](convoca_host* h, const char* name) { return self(h).option(name); };
  api.cursor_get = [](convoca_host* h, const char* key) { return self(h).cursorGet(key); };
  api.cursor_put = [](convoca_host* h, const char* key, const char* value) {
    return self(h).cursorPut(key, value);
  };
  api.log = [](convoca_host* h, int level, const char* message) { self(h).log(level, message); };
  api.progress = [](convoca_host* h, uint64_t done, uint64_t total) { self(h).reportProgress(done, total); };
  api.cancelled = [](convoca_host* h) { return self(h).isCancelled() ? 1 : 0; };
  api.set_error = [](convoca_host* h, int status, const char* message) { self(h).setError(status, message); };
  api.html_to_text = [](convoca_host*, const char* html, size_t size) {
    return copyOf(convoca::index::htmlToText(std::string(html, size)));
  };
  api.free_string = [](convoca_host*, char* text) { std::free(text); };
  api.local_to_rfc3339 = [](convoca_host*, const char* zone, const char* local, char* out, size_t outSize) {
    const auto converted = convoca::index::timeutil::localToRfc3339(zone, local);
    return converted ? writeOut(*converted, out, outSize) : CONVOCA_SOURCE_FORMAT;
  };
  api.instant_to_rfc3339 = [](convoca_host*, const char* zone, int64_t unixMs, char* out, size_t outSize) {
    try {
      const int64_t seconds = unixMs >= 0 ? unixMs / 1000 : -((-unixMs + 999) / 1000);
      return writeOut(convoca::index::timeutil::formatInstant(seconds, zone), out, outSize);
    } catch (const std::exception&) {
      return static_cast<int>(CONVOCA_SOURCE_FORMAT);
    }
  };
  return api;
}();

} // namespace

FakeHost::FakeHost(convoca_plugin_entry_fn entry) : entry_(entry), api_(kTable) {}

int FakeHost::parse(const std::string& name, const std::string& data) {
  return run(false, name, data);
}
int FakeHost::harvest() {
  return run(true, "", "");
}

int FakeHost::run(bool harvest, const std::string& name, const std::string& data) {
  const convoca_plugin* plugin = entry_();
  convoca_host handle{this};
  void* instance = nullptr;
  int status = plugin->create(&api_, &handle, &instance);
  if (status != CONVOCA_OK) return status;
  status =
      harvest ? plugin->harvest(instance) : plugin->parse(instance, name.c_str(), data.data(), data.size());
  plugin->destroy(instance);
  return status;
}

int FakeHost::http(const convoca_http_request* request, convoca_http_response** response) {
  SeenRequest seen{request->method ? request->method : "",
                   request->url ? request->url : "",
                   {},
                   request->body ? std::string(request->body, request->body_size) : "",
                   request->content_type ? request->content_type : ""};
  for (size_t i = 0; i < request->part_count; ++i) {
    const convoca_http_part& part = request->parts[i];
    seen.parts.push_back(SeenPart{part.name ? part.name : "", part.content_type ? part.content_type : "",
                                  std::string(part.data, part.data_size)});
  }
  auto owned = std::make_unique<OwnedResponse>();
  Answer answer{404, "not served by the fake host"};
  const auto post = postAnswers_.find({seen.url, seen.body});
  const auto found = answers_.find(seen.url);
  requests_.push_back(std::move(seen));
  if (requests_.back().method == "POST" && post != postAnswers_.end()) {
    answer = post->second;
  } else if (found != answers_.end() && !found->second.empty()) {
    answer = found->second.front();
    if (found->second.size() > 1) found->second.erase(found->second.begin());
  }
  owned->contentType = answer.contentType;
  owned->body = answer.body;
  owned->finalUrl = request->url;
  owned->view.struct_size = sizeof(convoca_http_response);
  owned->view.status = answer.status;
  owned->view.body = owned->body.c_str();
  owned->view.body_size = owned->body.size();
  owned->view.content_type = owned->contentType.c_str();
  owned->view.final_url = owned->finalUrl.c_str();
  *response = &owned->view;
  openResponses_.emplace(&owned->view, std::move(owned));
  return CONVOCA_OK;
}

void FakeHost::freeResponse(convoca_http_response* response) {
  openResponses_.erase(response);
}

int FakeHost::emit(const char* json, size_t size) {
  std::string text(json, size);
  try {
    records_.push_back(convoca::index::recordFromJson(text));
    recordJson_.push_back(std::move(text));
    return CONVOCA_OK;
  } catch (const convoca::index::RecordError& e) {
    rejections_.push_back(e.what());
    return CONVOCA_SOURCE_FORMAT;
  }
}

const char* FakeHost::option(const char* name) const {
  const auto found = options_.find(name);
  return found == options_.end() ? nullptr : found->second.c_str();
}

const char* FakeHost::cursorGet(const char* key) const {
  const auto found = cursors_.find(key);
  return found == cursors_.end() ? nullptr : found->second.c_str();
}

int FakeHost::cursorPut(const char* key, const char* value) {
  cursors_[key] = value;
  return CONVOCA_OK;
}

void FakeHost::setError(int status, const char* message) {
  errorStatus_ = status;
  errorMessage_ = message ? message : "";
}

const convoca::index::Record* FakeHost::record(const std::string& id) const {
  for (const auto& record : records_)
    if (record.id == id) return &record;
  ADD_FAILURE() << "no record " << id << " among " << records_.size();
  return nullptr;
}

size_t FakeHost::warningsContaining(const std::string& text) const {
  size_t count = 0;
  for (const auto& [level, message] : logs_)
    if (level == CONVOCA_LOG_WARNING && message.find(text) != std::string::npos) ++count;
  return count;
}

size_t FakeHost::logsContaining(const std::string& text) const {
  size_t count = 0;
  for (const auto& entry : logs_)
    if (entry.second.find(text) != std::string::npos) ++count;
  return count;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string realFixturesDir() {
  return std::string(CONVOCA_SOURCE_DIR) + "/../shared/fixtures-real";
}

void FakeHost::serveExchanges(const std::string& dir) {
  std::vector<std::string> names;
  Poco::File(dir).list(names);
  const std::string suffix = ".exchange.json";
  for (const auto& name : names) {
    if (name.size() < suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    const auto exchange = Poco::JSON::Parser()
                              .parse(readFile(Poco::Path(dir, name).toString()))
                              .extract<Poco::JSON::Object::Ptr>();
    const auto request = exchange->getObject("request");
    const auto response = exchange->getObject("response");
    Answer answer{response->getValue<int>("status"),
                  readFile(Poco::Path(dir, response->getValue<std::string>("body_file")).toString()),
                  response->optValue<std::string>("content_type", "")};
    const std::string url = request->getValue<std::string>("url");
    if (request->getValue<std::string>("method") == "POST")
      servePost(url, request->optValue<std::string>("body", ""), std::move(answer));
    else
      serve(url, std::move(answer));
  }
}

std::map<std::string, std::string> demoOptions(const std::string& path, const std::string& source) {
  std::map<std::string, std::string> options;
  std::istringstream lines(readFile(path));
  const std::string prefix = "source." + source + ".option.";
  for (std::string line; std::getline(lines, line);) {
    line = Poco::trim(line);
    const auto equals = line.find('=');
    if (line.rfind(prefix, 0) != 0 || equals == std::string::npos) continue;
    options[Poco::trim(line.substr(prefix.size(), equals - prefix.size()))] =
        Poco::trim(line.substr(equals + 1));
  }
  return options;
}

} // namespace convoca::plugin_testing
