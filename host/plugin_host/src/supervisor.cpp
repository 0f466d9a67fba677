#include "convoca/plugin_host/supervisor.h"

#include "convoca/plugin_host/address_sanitizer.h"
#include "convoca/plugin_host/protocol.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <chrono>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <optional>
#include <poll.h>
#include <unistd.h>

namespace convoca::plugin_host {
namespace {

using Clock = std::chrono::steady_clock;

PluginInfo pluginFromJson(const std::string& json) {
  PluginInfo info;
  try {
    auto o = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    info.path = o->optValue<std::string>("path", "");
    info.id = o->optValue<std::string>("id", "");
    info.version = o->optValue<std::string>("version", "");
    info.description = o->optValue<std::string>("description", "");
    info.optionsJson = o->optValue<std::string>("options", "[]");
    info.capabilities = o->optValue<Poco::UInt64>("capabilities", 0);
    info.abiMajor = o->optValue<int>("abi_major", 0);
    info.abiMinor = o->optValue<int>("abi_minor", 0);
    info.usable = o->optValue<bool>("usable", false);
    info.refusal = o->optValue<std::string>("refusal", "");
  } catch (const Poco::Exception& e) {
    info.refusal = "unreadable descriptor from worker: " + e.displayText();
  }
  return info;
}

// Collects the worker's frames into the listener and the result.
class FrameHandler {
public:
  FrameHandler(WorkerListener& listener, WorkerResult& result) : listener_(listener), result_(result) {}

