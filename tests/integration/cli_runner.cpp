#include "cli_runner.h"

#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <chrono>
#include <csignal>
#include <future>
#include <gtest/gtest.h>

namespace convoca::testing {

namespace {

// Writes `input` to the child's stdin and closes it. The child may exit without
// reading (a usage error): ignore SIGPIPE so that is a failed write, not our death.
void feedInput(Poco::Pipe& in, const std::string& input) {
  static const bool sigpipeIgnored = std::signal(SIGPIPE, SIG_IGN) != SIG_ERR;
  (void)sigpipeIgnored;
  try {
    for (size_t written = 0; written < input.size();) {
      const int n = in.writeBytes(input.data() + written, static_cast<int>(input.size() - written));
      if (n <= 0) break;
      written += static_cast<size_t>(n);
    }
  } catch (const Poco::Exception&) {
    // The child closed its stdin early; what it printed tells the test why.
  }
  in.close(Poco::Pipe::CLOSE_WRITE);
}

CliResult launch(const std::string& dataDir, const std::vector<std::string>& args, const std::string* input) {
  std::vector<std::string> all{"--data", dataDir};
  all.insert(all.end(), args.begin(), args.end());
  Poco::Pipe in, out, err;
  const auto started = std::chrono::steady_clock::now();
  Poco::ProcessHandle process = Poco::Process::launch(CONVOCA_BINARY_DIR "/convoca", all, CONVOCA_SOURCE_DIR,
                                                      input ? &in : nullptr, &out, &err);
  Poco::PipeInputStream outStream(out), errStream(err);
  CliResult result;
  // Feed stdin and drain stderr on other threads so no pipe fills up and blocks the child.
  std::future<void> fed;
  if (input) fed = std::async(std::launch::async, [&] { feedInput(in, *input); });
  auto errText = std::async(std::launch::async, [&] {
    std::string text;
    Poco::StreamCopier::copyToString(errStream, text);
    return text;
  });
  Poco::StreamCopier::copyToString(outStream, result.out);
  result.err = errText.get();
  if (fed.valid()) fed.get();
  result.exitCode = process.wait();
  result.elapsedMs = static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
          .count());
  return result;
}

} // namespace

CliResult runConvoca(const std::string& dataDir, const std::vector<std::string>& args) {
  return launch(dataDir, args, nullptr);
}

CliResult runConvoca(const std::string& dataDir, const std::vector<std::string>& args,
                     const std::string& input) {
  return launch(dataDir, args, &input);
}

size_t documentCount(const std::string& dataDir) {
  CliResult r = runConvoca(dataDir, {"search", "--json", "--limit", "0", ""});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  return Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>()->getValue<size_t>("total");
}

std::string freshDirectory(const std::string& name) {
  // ctest runs tests in parallel processes: the pid keeps their directories apart.
  const std::string path =
      ::testing::TempDir() + "convoca-" + std::to_string(Poco::Process::id()) + "-" + name;
  Poco::File dir(path);
  if (dir.exists()) dir.remove(true);
  dir.createDirectories();
  return path;
}

std::string testPluginDir() {
  return CONVOCA_BINARY_DIR "/tests/plugins";
}

std::string sharedFixture(const std::string& relative) {
  return CONVOCA_SOURCE_DIR "/../shared/fixtures-real/" + relative;
}

bool sharedFixturesPresent() {
  return Poco::File(CONVOCA_SOURCE_DIR "/../shared/fixtures-real").exists();
}

} // namespace convoca::testing
