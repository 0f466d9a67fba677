#include "convoca/index/sdg_model.h"
#include "convoca/index/sdg_tagger.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/TemporaryFile.h>
#include <gtest/gtest.h>
#include <stdexcept>

namespace {

using convoca::index::SdgModel;

const std::string kTinyModel = "convoca-sdg-model\t1\n"
                               "description\ttiny\n"
                               "rule\tfloor\t0.1\n"
                               "rule\tmin_probability\t0.5\n"
                               "rule\trelative_to_best\t0.8\n"
                               "rule\tmax_rank\t2\n"
                               "tag_rule\tfloor\t0.1\n"
                               "tag_rule\tmin_probability\t0.2\n"
                               "tag_rule\trelative_to_best\t0.5\n"
                               "tag_rule\tmax_rank\t3\n"
                               "bias\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"
                               "features\t2\n"
                               "energi\t1.5\t7:4 13:1\n"
                               "renew energi\t2\t7:3\n";

std::string errorOf(const std::string& text) {
  try {
    convoca::index::parseSdgModel(text, "model.tsv");
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "";
}

} // namespace

TEST(SdgModel, ReadsWhatItWrites) {
  const SdgModel model = convoca::index::parseSdgModel(kTinyModel, "tiny");
  EXPECT_EQ(model.featureCount(), 2u);
  EXPECT_EQ(model.rule.maxRank, 2);
  EXPECT_DOUBLE_EQ(model.rule.floor, 0.1);
  EXPECT_EQ(model.tagRule.maxRank, 3);
  EXPECT_DOUBLE_EQ(model.rule.relativeToBest, 0.8);
  EXPECT_EQ(convoca::index::formatSdgModel(model), kTinyModel);
}

TEST(SdgModel, ProbabilitiesFavourTheWeightedGoalAndSumToOne) {
  const SdgModel model = convoca::index::parseSdgModel(kTinyModel, "tiny");
  convoca::index::SdgFeatureBag bag;
  convoca::index::addSdgFeatures("Renewable energy for all", "en", bag);
  const auto p = model.probabilities(bag);
  double sum = 0;
  for (double v : p) sum += v;
  EXPECT_NEAR(sum, 1.0, 1e-9);
  EXPECT_GT(p[6], 0.5);
  EXPECT_GT(p[12], p[0]);
}

TEST(SdgModel, RefusesMalformedModelsNamingFileLineAndReason) {
  EXPECT_NE(errorOf("").find("model.tsv:0: not an SDG model: empty file"), std::string::npos);
  EXPECT_NE(errorOf("hello\n").find("model.tsv:1: not an SDG model: first line"), std::string::npos);
  EXPECT_NE(errorOf("convoca-sdg-model\t9\n").find("unsupported version 9"), std::string::npos);
  std::string badGoal = kTinyModel;
  badGoal.replace(badGoal.find("7:3"), 3, "18:3");
  EXPECT_NE(errorOf(badGoal).find("model.tsv:14: not an SDG model: goal out of 1..17"), std::string::npos)
      << errorOf(badGoal);
  std::string badWeight = kTinyModel;
  badWeight.replace(badWeight.find("7:3"), 3, "7:x");
  EXPECT_NE(errorOf(badWeight).find("bad weight 'x'"), std::string::npos) << errorOf(badWeight);
  EXPECT_NE(errorOf(kTinyModel.substr(0, kTinyModel.size() - 20)).find("expected 2 features"),
            std::string::npos);
  EXPECT_NE(errorOf(kTinyModel + "extra\t1\t1:1\n").find("after the last feature"), std::string::npos);
}

TEST(SdgModel, LoadingAMalformedFileFailsWithItsPath) {
  Poco::TemporaryFile file;
  {
    Poco::FileOutputStream out(file.path());
    out << "convoca-sdg-model\t1\nbias\t1\t2\n";
  }
  try {
    convoca::index::SdgTagger::load(file.path());
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(file.path() + ":2: not an SDG model"), std::string::npos)
        << error.what();
  }
  EXPECT_THROW(convoca::index::SdgTagger::load(file.path() + ".absent"), std::runtime_error);
}
