// fixtures/raisc: every payload parses, every malformed file is refused with
// CONVOCA_SOURCE_FORMAT naming it, and the demo's exchanges are exactly what
// the plugin requests with demo.properties.
#include "fake_host.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <regex>

namespace raisc_test {
namespace {

namespace fs = std::filesystem;
using convoca::index::CallStatus;

const fs::path kFixtures = fs::path(CONVOCA_SOURCE_DIR) / "fixtures/raisc";
constexpr int64_t kDemoToday = 1795777200; // 2026-11-27T12:00:00+01:00

std::vector<fs::path> filesIn(const fs::path& dir, const std::string& extension) {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == extension) paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  return paths;
}

TEST(RaiscFixtures, EveryPayloadParsesIntoValidRecords) {
  for (const auto& path : filesIn(kFixtures / "payloads", ".json")) {
    FakeHost host;
    ASSERT_EQ(host.parse(path.filename().string(), readFile(path.string())), CONVOCA_OK)
        << host.errorMessage();
    EXPECT_GE(host.records().size(), 1u) << path;
    EXPECT_TRUE(host.rejections().empty()) << path;
  }
}

TEST(RaiscFixtures, EveryMalformedFileIsRefusedByNameWithNothingEmitted) {
  const auto paths = filesIn(kFixtures / "malformed", ".json");
  ASSERT_EQ(paths.size(), 4u);
  for (const auto& path : paths) {
    FakeHost host;
    const std::string name = path.filename().string();
    EXPECT_EQ(host.parse(name, readFile(path.string())), CONVOCA_SOURCE_FORMAT) << name;
    EXPECT_EQ(host.errorMessage().rfind(name, 0), 0u) << host.errorMessage();
    EXPECT_TRUE(host.records().empty()) << name;
  }
}

TEST(RaiscFixtures, MalformedMessagesSayWhatIsWrongAndWhere) {
  FakeHost error;
  error.parse("socrata-error.json", readFile((kFixtures / "malformed/socrata-error.json").string()));
  EXPECT_NE(error.errorMessage().find("No such column: data_diari_oficiall"), std::string::npos);
  FakeHost deadline;
  deadline.parse("bad-deadline.json", readFile((kFixtures / "malformed/bad-deadline.json").string()));
  EXPECT_NE(deadline.errorMessage().find("row 1"), std::string::npos) << deadline.errorMessage();
  EXPECT_NE(deadline.errorMessage().find("data_fi_termini_presentaci_sol_licitud \"31/01/2027\""),
            std::string::npos)
      << deadline.errorMessage();
  FakeHost truncated;
  truncated.parse("truncated-page.json", readFile((kFixtures / "malformed/truncated-page.json").string()));
  EXPECT_NE(truncated.errorMessage().find("not valid JSON"), std::string::npos) << truncated.errorMessage();
}

// The recorded exchanges answer exactly the URLs the plugin asks for with the
// options in demo.properties, so `convoca harvest --replay` finds them all.
TEST(RaiscFixtures, DemoExchangesAnswerTheRequestsOfADemoHarvest) {
  const std::string properties = readFile((kFixtures / "demo.properties").string());
  std::smatch since;
  ASSERT_TRUE(
      std::regex_search(properties, since, std::regex(R"(source\.raisc\.option\.since\s*=\s*(\S+))")));
  FakeHost host;
  host.setOption("since", since[1].str());
  Poco::JSON::Parser parser;
  for (const auto& path : filesIn(kFixtures / "exchanges", ".json")) {
    const auto exchange = parser.parse(readFile(path.string())).extract<Poco::JSON::Object::Ptr>();
    const auto body =
        (kFixtures / "exchanges" / exchange->getObject("response")->getValue<std::string>("body_file"));
    host.serve(exchange->getObject("request")->getValue<std::string>("url"), {200, readFile(body.string())});
  }
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.requests().size(), 2u);
  EXPECT_TRUE(host.rejections().empty());
  EXPECT_GE(host.records().size(), 8u);
  std::map<CallStatus, int> statuses;
  const std::regex tag("<[A-Za-z/!][^>]*>");
  for (const auto& record : host.records()) {
    ++statuses[convoca::index::statusAt(record, kDemoToday)];
    EXPECT_FALSE(std::regex_search(record.text, tag)) << record.id;
  }
  EXPECT_GE(statuses[CallStatus::Open], 3);
  EXPECT_GE(statuses[CallStatus::Closed], 2);
}

} // namespace
} // namespace raisc_test
