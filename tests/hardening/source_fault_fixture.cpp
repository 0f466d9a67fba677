#include "source_fault_fixture.h"

#include "scenario_report.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>

namespace convoca::testing {

std::string* SourceFaults::baseData_ = nullptr;
Snapshot* SourceFaults::before_ = nullptr;

namespace {

// Small limits so every fault shows within seconds; the worker's deadline is a
// backstop that no scenario but the slow drip should reach.
std::string configText(const TestServer& server, const std::string& extra) {
  return "source.eu-ft.option.search_url = " + server.url("/search") + "\n" +
         "http.per_host_interval_seconds = 0\n"
         "http.backoff_base_ms = 20\n"
         "http.connect_timeout_seconds = 2\n"
         "http.read_timeout_seconds = 1\n"
         "harvest.timeout_seconds = 30\n"
         "harvest.fetch_documents = false\n"
         "translation.enabled = false\n" +
         extra;
}

CliResult harvestInto(const std::string& dataDir, const TestServer& server, const std::string& extra) {
  const std::string config = dataDir + "/convoca.properties";
  {
    Poco::FileOutputStream out(config);
    out << configText(server, extra);
  }
  return runConvoca(dataDir, {"--config", config, "harvest", "--source", "eu-ft"});
}

} // namespace

void SourceFaults::SetUpTestSuite() {
  if (baseData_) return;
  TestServer server;
  server.on("/search", respond(200, demoSearchBody(), {}, "application/json"));
  const std::string base = freshDirectory("faults-base");
  const CliResult r = harvestInto(base, server, "");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  Snapshot snapshot = snapshotOf(base, "eu-ft");
  ASSERT_EQ(snapshot.size(), kDemoRecords);
  baseData_ = new std::string(base);
  before_ = new Snapshot(std::move(snapshot));
}

void SourceFaults::SetUp() {
  ASSERT_NE(baseData_, nullptr) << "the good harvest every scenario starts from failed";
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  data_ = freshDirectory(std::string("fault-") + info->name());
  Poco::File(data_).remove(true);
  copyDataDirectory(*baseData_, data_);
}

CliResult SourceFaults::harvest(const std::string& extraConfig) {
  return harvestInto(data_, server_, extraConfig);
}

void SourceFaults::expectCountedFailure(const CliResult& result, const std::string& outcome,
                                        const std::string& reason) {
  EXPECT_EQ(result.exitCode, 1) << result.err;
  const LastRun run = lastRunOf(data_, "eu-ft");
  ASSERT_TRUE(run.found) << "no eu-ft run in status --json";
  EXPECT_EQ(run.outcome, outcome) << run.message;
  EXPECT_NE(run.message.find(reason), std::string::npos) << "reason: " << run.message;
  EXPECT_GE(run.errors, 1);
  if (::testing::Test::HasFailure()) return;
  held("harvest exit code 1; run counted '" + run.outcome + "' with reason: " + run.message);
}

void SourceFaults::expectSuccess(const CliResult& result) {
  EXPECT_EQ(result.exitCode, 0) << result.err;
  const LastRun run = lastRunOf(data_, "eu-ft");
  EXPECT_EQ(run.outcome, "ok") << run.message;
  if (::testing::Test::HasFailure()) return;
  held("harvest exit code 0; run counted 'ok'");
}

void SourceFaults::expectEarlierRecordsKept() {
  const Snapshot after = snapshotOf(data_, "eu-ft");
  EXPECT_EQ(after.size(), before_->size());
  for (const auto& [id, content] : *before_) {
    const auto found = after.find(id);
    if (found == after.end())
      ADD_FAILURE() << "record lost: " << id;
    else
      EXPECT_EQ(found->second, content) << "record changed: " << id;
  }
  for (const auto& [id, content] : after)
    if (!before_->count(id)) ADD_FAILURE() << "record appeared: " << id;
  if (::testing::Test::HasFailure()) return;
  held("all " + std::to_string(before_->size()) +
       " earlier eu-ft records kept: same ids, same contents (hash, fetch time, every field)");
}

} // namespace convoca::testing
