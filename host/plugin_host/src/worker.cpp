#include "convoca/plugin_host/worker.h"

#include "convoca/plugin_host/address_sanitizer.h"
#include "convoca/plugin_host/protocol.h"
#include "convoca/plugin_host/session.h"
#include "convoca/plugin_host/worker_job.h"

#include <Poco/JSON/Object.h>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <iterator>
#include <mutex>
#include <sstream>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>

namespace convoca::plugin_host {
namespace {

using Clock = std::chrono::steady_clock;

std::string toJson(const Poco::JSON::Object& object) {
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

// Writes frames to the parent; shared by the plugin thread and the heartbeat thread.
class FrameWriter {
public:
  explicit FrameWriter(int fd) : fd_(fd) {}

  void send(FrameType type, const std::string& payload) {
    const std::string frame = encodeFrame(type, payload);
    std::lock_guard<std::mutex> lock(mutex_);
    size_t written = 0;
    while (written < frame.size()) {
      ssize_t n = ::write(fd_, frame.data() + written, frame.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) _exit(3); // the parent is gone: nothing left to report to
      written += static_cast<size_t>(n);
    }
  }

private:
  int fd_;
  std::mutex mutex_;
};

class FrameEvents : public SessionEvents {
public:
  explicit FrameEvents(FrameWriter& writer) : writer_(writer) { alive(); }

  void record(const std::string& json) override { writer_.send(FrameType::Record, json); }
  void rejected(const std::string& reason) override { writer_.send(FrameType::Rejected, reason); }
  void log(int level, const std::string& message) override {
    writer_.send(FrameType::Log, std::to_string(level) + message);
  }
  void progress(uint64_t done, uint64_t total) override {
    Poco::JSON::Object o;
    o.set("done", static_cast<Poco::UInt64>(done));
    o.set("total", static_cast<Poco::UInt64>(total));
    writer_.send(FrameType::Progress, toJson(o));
  }
  void alive() override { lastAlive_ = Clock::now().time_since_epoch().count(); }
  Clock::time_point lastAlive() const { return Clock::time_point(Clock::duration(lastAlive_.load())); }

private:
  FrameWriter& writer_;
  std::atomic<Clock::rep> lastAlive_{0};
};

// Sends heartbeats while the plugin keeps calling the host; a plugin stuck in
// its own code for stallMs stops them, and the parent then kills the worker.
class Heartbeat {
public:
  Heartbeat(FrameWriter& writer, FrameEvents& events, int intervalMs, int stallMs)
      : thread_([=, &writer, &events] {
          std::unique_lock<std::mutex> lock(mutex_);
          while (!stopping_) {
            if (cv_.wait_for(lock, std::chrono::milliseconds(intervalMs), [this] { return stopping_; }))
              break;
            if (Clock::now() - events.lastAlive() < std::chrono::milliseconds(stallMs))
              writer.send(FrameType::Heartbeat, "");
          }
        }) {}
  ~Heartbeat() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

void applyLimits(const WorkerJob& job) {
  auto set = [](int resource, rlim_t value) {
    rlimit limit{value, value};
    setrlimit(resource, &limit);
  };
  // ASan and TSan reserve terabytes of address space up front: no RLIMIT_AS there.
#if !defined(CONVOCA_ADDRESS_SANITIZER) && !defined(CONVOCA_THREAD_SANITIZER)
  if (job.limits.addressSpaceMb > 0) set(RLIMIT_AS, static_cast<rlim_t>(job.limits.addressSpaceMb) << 20);
#endif
  int cpu = job.limits.cpuSeconds > 0 ? job.limits.cpuSeconds : job.deadlineMs / 1000 + 10;
  set(RLIMIT_CPU, static_cast<rlim_t>(cpu));
  if (job.limits.openFiles > 0) set(RLIMIT_NOFILE, static_cast<rlim_t>(job.limits.openFiles));
  set(RLIMIT_CORE, 0);
}

std::string describeJson(const PluginInfo& info) {
  Poco::JSON::Object o;
  o.set("path", info.path);
  o.set("id", info.id);
  o.set("version", info.version);
  o.set("description", info.description);
  o.set("options", info.optionsJson);
  o.set("capabilities", static_cast<Poco::UInt64>(info.capabilities));
  o.set("abi_major", info.abiMajor);
  o.set("abi_minor", info.abiMinor);
  o.set("usable", info.usable);
  o.set("refusal", info.refusal);
  return toJson(o);
}

void sendDone(FrameWriter& writer, int status, const std::string& message,
              const std::string& pluginJson = "") {
  Poco::JSON::Object o;
  o.set("status", status);
  o.set("message", message);
  if (!pluginJson.empty()) o.set("plugin", pluginJson);
  writer.send(FrameType::Done, toJson(o));
}

} // namespace

int workerMain() {
  // A process group of its own: whatever the plugin forks joins it, and the
  // parent ends the whole group when the worker is done (supervisor.cpp).
  ::setpgid(0, 0);
  // Frames get a descriptor of their own; whatever the plugin prints on stdout
  // lands on stderr, which the parent logs.
  const int frameFd = ::dup(STDOUT_FILENO);
  ::dup2(STDERR_FILENO, STDOUT_FILENO);
  std::signal(SIGPIPE, SIG_IGN);
  FrameWriter writer(frameFd);

  WorkerJob job;
  try {
    std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    job = workerJobFromJson(input);
  } catch (const std::exception& e) {
    sendDone(writer, CONVOCA_INTERNAL, e.what());
    return 2;
  }
  applyLimits(job);

  LoadedPlugin plugin = loadPlugin(job.pluginPath);
  if (job.mode == WorkerMode::Describe) {
    sendDone(writer, plugin.info.usable ? CONVOCA_OK : CONVOCA_CONFIG, plugin.info.refusal,
             describeJson(plugin.info));
    return 0;
  }
  if (!plugin.info.usable) {
    sendDone(writer, CONVOCA_CONFIG, plugin.info.refusal, describeJson(plugin.info));
    return 0;
  }

  FrameEvents events(writer);
  SessionOutcome outcome;
  {
    Heartbeat heartbeat(writer, events, job.heartbeatMs, job.stallMs);
    SessionConfig config{job.options, job.cursors, job.http, job.documents};
    PluginSession session(plugin, std::move(config), events);
    outcome = job.mode == WorkerMode::Parse ? session.parse(job.files) : session.harvest();
  }
  if (outcome.status == CONVOCA_OK) {
    for (const auto& [key, value] : outcome.cursors) {
      Poco::JSON::Object o;
      o.set("key", key);
      o.set("value", value);
      writer.send(FrameType::Cursor, toJson(o));
    }
  }
  sendDone(writer, outcome.status, outcome.message, describeJson(plugin.info));
  return 0;
}

} // namespace convoca::plugin_host
