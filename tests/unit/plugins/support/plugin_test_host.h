// A convoca_host_api for the tests of a statically linked plugin (eu-ft, bdns,
// unpp, raisc, feeds, declarative, oai-pmh, undl): it validates and keeps
// emitted records, answers HTTP from a map url -> answers (served in turn, the
// last one repeated), records every request, and converts HTML and times with
// convoca's own record library, as the real host does.
#pragma once

#include <convoca/index/record.h>
#include <convoca/plugin.h>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace convoca::plugin_testing {

struct SeenPart {
  std::string name;
  std::string contentType;
  std::string data;
};

struct SeenRequest {
  std::string method;
  std::string url;
  std::vector<SeenPart> parts;
  std::string body; // a POST's raw body (empty with parts)
  std::string contentType;
};

struct Answer {
  int status = 200;
  std::string body;
  std::string contentType = "application/json";
};

class FakeHost {
public:
  // `entry` is the plugin's static entry, e.g. convoca_plugin_entry_bdns.
  explicit FakeHost(convoca_plugin_entry_fn entry);
  FakeHost(const FakeHost&) = delete;
  FakeHost& operator=(const FakeHost&) = delete;

  // Configuration, before running the plugin.
  void serve(const std::string& url, Answer answer) { answers_[url] = {std::move(answer)}; }
  // Successive requests of `url` get these answers in turn; the last one repeats.
  void serveInTurn(const std::string& url, std::vector<Answer> answers) {
    answers_[url] = std::move(answers);
  }
  // A POST of `url` with exactly this body (answered before serve()'s any-method answers).
  void servePost(const std::string& url, const std::string& body, Answer answer) {
    postAnswers_[{url, body}] = std::move(answer);
  }
  // Serves every exchange of a recorded-exchange folder (host/http format).
  void serveExchanges(const std::string& dir);
  void setOption(const std::string& name, const std::string& value) { options_[name] = value; }
  void presetCursor(const std::string& key, const std::string& value) { cursors_[key] = value; }
  void cancelAfterRequests(size_t count) { cancelAfterRequests_ = count; }

  // Runs the plugin's parse() or harvest() on a fresh instance; returns its status.
  int parse(const std::string& name, const std::string& data);
  int harvest();

  // What the plugin did.
  const std::vector<convoca::index::Record>& records() const { return records_; }
  const std::vector<std::string>& recordJson() const { return recordJson_; }
  const std::vector<std::string>& rejections() const { return rejections_; }
  const std::vector<SeenRequest>& requests() const { return requests_; }
  const std::vector<std::pair<int, std::string>>& logs() const { return logs_; }
  const std::vector<std::pair<uint64_t, uint64_t>>& progress() const { return progress_; }
  const std::map<std::string, std::string>& cursors() const { return cursors_; }
  int errorStatus() const { return errorStatus_; }
  const std::string& errorMessage() const { return errorMessage_; }

  // The record with this id; fails the calling test (and returns nullptr) when absent.
  const convoca::index::Record* record(const std::string& id) const;
  size_t warningsContaining(const std::string& text) const;
  size_t logsContaining(const std::string& text) const;

  // Service implementations (called through the C table).
  int http(const convoca_http_request* request, convoca_http_response** response);
  void freeResponse(convoca_http_response* response);
  size_t unreleasedResponses() const { return openResponses_.size(); }
  int emit(const char* json, size_t size);
  const char* option(const char* name) const;
  const char* cursorGet(const char* key) const;
  int cursorPut(const char* key, const char* value);
  void log(int level, const char* message) { logs_.emplace_back(level, message ? message : ""); }
  void reportProgress(uint64_t done, uint64_t total) { progress_.emplace_back(done, total); }
  bool isCancelled() const { return cancelAfterRequests_ > 0 && requests_.size() >= cancelAfterRequests_; }
  void setError(int status, const char* message);

private:
  // A response with the storage its C view points into.
  struct OwnedResponse {
    convoca_http_response view{};
    std::string body;
    std::string contentType;
    std::string finalUrl;
  };

  int run(bool harvest, const std::string& name, const std::string& data);

  convoca_plugin_entry_fn entry_;
  convoca_host_api api_{};
  std::map<std::string, std::vector<Answer>> answers_;
  std::map<std::pair<std::string, std::string>, Answer> postAnswers_; // (url, body)
  std::map<std::string, std::string> options_;
  std::map<std::string, std::string> cursors_;
  size_t cancelAfterRequests_ = 0;

  std::vector<convoca::index::Record> records_;
  std::vector<std::string> recordJson_;
  std::vector<std::string> rejections_;
  std::vector<SeenRequest> requests_;
  std::map<convoca_http_response*, std::unique_ptr<OwnedResponse>> openResponses_;
  std::vector<std::pair<int, std::string>> logs_;
  std::vector<std::pair<uint64_t, uint64_t>> progress_;
  int errorStatus_ = CONVOCA_OK;
  std::string errorMessage_;
};

// The text of a file, or "" when it cannot be read.
std::string readFile(const std::string& path);

// ../shared/fixtures-real (next to the source tree).
std::string realFixturesDir();

// The `source.<source>.option.<name> = value` lines of a demo.properties file.
std::map<std::string, std::string> demoOptions(const std::string& path, const std::string& source);

} // namespace convoca::plugin_testing
