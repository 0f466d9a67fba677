// What parse() does with payloads that are not a project list page.
#include "fake_host.h"

#include <gtest/gtest.h>

namespace unpp_test {
namespace {

const std::string kMalformed = std::string(CONVOCA_SOURCE_DIR) + "/fixtures/unpp/malformed/";

struct Case {
  const char* file;
  const char* detail; // what the message must name besides the file
};

TEST(PayloadErrors, RefusesEveryMalformedFixtureNamingTheFileAndThePlace) {
  for (const Case& c : {Case{"truncated.json", "not valid JSON"}, Case{"not-a-page.json", "no results array"},
                        Case{"results-not-array.json", "no results array"},
                        Case{"row-without-id.json", "results[0] has neither displayID"},
                        Case{"bad-deadline.json", "results[0].deadline_date: '15/12/2026'"}}) {
    FakeHost host;
    const std::string data = readFile(kMalformed + c.file);
    ASSERT_FALSE(data.empty()) << c.file;
    EXPECT_EQ(host.parse(c.file, data), CONVOCA_SOURCE_FORMAT) << c.file;
    EXPECT_EQ(host.errorStatus(), CONVOCA_SOURCE_FORMAT) << c.file;
    EXPECT_NE(host.errorMessage().find(c.file), std::string::npos) << host.errorMessage();
    EXPECT_NE(host.errorMessage().find(c.detail), std::string::npos) << host.errorMessage();
    EXPECT_TRUE(host.records().empty()) << c.file;
  }
}

TEST(PayloadErrors, EmitsNothingFromAPageWhoseLastRowIsBroken) {
  FakeHost host;
  const std::string page =
      R"({"count": 2, "results": [{"id": 1, "title": "Fine", "deadline_date": "2026-12-01"},
      {"id": 2, "title": "", "deadline_date": "2026-12-01"}]})";
  EXPECT_EQ(host.parse("half.json", page), CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(host.errorMessage().find("results[1].title"), std::string::npos) << host.errorMessage();
  EXPECT_TRUE(host.records().empty());
}

TEST(PayloadErrors, RefusesAnImpossibleCalendarDate) {
  FakeHost host;
  EXPECT_EQ(
      host.parse("feb.json", R"({"results": [{"id": 1, "title": "T", "deadline_date": "2027-02-30"}]})"),
      CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(host.errorMessage().find("deadline_date"), std::string::npos) << host.errorMessage();
}

TEST(PayloadErrors, AcceptsAnEmptyLastPage) {
  FakeHost host;
  EXPECT_EQ(host.parse("empty.json", R"({"count": 0, "next": null, "previous": null, "results": []})"),
            CONVOCA_OK);
  EXPECT_TRUE(host.records().empty());
}

} // namespace
} // namespace unpp_test
