// Every bundled plugin's own fixtures, run the way an operator runs them: through
// the worker process with the real CLI. fixtures/<id>/payloads/* must parse into
// records, fixtures/<id>/malformed/* must fail with a clear error and print no
// record, and fixtures/<id>/exchanges must harvest offline (options from
// fixtures/<id>/demo.properties).
#include "cli_runner.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>

namespace convoca::testing {
namespace {

const std::string kFixtures = CONVOCA_SOURCE_DIR "/fixtures";

std::vector<std::string> filesIn(const std::string& dir) {
  std::vector<std::string> files;
  if (!Poco::File(dir).exists()) return files;
  for (Poco::DirectoryIterator it(dir), end; it != end; ++it)
    if (it->isFile() && it.name() != "README.md") files.push_back(it->path());
  std::sort(files.begin(), files.end());
  return files;
}

// Source ids that have a bundled plugin and a fixtures folder.
std::vector<std::string> pluginsWithFixtures() {
  std::vector<std::string> ids;
  for (Poco::DirectoryIterator it(std::string(CONVOCA_BINARY_DIR "/plugins/lib")), end; it != end; ++it) {
    const std::string id = Poco::Path(it->path()).getBaseName();
    if (Poco::Path(it->path()).getExtension() == "so" && Poco::File(kFixtures + "/" + id).exists()) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

class PluginFixtures : public ::testing::TestWithParam<std::string> {
protected:
  std::string dir() const { return kFixtures + "/" + GetParam(); }
};

TEST_P(PluginFixtures, HasAReadmeSayingWhatItsFixturesAre) {
  EXPECT_TRUE(Poco::File(dir() + "/README.md").exists()) << dir();
}

TEST_P(PluginFixtures, WellFormedPayloadsParseThroughTheWorker) {
  const auto payloads = filesIn(dir() + "/payloads");
  if (payloads.empty()) GTEST_SKIP() << GetParam() << " has no payloads/ folder";
  const std::string data = freshDirectory("payloads-" + GetParam());
  for (const auto& payload : payloads) {
    CliResult r = runConvoca(data, {"parse", "--source", GetParam(), payload});
    EXPECT_EQ(r.exitCode, 0) << payload << "\n" << r.err;
    EXPECT_NE(r.out.find("\"id\":\"" + GetParam() + ":"), std::string::npos) << payload << " gave no record";
  }
}

TEST_P(PluginFixtures, MalformedPayloadsFailClearlyAndPrintNothing) {
  const auto broken = filesIn(dir() + "/malformed");
  if (broken.empty()) GTEST_SKIP() << GetParam() << " has no malformed/ folder";
  const std::string data = freshDirectory("malformed-" + GetParam());
  for (const auto& payload : broken) {
    CliResult r = runConvoca(data, {"parse", "--source", GetParam(), payload});
    EXPECT_EQ(r.exitCode, 1) << payload << "\n" << r.err;
    EXPECT_TRUE(r.out.empty()) << payload << " printed a partial result:\n" << r.out;
    EXPECT_NE(r.err.find(Poco::Path(payload).getFileName()), std::string::npos)
        << "the error names the file: " << r.err;
    EXPECT_EQ(r.err.find("crashed"), std::string::npos) << r.err;
  }
}

TEST_P(PluginFixtures, RecordedExchangesHarvestOffline) {
  if (!Poco::File(dir() + "/exchanges").exists()) GTEST_SKIP() << GetParam() << " has no exchanges/ folder";
  const std::string data = freshDirectory("exchanges-" + GetParam());
  std::vector<std::string> args;
  if (Poco::File(dir() + "/demo.properties").exists()) args = {"--config", dir() + "/demo.properties"};
  for (const char* a : {"harvest", "--source"}) args.push_back(a);
  args.push_back(GetParam());
  args.push_back("--replay");
  args.push_back(dir() + "/exchanges");
  CliResult r = runConvoca(data, args);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_GT(documentCount(data), 0u);
  CliResult again = runConvoca(data, args);
  EXPECT_EQ(again.exitCode, 0) << again.err;
}

INSTANTIATE_TEST_SUITE_P(Bundled, PluginFixtures, ::testing::ValuesIn(pluginsWithFixtures()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

} // namespace
} // namespace convoca::testing
