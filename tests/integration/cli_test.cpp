// The acceptance lines of the foundation, checked through the command line.
#include "cli_runner.h"
#include "convoca/index/record.h"
#include "convoca/index/timeutil.h"

#include <Poco/FileStream.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>
#include <map>
#include <sstream>

namespace convoca::testing {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

#define REQUIRE_SHARED_FIXTURES()                                                                            \
  if (!sharedFixturesPresent()) GTEST_SKIP() << "../shared/fixtures-real is absent: real-payload test "      \
                                                "skipped"

std::vector<Object::Ptr> jsonLines(const std::string& text) {
  std::vector<Object::Ptr> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(Poco::JSON::Parser().parse(line).extract<Object::Ptr>());
  return lines;
}

Object::Ptr byId(const std::vector<Object::Ptr>& records, const std::string& id) {
  for (const auto& r : records)
    if (r->getValue<std::string>("id") == id) return r;
  return nullptr;
}

TEST(Cli, PluginsJsonListsEuFtWithVersionAndAbi) {
  CliResult r = runConvoca(freshDirectory("plugins"), {"plugins", "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  Array::Ptr plugins = Poco::JSON::Parser().parse(r.out).extract<Array::Ptr>();
  bool found = false;
  for (size_t i = 0; i < plugins->size(); ++i) {
    Object::Ptr p = plugins->getObject(i);
    if (p->getValue<std::string>("id") != "eu-ft") continue;
    found = true;
    EXPECT_EQ(p->getValue<std::string>("state"), "ok");
    EXPECT_EQ(p->getValue<std::string>("abi"), "1.0");
    EXPECT_FALSE(p->getValue<std::string>("version").empty());
  }
  EXPECT_TRUE(found) << r.out;
}

TEST(Cli, BadAbiPluginIsListedAsRefusedWithTheReason) {
  CliResult r =
      runConvoca(freshDirectory("plugins-bad"), {"--plugin-dir", testPluginDir(), "plugins", "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  Array::Ptr plugins = Poco::JSON::Parser().parse(r.out).extract<Array::Ptr>();
  std::map<std::string, Object::Ptr> byPluginId;
  for (size_t i = 0; i < plugins->size(); ++i)
    byPluginId[plugins->getObject(i)->getValue<std::string>("id")] = plugins->getObject(i);
  ASSERT_TRUE(byPluginId.count("test-bad-abi")) << r.out;
  Object::Ptr bad = byPluginId["test-bad-abi"];
  EXPECT_EQ(bad->getValue<std::string>("state"), "refused");
  EXPECT_EQ(bad->getValue<std::string>("abi"), "2.0");
  EXPECT_NE(bad->getValue<std::string>("reason").find("major version must match"), std::string::npos);
  EXPECT_EQ(byPluginId["test-crash"]->getValue<std::string>("state"), "ok");
  EXPECT_EQ(byPluginId["eu-ft"]->getValue<std::string>("state"), "ok");
}

TEST(Cli, ParsesTheRealSearchPageIntoEightTopics) {
  REQUIRE_SHARED_FIXTURES();
  CliResult r =
      runConvoca(freshDirectory("parse"), {"parse", "--source", "eu-ft",
                                           sharedFixture("eu-ft-sedia-search/search-page-AarhusAI.json")});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  auto records = jsonLines(r.out);
  ASSERT_EQ(records.size(), 8u);
  Object::Ptr soil = byId(records, "eu-ft:HORIZON-MISS-2027-05-SOIL-01-two-stage");
  ASSERT_TRUE(soil);
  EXPECT_EQ(soil->getArray("deadlines")->size(), 2u);
  Object::Ptr legacy = byId(records, "eu-ft:HORIZON-CL2-2024-TRANSFORMATIONS-01-08");
  ASSERT_TRUE(legacy);
  EXPECT_EQ(legacy->getArray("deadlines")->getElement<std::string>(0), "2024-02-07T17:00:00+01:00");
  size_t withBudget = 0;
  for (const auto& record : records) {
    EXPECT_EQ(record->getValue<std::string>("programme"), "Horizon Europe");
    EXPECT_EQ(record->optValue<std::string>("text", "").find('<'), std::string::npos) << "HTML left in text";
    EXPECT_TRUE(record->has("status")) << "parse prints the status computed now";
    if (record->has("budget")) ++withBudget;
  }
  EXPECT_EQ(withBudget, 1u) << "only GOVERNANCE-01's budgetOverview is complete JSON";
  EXPECT_TRUE(byId(records, "eu-ft:HORIZON-CL6-2026-04-GOVERNANCE-01")->has("budget"));
}

TEST(Cli, ParsesTheGrantsTendersDump) {
  REQUIRE_SHARED_FIXTURES();
  CliResult r =
      runConvoca(freshDirectory("parse-dump"),
                 {"parse", "--source", "eu-ft",
                  sharedFixture("eu-ft-grantsTenders/grantsTenders-excerpt-halli75-grantfin.json")});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  auto records = jsonLines(r.out);
  ASSERT_EQ(records.size(), 6u);
  EXPECT_EQ(byId(records, "eu-ft:ERASMUS-EDU-2022-ECHE-CERT-FP")->getArray("deadlines")->size(), 5u);
  size_t tenders = 0;
  for (const auto& record : records) tenders += record->getValue<std::string>("kind") == "tender";
  EXPECT_EQ(tenders, 4u);
}

TEST(Cli, ParseOfAMalformedFileFailsWithAClearError) {
  const std::string dir = freshDirectory("parse-bad");
  const std::string file = dir + "/broken.json";
  Poco::FileOutputStream(file) << R"({"results": [{"metadata": {"identifier": ["X")";
  CliResult r = runConvoca(dir, {"parse", "--source", "eu-ft", file});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("broken.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("source-format"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(Cli, UsageErrorsExitWithTwo) {
  const std::string dir = freshDirectory("usage");
  EXPECT_EQ(runConvoca(dir, {"frobnicate"}).exitCode, 2);
  EXPECT_EQ(runConvoca(dir, {"search", "--no-such-option", "x"}).exitCode, 2);
  EXPECT_EQ(runConvoca(dir, {"parse", "--source", "eu-ft"}).exitCode, 2);
  CliResult unknown = runConvoca(dir, {"parse", "--source", "nope", "README.md"});
  EXPECT_EQ(unknown.exitCode, 2);
  EXPECT_NE(unknown.err.find("no plugin with id 'nope'"), std::string::npos) << unknown.err;
}

class IndexedFixtures : public ::testing::Test {
protected:
  void SetUp() override {
    if (!sharedFixturesPresent())
      GTEST_SKIP() << "../shared/fixtures-real is absent: real-payload test skipped";
    data_ = freshDirectory("indexed");
    CliResult parsed = runConvoca(
        data_, {"parse", "--source", "eu-ft", sharedFixture("eu-ft-sedia-search/search-page-AarhusAI.json"),
                sharedFixture("eu-ft-grantsTenders/grantsTenders-excerpt-halli75-grantfin.json")});
    ASSERT_EQ(parsed.exitCode, 0) << parsed.err;
    records_ = data_ + "/records.jsonl";
    Poco::FileOutputStream(records_) << parsed.out;
  }
  std::string data_, records_;
};

TEST_F(IndexedFixtures, IndexingTwiceKeepsTheSameDocumentCount) {
  CliResult first = runConvoca(data_, {"index", records_});
  ASSERT_EQ(first.exitCode, 0) << first.err;
  EXPECT_NE(first.err.find("14 documents"), std::string::npos) << first.err;
  CliResult second = runConvoca(data_, {"index", records_});
  ASSERT_EQ(second.exitCode, 0) << second.err;
  EXPECT_NE(second.err.find("14 unchanged"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("14 documents"), std::string::npos) << second.err;
}

TEST_F(IndexedFixtures, SoilRanksTheSoilMissionTopicFirst) {
  ASSERT_EQ(runConvoca(data_, {"index", records_}).exitCode, 0);
  CliResult r = runConvoca(data_, {"search", "--json", "soil"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  Object::Ptr result = Poco::JSON::Parser().parse(r.out).extract<Object::Ptr>();
  Array::Ptr hits = result->getArray("results");
  ASSERT_GT(hits->size(), 0u);
  EXPECT_EQ(hits->getObject(0)->getValue<std::string>("id"), "eu-ft:HORIZON-MISS-2027-05-SOIL-01-two-stage");
  EXPECT_TRUE(hits->getObject(0)->has("score"));
  EXPECT_TRUE(hits->getObject(0)->has("status"));
}

TEST_F(IndexedFixtures, StatusOpenExcludesEveryCallWhoseLastDeadlineHasPassed) {
  ASSERT_EQ(runConvoca(data_, {"index", records_}).exitCode, 0);
  CliResult r = runConvoca(data_, {"search", "--json", "--limit", "100", "--filter", "status=open", ""});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const int64_t now = index::timeutil::now();
  Array::Ptr hits = Poco::JSON::Parser().parse(r.out).extract<Object::Ptr>()->getArray("results");
  ASSERT_GT(hits->size(), 0u);
  for (size_t i = 0; i < hits->size(); ++i) {
    Object::Ptr hit = hits->getObject(i);
    EXPECT_EQ(hit->getValue<std::string>("status"), "open");
    if (Array::Ptr deadlines = hit->getArray("deadlines")) {
      auto last = index::timeutil::parseInstant(deadlines->getElement<std::string>(deadlines->size() - 1));
      ASSERT_TRUE(last);
      EXPECT_GE(*last, now) << hit->getValue<std::string>("id") << " is closed";
    }
  }
}

TEST_F(IndexedFixtures, ABadQueryIsAUsageErrorWithTheParsersMessage) {
  ASSERT_EQ(runConvoca(data_, {"index", records_}).exitCode, 0);
  CliResult r = runConvoca(data_, {"search", "soil AND"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("bad query"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Syntax"), std::string::npos) << "Xapian's own message: " << r.err;
}

} // namespace
} // namespace convoca::testing
