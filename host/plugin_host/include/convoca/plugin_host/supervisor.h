// The parent side of plugin isolation: runs one WorkerJob in a worker process
// (the same executable, hidden subcommand `__worker`, spawned with
// Poco::Process — fork+exec, never a bare fork), reads its frames, enforces the
// wall-clock deadline and the heartbeat, and kills it when either runs out.
#pragma once

#include "convoca/plugin_host/loader.h"
#include "convoca/plugin_host/worker_job.h"

#include <cstdint>
#include <map>
#include <string>

namespace convoca::plugin_host {

// Receives what the worker reports, in order, on the caller's thread.
class WorkerListener {
public:
  virtual ~WorkerListener() = default;
  virtual void record(const std::string& json) = 0;
  virtual void rejected(const std::string& reason) = 0;
  virtual void log(int level, const std::string& message) = 0;
  virtual void progress(uint64_t, uint64_t) {}
};

enum class WorkerEnd {
  Finished,      // the worker reported a final status (see WorkerResult::status)
  Crashed,       // died without reporting (signal or exit), e.g. a segfault in the plugin
  TimedOut,      // ran past the wall-clock deadline and was killed
  Stalled,       // stopped sending heartbeats and was killed
  ProtocolError, // sent something that is not a frame; killed
  SpawnFailed,   // the worker could not be started
};
const char* workerEndName(WorkerEnd end);

struct WorkerResult {
  WorkerEnd end = WorkerEnd::SpawnFailed;
  int status = CONVOCA_INTERNAL;              // the plugin's status when Finished
  std::string message;                        // why it failed, in words
  std::map<std::string, std::string> cursors; // sent only after a successful run
  PluginInfo plugin;                          // the descriptor as the worker saw it
  int64_t durationMs = 0;
  bool ok() const { return end == WorkerEnd::Finished && status == CONVOCA_OK; }
};

// Runs the job in `executable __worker`; blocks until the worker is gone.
WorkerResult runWorker(const std::string& executable, const WorkerJob& job, WorkerListener& listener);

// The path of the running executable (/proc/self/exe).
std::string selfExecutable();

} // namespace convoca::plugin_host
