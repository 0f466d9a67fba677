// One plugin instance at work: implements the host services table of
// plugins/sdk for it, validates what it emits, and runs harvest() or parse().
// Used inside the worker process (worker.h) and, for tests and --in-process,
// directly in the caller's process.
#pragma once

#include "convoca/http/client.h"
#include "convoca/plugin_host/linked_documents.h"
#include "convoca/plugin_host/loader.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct convoca_host; // defined in session.cpp; opaque to plugins

namespace convoca::plugin_host {

// Where a session's output goes.
class SessionEvents {
public:
  virtual ~SessionEvents() = default;
  virtual void record(const std::string& json) = 0;     // a validated, normalised record
  virtual void rejected(const std::string& reason) = 0; // a record that failed validation
  virtual void log(int level, const std::string& message) = 0;
  virtual void progress(uint64_t done, uint64_t total) = 0;
  virtual void alive() {} // any sign of life from the plugin (heartbeats)
};

struct SessionConfig {
  std::map<std::string, std::string> options;
  std::map<std::string, std::string> cursors; // as stored after the last successful run
  http::ClientOptions http;
  DocumentPolicy documents; // what to do with the documents records link to
};

struct SessionOutcome {
  int status = CONVOCA_INTERNAL;              // CONVOCA_* returned by the plugin
  std::string message;                        // the plugin's set_error message, or ours
  std::map<std::string, std::string> cursors; // the full cursor set to save when status is OK
  uint64_t accepted = 0;
  uint64_t rejected = 0;
};

inline constexpr size_t kMaxRecordBytes = 8u << 20;
inline constexpr size_t kMaxCursorBytes = 64u << 10;

const char* statusWord(int status); // "ok", "retry", "config", ...

class PluginSession {
public:
  PluginSession(const LoadedPlugin& plugin, SessionConfig config, SessionEvents& events);
  ~PluginSession();
  PluginSession(const PluginSession&) = delete;
  PluginSession& operator=(const PluginSession&) = delete;

  SessionOutcome harvest();
  // Reads each file and hands it to the plugin's parse(); stops at the first failure.
  SessionOutcome parse(const std::vector<std::string>& files);
  // Asks the plugin to stop (thread-safe); it sees cancelled() == 1 from now on.
  void cancel() { cancelled_ = true; }
  // Cancelled, or the plugin's harvest()/parse() already returned.
  bool stopped() const { return cancelled_ || finished_; }

  // Called by the C thunks in session.cpp.
  struct Services;

private:
  template <class Fn> SessionOutcome run(Fn&& call);

  const LoadedPlugin& plugin_;
  SessionConfig config_;
  SessionEvents& events_;
  std::unique_ptr<http::Client> http_;
  std::unique_ptr<convoca_host> handle_;
  std::atomic<bool> cancelled_{false};
  std::atomic<bool> finished_{false}; // harvest()/parse() returned: later calls are refused
  bool offline_ = false;              // parse(): saved payloads only, no network
  std::map<std::string, std::string> cursorsPut_;
  int errorStatus_ = CONVOCA_OK;
  std::string errorMessage_;
  std::string lastHttpError_; // the reason behind the last failed http() call
  uint64_t accepted_ = 0;
  uint64_t rejected_ = 0;
  struct Responses;
  std::unique_ptr<Responses> responses_;
};

} // namespace convoca::plugin_host
