#include "apertium_process.h"

#include "stream_text.h"

#include <Poco/Environment.h>
#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <thread>
#include <unistd.h>

namespace convoca::translation::detail {
namespace {

constexpr size_t kChunkBytes = 65536;
constexpr size_t kStderrTailBytes = 2048;
constexpr auto kExitGrace = std::chrono::milliseconds(1000); // time to finish after its input closes
constexpr auto kTermGrace = std::chrono::milliseconds(500);  // time to clean up after SIGTERM
// Poco's child exits with 72 when exec fails.
constexpr int kExecFailedStatus = 72;
constexpr int kStatusUnknown = -2;
const std::string kBoundariesLost = "lost the item boundaries (the batch's sentinel was not its last answer)";

struct Launched {
  Poco::ProcessHandle handle;
  bool ownGroup;
};

// Through setsid(1) when there is one, so the child leads a process group and
// one signal reaches every stage of its pipeline; setsid execs in place (the
// child of a fork is no group leader), so the pid stays the group's id. The
// child reads and writes UTF-8 whatever our locale, as the apertium script
// also insists.
Launched launchInOwnGroup(const std::string& program, std::vector<std::string> args, Poco::Pipe* in,
                          Poco::Pipe* out, Poco::Pipe* err) {
  // A child that dies while we write to it must not kill us with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  const Poco::Process::Env utf8{{"LC_ALL", "C.UTF-8"}};
  const std::string setsid = findExecutable("setsid");
  if (setsid.empty()) return {Poco::Process::launch(program, args, in, out, err, utf8), false};
  args.insert(args.begin(), program);
  return {Poco::Process::launch(setsid, args, in, out, err, utf8), true};
}

void signalProcess(int64_t pid, bool group, bool leaderReaped, int sig) {
  // A reaped leader's pid may be reused, but not while its group has members.
  if (group && ::kill(static_cast<pid_t>(-pid), sig) == 0) return;
  if (!leaderReaped) ::kill(static_cast<pid_t>(pid), sig);
}

// Waits up to `grace` for the process to exit; its exit status once it is
// reaped (kStatusUnknown when someone else reaped it), nullopt while it runs.
std::optional<int> waitForExit(const Poco::ProcessHandle& handle, std::chrono::milliseconds grace) {
  const auto until = Clock::now() + grace;
  while (true) {
    try {
      const int status = handle.tryWait();
      if (status != -1) return status;
    } catch (const Poco::Exception&) {
      return kStatusUnknown;
    }
    if (Clock::now() >= until) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

int millisecondsUntil(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<int64_t>(left, 0, 1000));
}

std::string lastLine(const std::string& text) {
  const std::string line = trimmed(text);
  const size_t newline = line.find_last_of('\n');
  return newline == std::string::npos ? line : line.substr(newline + 1);
}

std::string sentinelFor(uint64_t batch) {
  return "convocasentinel" + std::to_string(batch);
}

} // namespace

std::string findExecutable(const std::string& command) {
  if (command.find('/') != std::string::npos) return ::access(command.c_str(), X_OK) == 0 ? command : "";
  Poco::Path found;
  if (!Poco::Path::find(Poco::Environment::get("PATH", "/usr/bin:/bin"), command, found)) return "";
  return found.toString();
}

ApertiumProcess::ApertiumProcess(const std::string& pipeline, const std::string& mode) {
  const std::string bash = findExecutable("bash");
  if (bash.empty()) throw Poco::FileNotFoundException("bash not found on PATH");
  // $0 names the pipeline in ps; $1 -n is the generator's "no unknown-word
  // marks" (the script's -u); $2 is the tagger's option, none.
  Launched launched =
      launchInOwnGroup(bash, {"-c", pipeline, "apertium-" + mode, "-n", ""}, &in_, &out_, &err_);
  handle_.emplace(launched.handle);
  ownGroup_ = launched.ownGroup;
  // Writes never block: poll() says when the pipe has room again.
  const int inFd = in_.writeHandle();
  ::fcntl(inFd, F_SETFL, ::fcntl(inFd, F_GETFL) | O_NONBLOCK);
}

ApertiumProcess::~ApertiumProcess() {
  stop(kExitGrace);
}

int64_t ApertiumProcess::pid() const {
  return handle_ ? handle_->id() : 0;
}

bool ApertiumProcess::usable() {
  if (!handle_) return false;
  if (!waitForExit(*handle_, std::chrono::milliseconds(0))) return true;
  reaped_ = true;
  stop(std::chrono::milliseconds(0));
  return false;
}

BatchAnswers ApertiumProcess::translate(const std::vector<std::string>& texts, Clock::time_point deadline) {
  if (!handle_) return fail({}, "is not running");
  const std::string sentinel = sentinelFor(++batches_);
  std::string wire;
  for (const std::string& text : texts) wire += toStreamItem(text);
  wire += toStreamItem(sentinel);

  std::vector<std::string> answers;
  std::string failure = exchange(wire, sentinel, texts.size(), answers, deadline);
  // Exactly one answer per text, then the sentinel, then nothing: anything else
  // means a stage dropped or added a NUL, and no answer can be trusted.
  if (failure.empty() &&
      (answers.size() != texts.size() + 1 || trimmed(answers.back()) != sentinel || !partial_.empty()))
    failure = kBoundariesLost;
  if (failure == kBoundariesLost) answers.clear();
  answers.resize(std::min(answers.size(), texts.size()));
  BatchAnswers result;
  for (const std::string& answer : answers) result.answers.push_back(unescapeFromStream(answer));
  return failure.empty() ? result : fail(std::move(result), failure);
}

std::string ApertiumProcess::exchange(const std::string& wire, const std::string& sentinel, size_t texts,
                                      std::vector<std::string>& answers, Clock::time_point deadline) {
  partial_.clear();
  size_t written = 0;
  while (answers.size() < texts + 1) {
    if (Clock::now() >= deadline) {
      return "timed out with " + std::to_string(std::min(answers.size(), texts)) + " of " +
             std::to_string(texts) + " texts answered";
    }
    const bool writing = written < wire.size();
    pollfd fds[3] = {{writing ? in_.writeHandle() : -1, POLLOUT, 0},
                     {out_.readHandle(), POLLIN, 0},
                     {errOpen_ ? err_.readHandle() : -1, POLLIN, 0}};
    if (::poll(fds, 3, millisecondsUntil(deadline)) < 0) {
      if (errno == EINTR) continue;
      return std::string("poll failed: ") + std::strerror(errno);
    }
    if (fds[2].revents != 0) readStderr();
    if (fds[1].revents != 0) {
      const size_t before = answers.size();
      std::string why;
      if (!readAnswers(answers, why)) return why;
      // A text's answer holding the sentinel: the NULs between them were lost,
      // and waiting for the missing answers would only run into the deadline.
      for (size_t i = before; i < std::min(answers.size(), texts); ++i)
        if (answers[i].find(sentinel) != std::string::npos) return kBoundariesLost;
    }
    if (writing && fds[0].revents != 0) {
      const ssize_t n =
          ::write(in_.writeHandle(), wire.data() + written, std::min(kChunkBytes, wire.size() - written));
      if (n > 0)
        written += static_cast<size_t>(n);
      else if (n < 0 && errno != EAGAIN && errno != EINTR)
        return std::string("stopped reading its input: ") + std::strerror(errno);
    }
  }
  return "";
}

bool ApertiumProcess::readAnswers(std::vector<std::string>& answers, std::string& why) {
  char buffer[kChunkBytes];
  const ssize_t n = ::read(out_.readHandle(), buffer, sizeof buffer);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
  if (n <= 0) {
    readStderr();
    why = "exited";
    if (!stderrTail_.empty()) why += ": " + lastLine(stderrTail_);
    return false;
  }
  const char* begin = buffer;
  const char* end = buffer + n;
  for (const char* nul; (nul = std::find(begin, end, '\0')) != end; begin = nul + 1) {
    partial_.append(begin, nul);
    answers.push_back(std::move(partial_));
    partial_.clear();
  }
  partial_.append(begin, end);
  return true;
}

void ApertiumProcess::readStderr() {
  if (!errOpen_) return;
  pollfd fd{err_.readHandle(), POLLIN, 0};
  if (::poll(&fd, 1, 0) <= 0) return;
  char buffer[4096];
  const ssize_t n = ::read(err_.readHandle(), buffer, sizeof buffer);
  if (n <= 0) {
    errOpen_ = false;
    return;
  }
  stderrTail_.append(buffer, static_cast<size_t>(n));
  if (stderrTail_.size() > kStderrTailBytes) stderrTail_.erase(0, stderrTail_.size() - kStderrTailBytes);
}

BatchAnswers ApertiumProcess::fail(BatchAnswers partial, const std::string& why) {
  partial.failure = why;
  stop(std::chrono::milliseconds(0));
  return partial;
}

void ApertiumProcess::stop(std::chrono::milliseconds grace) {
  if (!handle_) return;
  in_.close(Poco::Pipe::CLOSE_WRITE);
  const int64_t pid = handle_->id();
  if (!reaped_) reaped_ = waitForExit(*handle_, grace).has_value();
  if (!reaped_) {
    // SIGTERM first, so that stages may still end cleanly.
    signalProcess(pid, ownGroup_, false, SIGTERM);
    reaped_ = waitForExit(*handle_, kTermGrace).has_value();
  }
  // Whatever is left of the pipeline, whether or not the script itself is gone.
  signalProcess(pid, ownGroup_, reaped_, SIGKILL);
  if (!reaped_) waitForExit(*handle_, kTermGrace);
  handle_.reset();
  out_.close();
  err_.close();
}

std::string nullFlushPipeline(const std::string& modeFile, Clock::time_point deadline) {
  const std::string wblankMode = findExecutable("apertium-wblank-mode");
  if (wblankMode.empty()) throw std::runtime_error("apertium-wblank-mode not found on PATH");
  Poco::Pipe out;
  Launched launched = launchInOwnGroup(wblankMode, {"-z", modeFile}, nullptr, &out, &out);
  std::string output;
  while (Clock::now() < deadline) {
    pollfd fd{out.readHandle(), POLLIN, 0};
    if (::poll(&fd, 1, millisecondsUntil(deadline)) <= 0) continue;
    char buffer[4096];
    const ssize_t n = ::read(out.readHandle(), buffer, sizeof buffer);
    if (n <= 0) break;
    output.append(buffer, static_cast<size_t>(n));
  }
  out.close();
  std::optional<int> status = waitForExit(launched.handle, kExitGrace);
  if (!status) {
    signalProcess(launched.handle.id(), launched.ownGroup, false, SIGKILL);
    waitForExit(launched.handle, kTermGrace);
  }
  const std::string run = "`apertium-wblank-mode -z " + modeFile + "`";
  if (!status) throw std::runtime_error(run + " gave no answer in time");
  if (*status == kExecFailedStatus) throw std::runtime_error(run + " could not be executed");
  if (*status != 0 && *status != kStatusUnknown)
    throw std::runtime_error(run + " exited with status " + std::to_string(*status) + ": " +
                             lastLine(output));
  std::string pipeline = trimmed(output);
  if (pipeline.empty()) throw std::runtime_error(run + " printed no pipeline");
  return pipeline;
}

} // namespace convoca::translation::detail