  // Returns false once the Done frame arrived.
  void handle(const Frame& frame) {
    switch (frame.type) {
    case FrameType::Record:
      listener_.record(frame.payload);
      break;
    case FrameType::Rejected:
      listener_.rejected(frame.payload);
      break;
    case FrameType::Log: {
      int level = frame.payload.empty() ? 1 : frame.payload[0] - '0';
      listener_.log(level, frame.payload.empty() ? "" : frame.payload.substr(1));
      break;
    }
    case FrameType::Progress: {
      auto o = Poco::JSON::Parser().parse(frame.payload).extract<Poco::JSON::Object::Ptr>();
      listener_.progress(o->getValue<Poco::UInt64>("done"), o->getValue<Poco::UInt64>("total"));
      break;
    }
    case FrameType::Heartbeat:
      break;
    case FrameType::Cursor: {
      auto o = Poco::JSON::Parser().parse(frame.payload).extract<Poco::JSON::Object::Ptr>();
      cursors_[o->getValue<std::string>("key")] = o->getValue<std::string>("value");
      break;
    }
    case FrameType::Done: {
      auto o = Poco::JSON::Parser().parse(frame.payload).extract<Poco::JSON::Object::Ptr>();
      result_.status = o->getValue<int>("status");
      result_.message = o->optValue<std::string>("message", "");
      if (o->has("plugin")) result_.plugin = pluginFromJson(o->getValue<std::string>("plugin"));
      result_.cursors = cursors_;
      done_ = true;
      break;
    }
    }
  }
  bool done() const { return done_; }

private:
  WorkerListener& listener_;
  WorkerResult& result_;
  std::map<std::string, std::string> cursors_;
  bool done_ = false;
};

// Splits the worker's stderr into lines for the log (plugin prints land there).
class LineSplitter {
public:
  explicit LineSplitter(WorkerListener& listener) : listener_(listener) {}
  void feed(const char* data, size_t size) {
    pending_.append(data, size);
    for (size_t nl; (nl = pending_.find('\n')) != std::string::npos; pending_.erase(0, nl + 1))
      emit(pending_.substr(0, nl));
    if (pending_.size() > 4096) {
      emit(pending_);
      pending_.clear();
    }
  }
  void flush() {
    if (!pending_.empty()) emit(pending_);
    pending_.clear();
  }

private:
  void emit(const std::string& line) {
    if (!line.empty()) listener_.log(CONVOCA_LOG_INFO, "[worker output] " + line);
  }
  WorkerListener& listener_;
  std::string pending_;
};

std::string describeExit(int code) {
  // Poco reports a death by signal as 256 + the signal number.
  if (code > 255) {
    int sig = code - 256;
    const char* name = strsignal(sig);
    return "killed by signal " + std::to_string(sig) + (name ? std::string(" (") + name + ")" : "");
  }
  return "exited with code " + std::to_string(code);
}

} // namespace

const char* workerEndName(WorkerEnd end) {
  switch (end) {
  case WorkerEnd::Finished:
    return "finished";
  case WorkerEnd::Crashed:
    return "crashed";
  case WorkerEnd::TimedOut:
    return "timeout";
  case WorkerEnd::Stalled:
    return "stalled";
  case WorkerEnd::ProtocolError:
    return "protocol-error";
  case WorkerEnd::SpawnFailed:
    return "spawn-failed";
  }
  return "?";
}

std::string selfExecutable() {
  char buffer[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  return n > 0 ? std::string(buffer, static_cast<size_t>(n)) : std::string();
}

namespace {

// Under AddressSanitizer (the CI build) the worker runs with options that keep
// what the supervisor sees as in production: the worker caps its own address
// space (RLIMIT_AS, worker.cpp) except under ASan, which reserves terabytes of
// it up front, so ASan's resident-memory limit stands in; and a plugin's fatal
// signal kills the worker by that signal (reported as such) instead of ending
// in ASan's own report and exit code. ASan's memory-error reports stay on.
Poco::Process::Env workerEnvironment([[maybe_unused]] const WorkerJob& job) {
  Poco::Process::Env env;
#if defined(CONVOCA_ADDRESS_SANITIZER)
  const char* inherited = std::getenv("ASAN_OPTIONS");
  std::string options = inherited && *inherited ? std::string(inherited) + ":" : std::string();
  options += "handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0";
  if (job.limits.addressSpaceMb > 0)
    options += ":hard_rss_limit_mb=" + std::to_string(job.limits.addressSpaceMb);
  env["ASAN_OPTIONS"] = options;
#endif
  return env;
}

} // namespace

WorkerResult runWorker(const std::string& executable, const WorkerJob& job, WorkerListener& listener) {
  WorkerResult result;
  result.plugin.path = job.pluginPath;
  const auto started = Clock::now();
  auto elapsedMs = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
  };

  Poco::Pipe in, out, err;
  std::optional<Poco::ProcessHandle> process;
  try {
    process.emplace(Poco::Process::launch(executable, {"__worker"}, &in, &out, &err, workerEnvironment(job)));
  } catch (const Poco::Exception& e) {
    result.message = "cannot start worker " + executable + ": " + e.displayText();
    return result;
  }
  {
    // A worker that dies before reading its job must not kill us with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    Poco::PipeOutputStream jobStream(in);
    jobStream << workerJobToJson(job);
    jobStream.close();
  }

  FrameDecoder decoder;
  FrameHandler handler(listener, result);
  LineSplitter stderrLines(listener);
  const int outFd = out.readHandle();
  const int errFd = err.readHandle();
  bool outOpen = true, errOpen = true;
  auto lastFrame = Clock::now();
  const auto heartbeatTimeout = std::chrono::milliseconds(std::max(2 * job.heartbeatMs, 1000) + 1000);
  std::optional<WorkerEnd> killedFor;
  const pid_t workerPid = static_cast<pid_t>(process->id());
  int exitCode = -1; // set once the worker is reaped

  while ((outOpen || errOpen) && !killedFor) {
    if (elapsedMs() > job.deadlineMs) {
      killedFor = WorkerEnd::TimedOut;
      break;
    }
    if (outOpen && !handler.done() && Clock::now() - lastFrame > heartbeatTimeout) {
      killedFor = WorkerEnd::Stalled;
      break;
    }
    pollfd fds[2] = {{outOpen ? outFd : -1, POLLIN, 0}, {errOpen ? errFd : -1, POLLIN, 0}};
    int ready = ::poll(fds, 2, 200);
    if (ready < 0) continue; // EINTR
    char buffer[65536];
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t n = ::read(outFd, buffer, sizeof buffer);
      if (n <= 0) {
        outOpen = false;
      } else {
        lastFrame = Clock::now();
        decoder.feed(buffer, static_cast<size_t>(n));
        try {
          while (auto frame = decoder.next()) handler.handle(*frame);
        } catch (const std::exception& e) {
          result.message = e.what();
          killedFor = WorkerEnd::ProtocolError;
        }
        // Indexing a frame (analysis, translation) is the parent's time, not
        // the worker's silence: the heartbeat counts from when we listen again.
        lastFrame = Clock::now();
      }
    }
    if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t n = ::read(errFd, buffer, sizeof buffer);
      if (n <= 0)
        errOpen = false;
      else
        stderrLines.feed(buffer, static_cast<size_t>(n));
    }
    // A child the plugin forked may hold the pipes open: once the worker said
    // Done and exited, stop listening instead of waiting for their EOF.
    if (handler.done() && (exitCode = process->tryWait()) != -1) break;
  }
  stderrLines.flush();

  if (killedFor) {
    Poco::Process::kill(*process);
    process->wait();
    result.end = *killedFor;
    if (*killedFor == WorkerEnd::TimedOut)
      result.message = "killed after the " + std::to_string(job.deadlineMs / 1000) + " s deadline";
    else if (*killedFor == WorkerEnd::Stalled)
      result.message =
          "killed: no sign of life for " +
          std::to_string(std::chrono::duration_cast<std::chrono::seconds>(heartbeatTimeout).count()) +
          " s (plugin stuck without calling the host)";
    else
      result.message = "killed: " + result.message;
  } else {
    // Both pipes closed; the worker should exit now. One that lingers (it may
    // have closed its descriptors on purpose) is still bound by the deadline.
    int code = exitCode != -1 ? exitCode : process->tryWait();
    while (code == -1 && elapsedMs() <= job.deadlineMs) {
      ::usleep(20000);
      code = process->tryWait();
    }
    if (code == -1) {
      Poco::Process::kill(*process);
      code = process->wait();
    }
    if (handler.done() && decoder.idle()) {
      result.end = WorkerEnd::Finished;
    } else {
      result.end = WorkerEnd::Crashed;
      result.message = "worker " + describeExit(code) + " before finishing";
    }
  }
  // Whatever the plugin forked dies with its worker (the group is the worker's pid).
  ::kill(-workerPid, SIGKILL);
  result.durationMs = elapsedMs();
  return result;
}

} // namespace convoca::plugin_host
