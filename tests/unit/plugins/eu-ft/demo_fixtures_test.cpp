// The offline demo's hand-made exchanges in fixtures/eu-ft/exchanges: they must
// parse cleanly and their recorded request must be exactly what the plugin sends,
// or `convoca demo` would find no matching recording.
#include "fake_host.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <regex>

namespace euft_test {
namespace {

namespace fs = std::filesystem;
using convoca::index::CallStatus;

const fs::path kExchanges = fs::path(CONVOCA_SOURCE_DIR) / "fixtures/eu-ft/exchanges";
const fs::path kSearchExchange = kExchanges / "0002-api.tech.ec.europa.eu-search.exchange.json";
const fs::path kSearchBody = kExchanges / "0002-api.tech.ec.europa.eu-search.body";
constexpr int64_t kDemoToday = 1795777200; // 2026-11-27T12:00:00+01:00

std::vector<fs::path> bodies() {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(kExchanges))
    if (entry.path().extension() == ".body" && entry.path().string().find("-search") != std::string::npos)
      paths.push_back(entry.path());
  return paths;
}

TEST(DemoFixtures, ParseIntoAboutFiftyValidRecordsWithoutHtml) {
  FakeHost host;
  const auto paths = bodies();
  ASSERT_FALSE(paths.empty()) << "no search bodies in " << kExchanges;
  for (const auto& path : paths)
    ASSERT_EQ(host.parse(path.filename().string(), readFile(path.string())), CONVOCA_OK)
        << host.errorMessage();
  EXPECT_TRUE(host.rejections().empty()) << host.rejections().front();
  EXPECT_GE(host.records().size(), 45u);
  EXPECT_LE(host.records().size(), 60u);
  const std::regex tag("<[A-Za-z/!][^>]*>");
  for (const auto& record : host.records()) {
    EXPECT_FALSE(std::regex_search(record.text, tag)) << record.id;
    EXPECT_FALSE(record.summary.empty()) << record.id;
    EXPECT_FALSE(record.programme.empty()) << record.id;
    EXPECT_FALSE(record.deadlines.empty()) << record.id;
  }
  EXPECT_EQ(host.warningsContaining("frameworkProgramme"), 0u);
}

TEST(DemoFixtures, ShowEveryStatusAndSeveralProgrammesOnTheDemoDay) {
  FakeHost host;
  ASSERT_EQ(host.parse("demo", readFile(kSearchBody.string())), CONVOCA_OK) << host.errorMessage();
  std::map<CallStatus, int> statuses;
  std::map<std::string, int> programmes;
  int soil = 0;
  for (const auto& record : host.records()) {
    ++statuses[convoca::index::statusAt(record, kDemoToday)];
    ++programmes[record.programmeCode];
    if (record.title.find("oil") != std::string::npos) ++soil;
  }
  EXPECT_GE(statuses[CallStatus::Open], 10);
  EXPECT_GE(statuses[CallStatus::Forthcoming], 10);
  EXPECT_GE(statuses[CallStatus::Closed], 3);
  for (const char* code :
       {"HORIZON", "LIFE", "CEF", "DIGITAL", "CERV", "ERASMUS", "ESF", "CREA", "I3", "PROSPECT"})
    EXPECT_GT(programmes[code], 0) << code;
  EXPECT_GE(soil, 3);
}

TEST(DemoFixtures, RecordTheExactRequestThePluginSends) {
  Poco::JSON::Parser parser;
  const auto exchange = parser.parse(readFile(kSearchExchange.string()))
                            .extract<Poco::JSON::Object::Ptr>()
                            ->getObject("request");
  ASSERT_TRUE(exchange);
  const std::string url = exchange->getValue<std::string>("url");

  FakeHost host;
  host.serve(url, {200, readFile(kSearchBody.string())});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 1u);
  const SeenRequest& sent = host.requests().front();
  EXPECT_EQ(sent.method, exchange->getValue<std::string>("method"));
  EXPECT_EQ(sent.url, url);
  const auto parts = exchange->getArray("parts");
  ASSERT_EQ(sent.parts.size(), parts->size());
  for (size_t i = 0; i < sent.parts.size(); ++i) {
    const auto part = parts->getObject(static_cast<unsigned>(i));
    EXPECT_EQ(sent.parts[i].name, part->getValue<std::string>("name"));
    EXPECT_EQ(sent.parts[i].contentType, part->getValue<std::string>("content_type"));
    EXPECT_EQ(sent.parts[i].data, part->getValue<std::string>("data"));
  }
  EXPECT_GE(host.records().size(), 45u);
}

} // namespace
} // namespace euft_test
