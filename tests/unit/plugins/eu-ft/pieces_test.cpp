// The plugin's pure pieces, tested without a host.
#include "budget.h"
#include "programmes.h"
#include "text.h"

#include <gtest/gtest.h>

namespace euft {
namespace {

const char* kOverview = R"({"budgetYearsColumns":["2026","2027"],"budgetTopicActionMap":{
  "1":[{"action":"CALL-01-A - HORIZON-RIA HORIZON  Research and Innovation Actions","budgetYearMap":{"2026":"1000000","2027":"500000"}},
       {"action":"CALL-01-AB - HORIZON-IA HORIZON Innovation Actions","budgetYearMap":{"2026":"9000000"}}],
  "2":[{"action":"CALL-01-A - HORIZON-RIA HORIZON  Research and Innovation Actions","budgetYearMap":{"2027":"250000"}},
       {"action":"CALL-01-B - HORIZON-CSA HORIZON Coordination and Support Actions","budgetYearMap":{"2026":7000000}}]}})";

TEST(TopicBudget, SumsOnlyTheActionsOfThisTopicOverEveryYearAndBudgetLine) {
  EXPECT_EQ(topicBudgetFromOverview(kOverview, "CALL-01-A"), 1750000.0);
  EXPECT_EQ(topicBudgetFromOverview(kOverview, "CALL-01-B"), 7000000.0);
  EXPECT_EQ(topicBudgetFromOverview(kOverview, "CALL-01-AB"), 9000000.0);
}

TEST(TopicBudget, IsAbsentWhenNoActionMatches) {
  EXPECT_FALSE(topicBudgetFromOverview(kOverview, "CALL-01-C").has_value());
  EXPECT_FALSE(topicBudgetFromOverview(kOverview, "CALL-01").has_value());
}

TEST(TopicBudget, IsAbsentWhenTheEmbeddedJsonIsCut) {
  const std::string cut = std::string(kOverview).substr(0, 150);
  EXPECT_FALSE(topicBudgetFromOverview(cut, "CALL-01-A").has_value());
  EXPECT_FALSE(topicBudgetFromOverview("", "CALL-01-A").has_value());
  EXPECT_FALSE(topicBudgetFromOverview("[1,2]", "CALL-01-A").has_value());
}

TEST(Summary, SkipsHeadingsAndKeepsWholeSentencesWithinThreeHundredCharacters) {
  const std::string sentence = "Cities test nature-based solutions in public space. ";
  std::string body;
  for (int i = 0; i < 10; ++i) body += sentence;
  const std::string summary = summaryOf("Expected Outcome:\n" + body);
  EXPECT_EQ(summary.rfind("Cities test", 0), 0u);
  EXPECT_LE(summary.size(), 300u);
  EXPECT_EQ(summary.back(), '.');
  EXPECT_EQ(summaryOf("Scope:\nShort text."), "Short text.");
}

TEST(Summary, SkipsLeadInLinesAndDoesNotEndAtAnAbbreviation) {
  std::string tail;
  for (int i = 0; i < 40; ++i) tail += " and more";
  const std::string text = "Proposals are expected to contribute to the following:\n"
                           "Support to cities (e.g. Local Self-Government Units) in planning." +
                           tail + ".";
  EXPECT_EQ(summaryOf(text), "Support to cities (e.g. Local Self-Government Units) in planning.");
}

TEST(Summary, CutsALongFirstSentenceAtAWordWithAnEllipsis) {
  std::string words;
  for (int i = 0; i < 80; ++i) words += "word ";
  const std::string summary = summaryOf(words);
  EXPECT_LT(summary.size(), 310u);
  EXPECT_EQ(summary.substr(summary.size() - 3), "\xE2\x80\xA6");
  EXPECT_EQ(summary.substr(summary.size() - 7, 4), "word");
}

TEST(Text, CollapsesRunsOfWhitespace) {
  EXPECT_EQ(collapseSpaces("  HORIZON  Research and\tInnovation \n Actions "),
            "HORIZON Research and Innovation Actions");
  std::vector<std::string> list;
  addUnique(list, "AI");
  addUnique(list, " AI ");
  addUnique(list, "");
  EXPECT_EQ(list, (std::vector<std::string>{"AI"}));
}

TEST(Programmes, KnowsThe2021To2027ProgrammesByCode) {
  ASSERT_NE(programmeByCode("43108390"), nullptr);
  EXPECT_STREQ(programmeByCode("43108390")->name, "Horizon Europe");
  EXPECT_STREQ(programmeByCode("43108390")->code, "HORIZON");
  EXPECT_STREQ(programmeByCode("43252405")->code, "LIFE");
  EXPECT_STREQ(programmeByCode("43353764")->code, "ERASMUS");
  EXPECT_STREQ(programmeByCode("111111")->code, "PROSPECT");
  EXPECT_STREQ(programmeByCode("44416173")->code, "I3");
  EXPECT_EQ(programmeByCode("31045243"), nullptr); // Horizon 2020: not in the table
  EXPECT_EQ(programmeByCode(""), nullptr);
}

} // namespace
} // namespace euft
