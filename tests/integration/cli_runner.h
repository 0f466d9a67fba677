// Runs the built convoca executable like a user would and captures what it says.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace convoca::testing {

struct CliResult {
  int exitCode = -1;
  std::string out;
  std::string err;
  long elapsedMs = 0;
};

// Runs `convoca --data <dataDir> args...` from the project root. Without
// `input` the child shares the test's stdin; with it, its stdin is `input` and
// then end of file.
CliResult runConvoca(const std::string& dataDir, const std::vector<std::string>& args);
CliResult runConvoca(const std::string& dataDir, const std::vector<std::string>& args,
                     const std::string& input);

// How many records `convoca search` finds with an empty query (the whole index).
size_t documentCount(const std::string& dataDir);

// A fresh, empty directory under the test's temporary directory.
std::string freshDirectory(const std::string& name);

std::string testPluginDir();
std::string sharedFixture(const std::string& relative); // ../shared/fixtures-real/<relative>
bool sharedFixturesPresent();

} // namespace convoca::testing
