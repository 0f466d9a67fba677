#include "convoca_process.h"

#include <Poco/Exception.h>
#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>

extern char** environ;

namespace convoca::testing::crash {
namespace {

using Clock = std::chrono::steady_clock;

const std::string kConvoca = CONVOCA_BINARY_DIR "/convoca";

// posix_spawn rather than Poco::Process: the child must lead a process group
// (so its plugin worker can be killed with it) and write into a file (so a
// killed process leaves no pipe to drain).
pid_t spawn(const std::string& program, const std::vector<std::string>& args, const std::string& outputFile) {
  std::vector<std::string> words{program};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, outputFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addchdir_np(&actions, CONVOCA_SOURCE_DIR);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = 0;
  const int error = posix_spawn(&pid, program.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) throw std::runtime_error("cannot start " + program + ": " + std::strerror(error));
  return pid;
}

// The wait status of `pid` if it has ended (reaped), nothing while it runs.
std::optional<int> reapIfEnded(pid_t pid) {
  int status = 0;
  pid_t reaped = 0;
  do reaped = waitpid(pid, &status, WNOHANG);
  while (reaped < 0 && errno == EINTR);
  if (reaped == pid) return status;
  if (reaped < 0) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
  return std::nullopt;
}

// SIGKILL to the process itself first (the crash under test), then to what is
// left of its group (its worker, which would otherwise die on a broken pipe).
void killProcessAndGroup(pid_t pid) {
  kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  kill(-pid, SIGKILL);
}

std::string readFile(const std::string& path) {
  std::string text;
  try {
    Poco::FileInputStream in(path);
    Poco::StreamCopier::copyToString(in, text);
  } catch (const Poco::Exception&) {
    // No output file: the process died before it could be opened.
  }
  return text;
}

// Waits for `pid` until `stopAt`, then kills it and says so with `whenStopped`;
// kills it earlier, as Killed, when `trigger` says so.
ProcessRun waitOrKill(pid_t pid, Clock::time_point started, Clock::time_point stopAt, ProcessEnd whenStopped,
                      const std::string& outputFile, const std::function<bool()>& trigger = {}) {
  ProcessRun run;
  const auto nap = trigger ? std::chrono::microseconds(50) : std::chrono::microseconds(1000);
  for (;;) {
    if (auto status = reapIfEnded(pid)) {
      run.end = ProcessEnd::Exited;
      run.exitCode = WIFEXITED(*status) ? WEXITSTATUS(*status) : 128 + WTERMSIG(*status);
      kill(-pid, SIGKILL); // a worker it left behind, if any
      break;
    }
    if (trigger && trigger()) {
      killProcessAndGroup(pid);
      run.end = ProcessEnd::Killed;
      run.exitCode = 128 + SIGKILL;
      break;
    }
    const auto now = Clock::now();
    if (now >= stopAt) {
      killProcessAndGroup(pid);
      run.end = whenStopped;
      run.exitCode = 128 + SIGKILL;
      break;
    }
    // The last nap ends at stopAt itself, so a timed kill lands on its moment.
    std::this_thread::sleep_for(std::min<Clock::duration>(stopAt - now, nap));
  }
  run.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  run.output = readFile(outputFile);
  return run;
}

std::vector<std::string> convocaArguments(const std::string& dataDir, const std::vector<std::string>& args) {
  std::vector<std::string> all{"--data", dataDir};
  all.insert(all.end(), args.begin(), args.end());
  return all;
}

} // namespace

ProcessRun runProgram(const std::string& program, const std::vector<std::string>& args,
                      const std::string& outputFile, std::chrono::milliseconds bound) {
  const auto started = Clock::now();
  const pid_t pid = spawn(program, args, outputFile);
  return waitOrKill(pid, started, started + bound, ProcessEnd::TimedOut, outputFile);
}

ProcessRun runConvoca(const std::string& dataDir, const std::vector<std::string>& args,
                      const std::string& outputFile, std::chrono::milliseconds bound) {
  return runProgram(kConvoca, convocaArguments(dataDir, args), outputFile, bound);
}

ProcessRun runConvocaKilledAfter(const std::string& dataDir, const std::vector<std::string>& args,
                                 const std::string& outputFile, std::chrono::microseconds delay) {
  const auto started = Clock::now();
  const pid_t pid = spawn(kConvoca, convocaArguments(dataDir, args), outputFile);
  return waitOrKill(pid, started, started + delay, ProcessEnd::Killed, outputFile);
}

ProcessRun runConvocaKilledWhen(const std::string& dataDir, const std::vector<std::string>& args,
                                const std::string& outputFile, const std::function<bool()>& trigger,
                                std::chrono::milliseconds bound) {
  const auto started = Clock::now();
  const pid_t pid = spawn(kConvoca, convocaArguments(dataDir, args), outputFile);
  return waitOrKill(pid, started, started + bound, ProcessEnd::TimedOut, outputFile, trigger);
}

} // namespace convoca::testing::crash
