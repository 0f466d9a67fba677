// The built convoca executable as a process the crash test can kill: spawned in
// its own process group with its output in a file, waited for with a bound.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace convoca::testing::crash {

enum class ProcessEnd {
  Exited,   // ran to its end (exitCode says how)
  Killed,   // we sent SIGKILL while it was still running
  TimedOut, // ran past the bound and was killed for it: a hang, never expected
};

struct ProcessRun {
  ProcessEnd end = ProcessEnd::Exited;
  int exitCode = -1;
  std::chrono::milliseconds elapsed{0};
  std::string output; // stdout and stderr interleaved, as far as the process got
};

// Runs `convoca --data <dataDir> args...` from the project root to its end,
// killing it after `bound` (a hang must fail the test, not stall it).
ProcessRun runConvoca(const std::string& dataDir, const std::vector<std::string>& args,
                      const std::string& outputFile, std::chrono::milliseconds bound);

// Starts the same command and sends SIGKILL to it `delay` after the start, if it
// is still running then. Whatever it had started (its plugin worker) is killed
// too once it is dead, so nothing of it outlives the call.
ProcessRun runConvocaKilledAfter(const std::string& dataDir, const std::vector<std::string>& args,
                                 const std::string& outputFile, std::chrono::microseconds delay);

// Starts the same command and sends SIGKILL to it (then its group) the moment
// `trigger` returns true, polled every few tens of microseconds; at `bound` it
// is killed as TimedOut.
ProcessRun runConvocaKilledWhen(const std::string& dataDir, const std::vector<std::string>& args,
                                const std::string& outputFile, const std::function<bool()>& trigger,
                                std::chrono::milliseconds bound);

// Runs any program to its end (xapian-check); its output as for runConvoca.
ProcessRun runProgram(const std::string& program, const std::vector<std::string>& args,
                      const std::string& outputFile, std::chrono::milliseconds bound);

} // namespace convoca::testing::crash
