// The robots.txt parser and matcher against RFC 9309's rules.
#include "robots.h"

#include <gtest/gtest.h>

namespace convoca::http::detail {
namespace {

bool allowed(const RobotsRules& rules, const std::string& path) {
  return rules.check(path).allowed;
}

TEST(Robots, DisallowedPrefixRefusesAndNamesTheRule) {
  const auto rules = RobotsRules::parse("User-agent: *\nDisallow: /private\n", "convoca");
  const auto verdict = rules.check("/private/report.pdf");
  EXPECT_FALSE(verdict.allowed);
  EXPECT_EQ(verdict.rule, "Disallow: /private");
  EXPECT_TRUE(allowed(rules, "/public"));
}

TEST(Robots, LongestMatchWinsAndAllowWinsATie) {
  const auto rules = RobotsRules::parse("User-agent: *\n"
                                        "Disallow: /calls\n"
                                        "Allow: /calls/open\n"
                                        "Disallow: /same\n"
                                        "Allow: /same\n",
                                        "convoca");
  EXPECT_FALSE(allowed(rules, "/calls/closed"));
  EXPECT_TRUE(allowed(rules, "/calls/open/123"));
  EXPECT_TRUE(allowed(rules, "/same/page"));
}

TEST(Robots, OurOwnGroupReplacesTheStarGroup) {
  const auto rules = RobotsRules::parse("User-agent: *\nAllow: /\n\n"
                                        "User-agent: Convoca/2.0\nDisallow: /api\n",
                                        "convoca");
  EXPECT_FALSE(allowed(rules, "/api/search"));
  EXPECT_TRUE(allowed(rules, "/index.html"));
}

TEST(Robots, OtherAgentsGroupsDoNotApply) {
  const auto rules = RobotsRules::parse("User-agent: googlebot\nDisallow: /\n", "convoca");
  EXPECT_TRUE(allowed(rules, "/anything"));
}

TEST(Robots, GroupsForTheSameAgentAreMergedAndAgentLinesShareRules) {
  const auto rules = RobotsRules::parse("User-agent: convoca\nDisallow: /a\n"
                                        "User-agent: other\nDisallow: /b\n"
                                        "User-agent: otherbot\nUser-agent: convoca\nDisallow: /c\n",
                                        "convoca");
  EXPECT_FALSE(allowed(rules, "/a"));
  EXPECT_TRUE(allowed(rules, "/b"));
  EXPECT_FALSE(allowed(rules, "/c"));
}

TEST(Robots, WildcardAndEndAnchor) {
  const auto rules =
      RobotsRules::parse("User-agent: *\nDisallow: /*.pdf$\nDisallow: /search*q=\n", "convoca");
  EXPECT_FALSE(allowed(rules, "/docs/call.pdf"));
  EXPECT_TRUE(allowed(rules, "/docs/call.pdf?download=1"));
  EXPECT_FALSE(allowed(rules, "/search/topics?q=climate"));
  EXPECT_TRUE(allowed(rules, "/search/topics"));
}

TEST(Robots, EmptyDisallowAllowsEverything) {
  const auto rules = RobotsRules::parse("User-agent: *\nDisallow:\n", "convoca");
  EXPECT_TRUE(allowed(rules, "/"));
}

TEST(Robots, CommentsCaseAndCrLfAreTolerated) {
  const auto rules = RobotsRules::parse(
      "\xEF\xBB\xBF# comment\r\nUSER-AGENT: *  # all\r\nDISALLOW: /x # why\r\n", "convoca");
  EXPECT_FALSE(allowed(rules, "/x/y"));
}

TEST(Robots, RulesBeforeAnyUserAgentAreIgnored) {
  const auto rules = RobotsRules::parse("Disallow: /\nUser-agent: *\nDisallow: /tmp\n", "convoca");
  EXPECT_TRUE(allowed(rules, "/index"));
  EXPECT_FALSE(allowed(rules, "/tmp/1"));
}

TEST(Robots, PercentEncodingIsComparedCanonically) {
  const auto rules = RobotsRules::parse("User-agent: *\nDisallow: /caf\xC3\xA9\n", "convoca");
  EXPECT_FALSE(allowed(rules, "/caf%c3%a9/menu"));
  EXPECT_FALSE(allowed(rules, "/caf%C3%A9"));
}

TEST(Robots, RobotsTxtItselfIsAlwaysAllowed) {
  EXPECT_TRUE(allowed(RobotsRules::parse("User-agent: *\nDisallow: /\n", "convoca"), "/robots.txt"));
  EXPECT_TRUE(allowed(RobotsRules::disallowAll("server error"), "/robots.txt"));
}

TEST(Robots, DisallowAllRefusesWithItsReason) {
  const auto verdict = RobotsRules::disallowAll("robots.txt answered HTTP 503").check("/page");
  EXPECT_FALSE(verdict.allowed);
  EXPECT_EQ(verdict.rule, "robots.txt answered HTTP 503");
}

TEST(Robots, CrawlDelayComesFromTheSelectedGroup) {
  const auto rules = RobotsRules::parse(
      "User-agent: *\nCrawl-delay: 10\n\nUser-agent: convoca\nCrawl-delay: 2.5\n", "convoca");
  ASSERT_TRUE(rules.crawlDelaySec());
  EXPECT_DOUBLE_EQ(*rules.crawlDelaySec(), 2.5);
  EXPECT_FALSE(RobotsRules::parse("User-agent: *\nDisallow: /x\n", "convoca").crawlDelaySec());
}

TEST(Robots, PathologicalWildcardsStayFast) {
  const std::string pattern(200, '*');
  const auto rules = RobotsRules::parse("User-agent: *\nDisallow: /" + pattern + "x$\n", "convoca");
  EXPECT_TRUE(allowed(rules, "/" + std::string(5000, 'a')));
}

} // namespace
} // namespace convoca::http::detail
