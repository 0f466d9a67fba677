#include "convoca/index/sdg_model.h"
#include "convoca/index/sdg_queries.h"

#include <gtest/gtest.h>

namespace {

using convoca::index::SdgFeatureBag;
using convoca::index::SdgQueryMatcher;

SdgFeatureBag featuresOf(const std::string& text) {
  SdgFeatureBag bag;
  convoca::index::addSdgFeatures(text, "en", bag);
  return bag;
}

int countOf(const SdgFeatureBag& bag, const std::string& name) {
  const auto found = bag.find(name);
  return found == bag.end() ? 0 : found->second.count;
}

} // namespace

TEST(SdgQueryMatcher, CountsThePatternsOfEachGoalThatHit) {
  SdgQueryMatcher matcher;
  matcher.add({7, {"renew energi"}});
  matcher.add({7, {"solar"}});
  matcher.add({13, {"climat chang"}});
  SdgFeatureBag bag = featuresOf("Solar panels and other renewable energy for rural schools");
  matcher.addHits(bag);
  EXPECT_EQ(countOf(bag, "q:7"), 2);
  EXPECT_EQ(countOf(bag, "q:13"), 0);
}

TEST(SdgQueryMatcher, NeedsEveryFeatureOfAPattern) {
  SdgQueryMatcher matcher;
  matcher.add({1, {"basic need", "poverti"}});
  SdgFeatureBag without = featuresOf("The basic needs of the project team");
  matcher.addHits(without);
  EXPECT_EQ(countOf(without, "q:1"), 0);
  SdgFeatureBag with = featuresOf("Basic needs of households living in poverty");
  matcher.addHits(with);
  EXPECT_EQ(countOf(with, "q:1"), 1);
}

TEST(SdgQueryMatcher, KeepsOneCopyOfARepeatedPattern) {
  SdgQueryMatcher matcher;
  matcher.add({6, {"water", "sanit"}});
  matcher.add({6, {"sanit", "water"}});
  matcher.add({6, {}});
  matcher.add({18, {"water"}});
  EXPECT_EQ(matcher.size(), 1u);
}

TEST(SdgModel, ReadsAndWritesItsQueryPatterns) {
  const std::string text = "convoca-sdg-model\t1\n"
                           "description\tq\n"
                           "rule\tfloor\t0\n"
                           "rule\tmin_probability\t0.5\n"
                           "rule\trelative_to_best\t1\n"
                           "rule\tmax_rank\t1\n"
                           "tag_rule\tfloor\t0\n"
                           "tag_rule\tmin_probability\t0.5\n"
                           "tag_rule\trelative_to_best\t1\n"
                           "tag_rule\tmax_rank\t1\n"
                           "query\t6\tclean water\n"
                           "query\t1\tbasic need\tpoverti\n"
                           "bias\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"
                           "features\t1\n"
                           "q:6\t1\t6:5\n";
  const auto model = convoca::index::parseSdgModel(text, "q");
  EXPECT_EQ(model.queries.size(), 2u);
  EXPECT_EQ(convoca::index::formatSdgModel(model), text);
  SdgFeatureBag bag = featuresOf("Access to clean water");
  model.queries.addHits(bag);
  EXPECT_GT(model.probabilities(bag)[5], 0.5);
}
