// What every source plugin must do, checked in-process against the real host
// services: a valid descriptor, options described as JSON, a deterministic and
// idempotent parse of its sample payloads, cancellation respected, no record
// that the host would reject.
#include "convoca/plugin_host/loader.h"
#include "convoca/plugin_host/session.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>
#include <gtest/gtest.h>
#include <map>
#include <ostream>
#include <regex>

namespace convoca::plugin_host {
namespace {

struct PluginCase {
  std::string path;
  std::vector<std::string> samples;           // payload files parse() must accept
  std::string replayDir;                      // recorded exchanges for a harvest, or empty
  std::map<std::string, std::string> options; // plugin options for that harvest
};

void PrintTo(const PluginCase& c, std::ostream* out) {
  *out << c.path;
}

std::vector<std::string> filesIn(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> files;
  if (!Poco::File(dir).exists()) return files;
  for (Poco::DirectoryIterator it(dir), end; it != end; ++it)
    if (it->isFile() && it.name().size() > suffix.size() &&
        it.name().compare(it.name().size() - suffix.size(), suffix.size(), suffix) == 0)
      files.push_back(it->path());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<PluginCase> pluginCases() {
  std::vector<PluginCase> cases;
  const std::string shared = CONVOCA_SOURCE_DIR "/../shared/fixtures-real/";
  PluginCase euft{
      CONVOCA_BINARY_DIR "/plugins/lib/eu-ft.so", {}, CONVOCA_SOURCE_DIR "/fixtures/eu-ft/exchanges", {}};
  for (const auto& f : filesIn(CONVOCA_SOURCE_DIR "/fixtures/eu-ft/exchanges", ".body"))
    if (f.find("robots") == std::string::npos) euft.samples.push_back(f);
  for (const auto& f : filesIn(shared + "eu-ft-sedia-search", ".json")) euft.samples.push_back(f);
  for (const auto& f : filesIn(shared + "eu-ft-grantsTenders", ".json")) euft.samples.push_back(f);
  cases.push_back(euft);
  cases.push_back({CONVOCA_BINARY_DIR "/plugins/sdk/template/template.so",
                   {CONVOCA_SOURCE_DIR "/fixtures/template/calls.json"},
                   CONVOCA_SOURCE_DIR "/fixtures/template/exchanges",
                   {{"url", "https://example.org/calls.json"}}});
  return cases;
}

struct Collected : SessionEvents {
  std::vector<std::string> records, rejections;
  void record(const std::string& json) override { records.push_back(json); }
  void rejected(const std::string& reason) override { rejections.push_back(reason); }
  void log(int, const std::string&) override {}
  void progress(uint64_t, uint64_t) override {}
};

class Conformance : public ::testing::TestWithParam<PluginCase> {
protected:
  void SetUp() override {
    plugin_ = loadPlugin(GetParam().path);
    ASSERT_TRUE(plugin_.info.usable) << plugin_.info.refusal;
  }
  LoadedPlugin plugin_;
};

TEST_P(Conformance, DescriptorIsComplete) {
  const PluginInfo& info = plugin_.info;
  EXPECT_TRUE(std::regex_match(info.id, std::regex("[a-z0-9-]+")));
  EXPECT_TRUE(std::regex_match(info.version, std::regex(R"(\d+\.\d+\.\d+([-+].*)?)"))) << info.version;
  EXPECT_FALSE(info.description.empty());
  EXPECT_EQ(Poco::Path(info.path).getBaseName(), info.id) << "the file is named after the plugin id";
  EXPECT_EQ(info.abiMajor, CONVOCA_PLUGIN_ABI_MAJOR);
  EXPECT_LE(info.abiMinor, CONVOCA_PLUGIN_ABI_MINOR);
  EXPECT_NE(info.capabilities & (CONVOCA_CAP_HARVEST | CONVOCA_CAP_PARSE), 0u);
}

TEST_P(Conformance, OptionsAreDescribedAsJson) {
  auto options = Poco::JSON::Parser().parse(plugin_.info.optionsJson).extract<Poco::JSON::Array::Ptr>();
  static const std::set<std::string> kTypes{"string", "int", "bool", "list", "secret"};
  for (size_t i = 0; i < options->size(); ++i) {
    Poco::JSON::Object::Ptr option = options->getObject(i);
    ASSERT_TRUE(option) << "option " << i << " is not an object";
    EXPECT_FALSE(option->optValue<std::string>("name", "").empty());
    EXPECT_TRUE(kTypes.count(option->optValue<std::string>("type", "")))
        << option->optValue<std::string>("name", "");
    EXPECT_FALSE(option->optValue<std::string>("help", "").empty());
  }
}

TEST_P(Conformance, ParseIsDeterministicAndEveryRecordValid) {
  if (GetParam().samples.empty()) GTEST_SKIP() << "no sample payloads for " << plugin_.info.id;
  for (const auto& sample : GetParam().samples) {
    Collected first, second;
    SessionOutcome a = PluginSession(plugin_, {}, first).parse({sample});
    SessionOutcome b = PluginSession(plugin_, {}, second).parse({sample});
    ASSERT_EQ(a.status, CONVOCA_OK) << sample << ": " << a.message;
    EXPECT_GT(first.records.size(), 0u) << sample;
    EXPECT_TRUE(first.rejections.empty()) << sample << ": " << first.rejections.front();
    ASSERT_EQ(first.records.size(), second.records.size());
    for (size_t i = 0; i < first.records.size(); ++i) {
      // fetched_at differs between runs; everything else must not.
      auto strip = [](std::string json) {
        return std::regex_replace(json, std::regex(R"(,"fetched_at":"[^"]*")"), "");
      };
      EXPECT_EQ(strip(first.records[i]), strip(second.records[i])) << sample;
    }
  }
}

TEST_P(Conformance, CancelledHarvestStopsWithoutRecords) {
  if (!(plugin_.info.capabilities & CONVOCA_CAP_HARVEST) || GetParam().replayDir.empty())
    GTEST_SKIP() << "no recorded exchanges to harvest " << plugin_.info.id;
  SessionConfig config;
  config.http.replayDir = GetParam().replayDir;
  config.options = GetParam().options;
  Collected collected;
  PluginSession session(plugin_, config, collected);
  session.cancel();
  SessionOutcome outcome = session.harvest();
  EXPECT_EQ(outcome.status, CONVOCA_CANCELLED) << outcome.message;
  EXPECT_TRUE(collected.records.empty());
}

TEST_P(Conformance, ReplayedHarvestIsDeterministic) {
  if (!(plugin_.info.capabilities & CONVOCA_CAP_HARVEST) || GetParam().replayDir.empty())
    GTEST_SKIP() << "no recorded exchanges to harvest " << plugin_.info.id;
  SessionConfig config;
  config.http.replayDir = GetParam().replayDir;
  config.options = GetParam().options;
  Collected first, second;
  SessionOutcome a = PluginSession(plugin_, config, first).harvest();
  SessionOutcome b = PluginSession(plugin_, config, second).harvest();
  ASSERT_EQ(a.status, CONVOCA_OK) << a.message;
  ASSERT_EQ(b.status, CONVOCA_OK) << b.message;
  EXPECT_GT(first.records.size(), 0u);
  EXPECT_EQ(first.records.size(), second.records.size());
  EXPECT_TRUE(first.rejections.empty());
}

INSTANTIATE_TEST_SUITE_P(Bundled, Conformance, ::testing::ValuesIn(pluginCases()),
                         [](const ::testing::TestParamInfo<PluginCase>& param) {
                           std::string name = Poco::Path(param.param.path).getBaseName();
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

} // namespace
} // namespace convoca::plugin_host
