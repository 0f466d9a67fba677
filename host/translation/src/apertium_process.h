// One Apertium pipeline kept running for one mode and fed batch after batch,
// because starting it costs 1-2 s (every stage loads its automata) while a
// short text takes milliseconds.
//
// It runs the mode file's pipeline itself, as Apertium's own server
// (apertium-apy) does, not the `apertium` script: that script puts a gawk
// stage with a regular-expression record separator in front of the pipeline,
// which waits for more input after each NUL, so an item never comes back while
// the pipe stays open.
#pragma once

#include <Poco/Pipe.h>
#include <Poco/Process.h>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace convoca::translation::detail {

using Clock = std::chrono::steady_clock;

// What came back for a batch: every answer in order, or, when `failure` is
// set, the answers completed before the failure (possibly none).
struct BatchAnswers {
  std::vector<std::string> answers;
  std::string failure;
};

class ApertiumProcess {
public:
  // Starts `bash -c PIPELINE` (a pipeline from nullFlushPipeline) with the
  // arguments the apertium script gives it for `-u` (generator -n: no
  // unknown-word marks), in a process group of its own so that killing it
  // also kills every stage. Throws Poco::Exception when it cannot start.
  ApertiumProcess(const std::string& pipeline, const std::string& mode);
  ~ApertiumProcess(); // closes its input, then kills what is left after a grace period
  ApertiumProcess(const ApertiumProcess&) = delete;
  ApertiumProcess& operator=(const ApertiumProcess&) = delete;

  // Translates plain texts (no NUL). Writes and reads at once (poll), so a
  // batch larger than the pipe buffers cannot deadlock. Each text goes out as
  // a stream item (toStreamItem) and comes back up to a NUL; a sentinel ends
  // the batch and must come back last, else the item boundaries were lost and
  // nothing is returned. On failure or at the deadline the process is killed.
  BatchAnswers translate(const std::vector<std::string>& texts, Clock::time_point deadline);

  // False once the process failed, was killed or exited.
  bool usable();

  int64_t pid() const;

private:
  // Writes `wire` while reading answers until texts + 1 came back; the failure, or "".
  std::string exchange(const std::string& wire, const std::string& sentinel, size_t texts,
                       std::vector<std::string>& answers, Clock::time_point deadline);
  BatchAnswers fail(BatchAnswers partial, const std::string& why);
  bool readAnswers(std::vector<std::string>& answers, std::string& why);
  void readStderr();
  void stop(std::chrono::milliseconds grace);

  Poco::Pipe in_, out_, err_;
  std::optional<Poco::ProcessHandle> handle_;
  bool ownGroup_ = false;
  bool reaped_ = false;
  bool errOpen_ = true;
  uint64_t batches_ = 0;
  std::string partial_;    // bytes of an answer whose NUL has not arrived
  std::string stderrTail_; // the last bytes the pipeline wrote to stderr, for messages
};

// The pipeline of `modeFile` in null-flush form: `apertium-wblank-mode -z
// MODEFILE` adds -z to every stage (and the word-bound blank stages). Throws
// std::runtime_error with the reason.
std::string nullFlushPipeline(const std::string& modeFile, Clock::time_point deadline);

// The executable `command` names: itself when it contains a '/', else the
// first match on PATH. Empty when there is none.
std::string findExecutable(const std::string& command);

} // namespace convoca::translation::detail
