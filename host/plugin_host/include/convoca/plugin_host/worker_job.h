// What the parent tells a worker to do, as JSON on the worker's stdin.
#pragma once

#include "convoca/http/client.h"
#include "convoca/plugin_host/linked_documents.h"

#include <map>
#include <string>
#include <vector>

namespace convoca::plugin_host {

enum class WorkerMode { Describe, Harvest, Parse };

struct WorkerLimits {
  int addressSpaceMb = 4096; // RLIMIT_AS; 0 = unlimited (needed under ASan)
  int cpuSeconds = 0;        // RLIMIT_CPU; 0 = derived from the deadline
  int openFiles = 256;       // RLIMIT_NOFILE
};

struct WorkerJob {
  WorkerMode mode = WorkerMode::Harvest;
  std::string pluginPath;
  std::vector<std::string> files; // parse mode
  std::map<std::string, std::string> options;
  std::map<std::string, std::string> cursors;
  http::ClientOptions http; // only the plain settings travel (no callbacks)
  WorkerLimits limits;
  DocumentPolicy documents; // linked documents of harvested calls
  int heartbeatMs = 1000;   // the worker sends a heartbeat this often while the plugin is alive
  int stallMs = 120000;     // ...and stops sending them when the plugin made no host call for this long
  int deadlineMs = 1800000; // wall-clock limit of the whole run, enforced by the parent
};

std::string workerJobToJson(const WorkerJob& job);
WorkerJob workerJobFromJson(const std::string& json); // throws std::runtime_error on a malformed job

const char* workerModeName(WorkerMode mode);

} // namespace convoca::plugin_host
