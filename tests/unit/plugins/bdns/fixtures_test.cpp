// The offline demo's exchanges in fixtures/bdns/exchanges, harvested with the
// options of fixtures/bdns/demo.properties: every request the plugin sends must
// have a recording, or `convoca demo` would find none.
#include "fake_host.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>
#include <convoca/index/timeutil.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>

namespace bdns_test {
namespace {

namespace fs = std::filesystem;
using convoca::index::CallStatus;

const fs::path kFixtures = fs::path(CONVOCA_SOURCE_DIR) / "fixtures/bdns";

// Serves every recorded exchange by its URL; returns how many there are.
size_t serveExchanges(FakeHost& host) {
  size_t count = 0;
  for (const auto& entry : fs::directory_iterator(kFixtures / "exchanges")) {
    const std::string name = entry.path().filename().string();
    if (name.size() < 14 || name.substr(name.size() - 14) != ".exchange.json") continue;
    Poco::JSON::Parser parser;
    const auto exchange = parser.parse(readFile(entry.path().string())).extract<Poco::JSON::Object::Ptr>();
    const auto request = exchange->getObject("request");
    const auto response = exchange->getObject("response");
    EXPECT_EQ(request->getValue<std::string>("method"), "GET") << name;
    const fs::path body = entry.path().parent_path() / response->getValue<std::string>("body_file");
    host.serve(request->getValue<std::string>("url"),
               {response->getValue<int>("status"), readFile(body.string())});
    ++count;
  }
  return count;
}

// source.bdns.option.<name> = value lines.
void applyDemoProperties(FakeHost& host) {
  std::ifstream in(kFixtures / "demo.properties");
  std::string line;
  const std::string prefix = "source.bdns.option.";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    const auto equals = line.find('=');
    host.setOption(Poco::trim(line.substr(prefix.size(), equals - prefix.size())),
                   Poco::trim(line.substr(equals + 1)));
  }
}

TEST(Fixtures, TheDemoHarvestFindsARecordingForEveryRequest) {
  FakeHost host;
  applyDemoProperties(host);
  ASSERT_EQ(serveExchanges(host), 9u);
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.requests().size(), 9u);
  EXPECT_TRUE(host.rejections().empty());
  // The Valencian call is out of the region, the company aid out of the beneficiary types.
  std::vector<std::string> ids;
  for (const auto& record : host.records()) ids.push_back(record.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"bdns:893410", "bdns:892877", "bdns:891954", "bdns:890765",
                                           "bdns:889120", "bdns:888402"}));
}

TEST(Fixtures, TheDemoCallsAreOpenClosedForthcomingOrUndatedOnTheDemoDay) {
  FakeHost host;
  applyDemoProperties(host);
  serveExchanges(host);
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  const int64_t demoNoon = *convoca::index::timeutil::parseInstant("2026-11-27T12:00:00+01:00");
  std::map<std::string, CallStatus> status;
  for (const auto& record : host.records()) status[record.id] = convoca::index::statusAt(record, demoNoon);
  EXPECT_EQ(status["bdns:893410"], CallStatus::Open);
  EXPECT_EQ(status["bdns:892877"], CallStatus::Open);
  EXPECT_EQ(status["bdns:891954"], CallStatus::Unknown); // textFin only
  EXPECT_EQ(status["bdns:890765"], CallStatus::Forthcoming);
  EXPECT_EQ(status["bdns:889120"], CallStatus::Closed);
  EXPECT_EQ(status["bdns:888402"], CallStatus::Open);
  for (const auto& record : host.records()) {
    if (record.id == "bdns:890765") continue; // the national call has no co-official title
    EXPECT_FALSE(record.summary.empty()) << record.id;
  }
}

TEST(Fixtures, EveryPayloadParsesIntoAtLeastOneRecord) {
  for (const auto& entry : fs::directory_iterator(kFixtures / "payloads")) {
    FakeHost host;
    EXPECT_EQ(host.parse(entry.path().filename().string(), readFile(entry.path().string())), CONVOCA_OK)
        << entry.path() << ": " << host.errorMessage();
    EXPECT_FALSE(host.records().empty()) << entry.path();
  }
}

} // namespace
} // namespace bdns_test
