// Loading definitions: strict, with the file, the key and the reason in every refusal.
#include "catalog.h"
#include "definition.h"

#include <convoca/index/timeutil.h>
#include <gtest/gtest.h>

namespace declarative {
namespace {

bool knownZone(const std::string& zone) {
  return convoca::index::timeutil::localToRfc3339(zone, "2000-01-01T12:00:00").has_value();
}

const char* kValid = R"({
  "id": "amb-test", "url": "https://example.org/calls?page={page}", "format": "html",
  "pagination": {"type": "page"},
  "items": "//article",
  "fields": {"key": "@id", "title": ".//h2",
             "deadline": {"selector": ".//p", "formats": ["%d %B %Y"]}}
})";

// kValid with `from` replaced by `to`.
std::string validWith(const std::string& from, const std::string& to) {
  std::string text = kValid;
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

std::string refusal(const std::string& json) {
  try {
    loadDefinitions(json, "my-source.json", knownZone);
  } catch (const DefinitionError& e) {
    return e.what();
  }
  return "<accepted>";
}

TEST(DefinitionTest, LoadsAValidDefinitionWithDefaults) {
  const auto definitions = loadDefinitions(kValid, "my-source.json", knownZone);
  ASSERT_EQ(definitions.size(), 1u);
  const Definition& definition = definitions[0];
  EXPECT_EQ(definition.id, "amb-test");
  EXPECT_EQ(definition.kind, "call");
  EXPECT_EQ(definition.pagination.type, PaginationType::Page);
  EXPECT_EQ(definition.pagination.start, 1);
  EXPECT_EQ(definition.pagination.maxPages, 10);
  ASSERT_TRUE(definition.fields.deadline);
  EXPECT_EQ(definition.fields.deadline->zone, "Europe/Brussels");
  EXPECT_EQ(definition.fields.deadline->timeIfMissing, "17:00");
}

TEST(DefinitionTest, RefusesAnUnknownKeyNamingItsPath) {
  EXPECT_EQ(refusal(validWith(R"("formats")", R"("zon": "CET", "formats")")),
            "my-source.json: fields.deadline.zon: unknown key");
  EXPECT_EQ(refusal(validWith(R"("format": "html")", R"("format": "html", "itemz": "x")")),
            "my-source.json: itemz: unknown key");
}

TEST(DefinitionTest, RefusesAnXPathThatDoesNotCompile) {
  const std::string message = refusal(validWith(R"("title": ".//h2")", R"("title": ".//h2[")"));
  EXPECT_EQ(message.rfind("my-source.json: fields.title: bad XPath './/h2[': ", 0), 0u) << message;
}

TEST(DefinitionTest, RefusesABadJsonPointerInAJsonDefinition) {
  const std::string json = R"({"id": "j", "url": "https://example.org/api", "format": "json", "items": "data",
             "fields": {"key": "/id", "title": "/title"}})";
  EXPECT_EQ(refusal(json),
            "my-source.json: items: bad JSON pointer 'data': a JSON pointer is empty or starts with '/'");
}

TEST(DefinitionTest, RefusesBadValuesWithReasons) {
  EXPECT_EQ(refusal(validWith(R"("format": "html")", R"("format": "csv")")),
            "my-source.json: format: must be html, xml or json, not 'csv'");
  EXPECT_EQ(refusal(validWith(R"(["%d %B %Y"])", R"(["%d %B %Y"], "zone": "Europe/Brusels")")),
            "my-source.json: fields.deadline.zone: unknown IANA time zone 'Europe/Brusels'");
  EXPECT_EQ(refusal(validWith(R"(["%d %B %Y"])", R"(["%d %B"])")),
            "my-source.json: fields.deadline.formats: '%d %B': needs a year (%Y or %y)");
  EXPECT_EQ(refusal(validWith(R"(["%d %B %Y"])", R"(["%d %B %Y"], "time_if_missing": "5pm")")),
            "my-source.json: fields.deadline.time_if_missing: must be HH:MM, not '5pm'");
  EXPECT_EQ(refusal(validWith("?page={page}", "")),
            "my-source.json: url: must contain {page} for page pagination");
  EXPECT_EQ(refusal(validWith(R"("id": "amb-test")", R"("id": "AMB test")")),
            "my-source.json: id: must be lower-case letters, digits and '-' (up to 48), not 'AMB test'");
  EXPECT_EQ(refusal(validWith(R"("title": ".//h2",)", "")), "my-source.json: fields.title: is required");
  EXPECT_EQ(refusal(validWith(R"("type": "page")", R"("type": "next-link")")),
            "my-source.json: pagination.next: is required");
}

TEST(DefinitionTest, RefusesBrokenJsonAndDuplicateIds) {
  EXPECT_EQ(refusal("{\"id\": ").rfind("my-source.json: not valid JSON: ", 0), 0u);
  EXPECT_EQ(refusal(std::string("[") + kValid + "," + kValid + "]"),
            "my-source.json: [1].id: 'amb-test' is defined twice");
}

TEST(DefinitionTest, EveryShippedDefinitionLoads) {
  ASSERT_EQ(kBuiltinDefinitionCount, 3u);
  std::vector<std::string> ids;
  for (size_t i = 0; i < kBuiltinDefinitionCount; ++i)
    for (const auto& definition :
         loadDefinitions(kBuiltinDefinitions[i].json, kBuiltinDefinitions[i].file, knownZone))
      ids.push_back(definition.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"eui-calls", "interreg-euro-med-calls", "urbact-calls"}));
}

} // namespace
} // namespace declarative
