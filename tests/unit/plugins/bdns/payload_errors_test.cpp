// What parse() does with payloads that are neither a search page nor a detail.
#include "fake_host.h"

#include <gtest/gtest.h>

namespace bdns_test {
namespace {

const std::string kMalformed = std::string(CONVOCA_SOURCE_DIR) + "/fixtures/bdns/malformed/";

struct Case {
  const char* file;
  const char* detail; // what the message must name besides the file
};

TEST(PayloadErrors, RefusesEveryMalformedFixtureNamingTheFileAndTheField) {
  for (const Case& c : {Case{"truncated-search-page.json", "not valid JSON"},
                        Case{"detail-without-code.json", "no codigoBDNS"},
                        Case{"detail-display-date.json", "fechaFinSolicitud: '18/12/2026' is not a date"},
                        Case{"detail-regions-not-array.json", "regiones is not an array"},
                        Case{"search-row-without-code.json", "content[1].numeroConvocatoria"},
                        Case{"error-page.json", "no codigoBDNS"}}) {
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

TEST(PayloadErrors, RefusesJsonThatIsNotAnObject) {
  for (const char* payload : {"[1, 2]", "\"text\"", ""}) {
    FakeHost host;
    EXPECT_EQ(host.parse("other.json", payload), CONVOCA_SOURCE_FORMAT) << payload;
    EXPECT_NE(host.errorMessage().find("other.json"), std::string::npos) << host.errorMessage();
  }
}

TEST(PayloadErrors, RefusesADetailWithAnImpossibleDate) {
  FakeHost host;
  EXPECT_EQ(
      host.parse(
          "d.json",
          R"({"codigoBDNS": "1", "descripcion": "X", "fechaFinSolicitud": "2027-02-30T00:00:00+01:00"})"),
      CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(host.errorMessage().find("fechaFinSolicitud"), std::string::npos) << host.errorMessage();
}

TEST(PayloadErrors, AcceptsAnEmptySearchPage) {
  FakeHost host;
  EXPECT_EQ(host.parse("empty.json",
                       R"({"content": [], "totalElements": 0, "totalPages": 0, "number": 0, "last": true})"),
            CONVOCA_OK);
  EXPECT_TRUE(host.records().empty());
}

} // namespace
} // namespace bdns_test
