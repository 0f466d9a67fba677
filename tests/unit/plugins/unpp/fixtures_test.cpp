// The offline demo's exchange and the portal's own code list.
#include "fake_host.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <convoca/index/timeutil.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <set>

namespace unpp_test {
namespace {

namespace fs = std::filesystem;
using convoca::index::CallStatus;

const fs::path kFixtures = fs::path(CONVOCA_SOURCE_DIR) / "fixtures/unpp";
const fs::path kExchange = kFixtures / "exchanges/0001-www.unpartnerportal.org-projects-open.exchange.json";
const fs::path kBody = kFixtures / "exchanges/0001-www.unpartnerportal.org-projects-open.body";

Poco::JSON::Object::Ptr jsonObject(const std::string& text) {
  Poco::JSON::Parser parser;
  return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
}

TEST(Fixtures, TheDemoExchangeRecordsTheExactRequestOfTheDefaultOptions) {
  const auto request = jsonObject(readFile(kExchange.string()))->getObject("request");
  ASSERT_TRUE(request);
  FakeHost host;
  host.serve(request->getValue<std::string>("url"), {200, readFile(kBody.string())});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 1u);
  EXPECT_EQ(host.requests()[0].method, request->getValue<std::string>("method"));
  EXPECT_EQ(host.records().size(), 8u);
  EXPECT_TRUE(host.rejections().empty());
}

TEST(Fixtures, TheDemoCallsAreOpenOnTheDemoDayAndOneClosesThatNight) {
  FakeHost host;
  ASSERT_EQ(host.parse("demo", readFile(kBody.string())), CONVOCA_OK) << host.errorMessage();
  const int64_t demoNoon = *convoca::index::timeutil::parseInstant("2026-11-27T12:00:00+01:00");
  std::map<CallStatus, int> statuses;
  for (const auto& record : host.records()) ++statuses[convoca::index::statusAt(record, demoNoon)];
  EXPECT_EQ(statuses[CallStatus::Open], 8);
  const auto* kharkiv = host.record("unpp:3452");
  ASSERT_TRUE(kharkiv);
  EXPECT_EQ(convoca::index::statusAt(*kharkiv, demoNoon + 86400), CallStatus::Closed);
}

// Every specialisation and sector name in our fixtures must be one the portal
// knows (its 2019 code list, read in place from ../shared).
TEST(Fixtures, UseOnlySpecialisationAndSectorNamesOfThePortalsCodeList) {
  const fs::path codeList = fs::path(realFixturesDir()) / "unpp/common-fixtures-sectors-specializations.json";
  if (!fs::exists(codeList)) GTEST_SKIP() << "real fixtures absent: " << codeList;
  Poco::JSON::Parser parser;
  const auto rows = parser.parse(readFile(codeList.string())).extract<Poco::JSON::Array::Ptr>();
  std::set<std::string> specialisations, sectors;
  for (size_t i = 0; i < rows->size(); ++i) {
    const auto row = rows->getObject(static_cast<unsigned>(i));
    const std::string name = row->getObject("fields")->getValue<std::string>("name");
    (row->getValue<std::string>("model") == "common.sector" ? sectors : specialisations).insert(name);
  }
  ASSERT_EQ(sectors.size(), 13u);
  ASSERT_EQ(specialisations.size(), 81u);

  FakeHost host;
  for (const auto& path :
       {kBody, kFixtures / "payloads/open-list-2026.json", kFixtures / "payloads/public-list-2019.json"})
    ASSERT_EQ(host.parse(path.filename().string(), readFile(path.string())), CONVOCA_OK)
        << host.errorMessage();
  const std::set<std::string> agencies{"UNHCR", "UNICEF", "WFP", "UNFPA", "UN Women", "IOM"};
  for (const auto& record : host.records()) {
    ASSERT_FALSE(record.keywords.empty()) << record.id;
    for (const auto& keyword : record.keywords) EXPECT_EQ(specialisations.count(keyword), 1u) << keyword;
    for (const auto& tag : record.tags)
      EXPECT_TRUE(sectors.count(tag) || agencies.count(tag) || record.eligibleCountries.empty())
          << record.id << ": " << tag;
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
} // namespace unpp_test
