// fixtures/feeds: payloads parse, malformed files are refused with
// CONVOCA_SOURCE_FORMAT naming the file, and the demo's exchanges answer
// exactly the URLs listed in demo.properties.
#include "fake_host.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <regex>

namespace feeds_test {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(CONVOCA_SOURCE_DIR) / "fixtures/feeds";

std::vector<fs::path> filesIn(const fs::path& dir) {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(dir)) paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::map<std::string, std::string> demoOptions() {
  std::map<std::string, std::string> options;
  const std::string text = readFile((kFixtures / "demo.properties").string());
  const std::regex line(R"(source\.feeds\.option\.(\w+)\s*=\s*([^\n]*))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), line); it != std::sregex_iterator(); ++it)
    options[(*it)[1].str()] = (*it)[2].str();
  return options;
}

TEST(FeedsFixtures, EveryPayloadParsesIntoValidRecords) {
  for (const auto& path : filesIn(kFixtures / "payloads")) {
    FakeHost host;
    ASSERT_EQ(host.parse(path.filename().string(), readFile(path.string())), CONVOCA_OK)
        << host.errorMessage();
    EXPECT_GE(host.records().size(), 1u) << path;
    EXPECT_TRUE(host.rejections().empty()) << path;
  }
}

TEST(FeedsFixtures, EveryMalformedFileIsRefusedByNameWithNothingEmitted) {
  const auto paths = filesIn(kFixtures / "malformed");
  ASSERT_EQ(paths.size(), 5u);
  for (const auto& path : paths) {
    FakeHost host;
    const std::string name = path.filename().string();
    EXPECT_EQ(host.parse(name, readFile(path.string())), CONVOCA_SOURCE_FORMAT) << name;
    EXPECT_EQ(host.errorMessage().rfind(name + ": ", 0), 0u) << host.errorMessage();
    EXPECT_TRUE(host.records().empty()) << name;
  }
}

TEST(FeedsFixtures, MalformedMessagesSayWhatIsWrongAndWhere) {
  FakeHost truncated;
  truncated.parse("truncated.rss", readFile((kFixtures / "malformed/truncated.rss").string()));
  EXPECT_NE(truncated.errorMessage().find("not well-formed XML at line"), std::string::npos)
      << truncated.errorMessage();
  FakeHost xhtml;
  xhtml.parse("xhtml-page.xml", readFile((kFixtures / "malformed/xhtml-page.xml").string()));
  EXPECT_NE(xhtml.errorMessage().find("root element <html> is neither RSS 2.0"), std::string::npos)
      << xhtml.errorMessage();
  FakeHost channel;
  channel.parse("rss-without-channel.xml",
                readFile((kFixtures / "malformed/rss-without-channel.xml").string()));
  EXPECT_NE(channel.errorMessage().find("without a <channel>"), std::string::npos) << channel.errorMessage();
}

TEST(FeedsFixtures, DemoExchangesAnswerTheUrlsOfDemoProperties) {
  FakeHost host;
  for (const auto& [name, value] : demoOptions()) host.setOption(name, value);
  Poco::JSON::Parser parser;
  for (const auto& path : filesIn(kFixtures / "exchanges")) {
    if (path.extension() != ".json") continue;
    const auto exchange = parser.parse(readFile(path.string())).extract<Poco::JSON::Object::Ptr>();
    const auto body =
        kFixtures / "exchanges" / exchange->getObject("response")->getValue<std::string>("body_file");
    host.serve(exchange->getObject("request")->getValue<std::string>("url"), {200, readFile(body.string())});
  }
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.requests().size(), 3u);
  EXPECT_TRUE(host.rejections().empty());
  EXPECT_EQ(host.records().size(), 10u);
  std::map<std::string, int> programmes;
  for (const auto& record : host.records()) ++programmes[record.programmeCode];
  EXPECT_EQ(programmes["URBACT"], 3);
  EXPECT_EQ(programmes["INTERREG"], 3);
  EXPECT_EQ(programmes["EUI"], 4);
}

} // namespace
} // namespace feeds_test
