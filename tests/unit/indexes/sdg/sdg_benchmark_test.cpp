#include "convoca/index/sdg_benchmark.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>
#include <gtest/gtest.h>
#include <iostream>

namespace {

using convoca::index::SdgBenchmarkRow;

const std::string kBenchmarkDir = "../shared/vocab-real/sdg-classification-benchmark";

} // namespace

TEST(SdgBenchmark, AverageIsTheMeanOfThePerGoalAccuracies) {
  // Every row but b is said to belong. Goal 1: 1 of 4 right; goal 2: 0 of 1; the
  // other 15 goals have no rows (0 %).
  const std::vector<SdgBenchmarkRow> rows{
      {"a", "", 1, true}, {"b", "", 1, true}, {"c", "", 1, false}, {"d", "", 1, false}, {"e", "", 2, false}};
  const auto result = convoca::index::evaluateSdgBenchmark(
      rows, [](const SdgBenchmarkRow& row) { return row.id != "b"; }, "test");
  EXPECT_DOUBLE_EQ(result.accuracies.perGoal[0], 25.0);
  EXPECT_DOUBLE_EQ(result.accuracies.perGoal[1], 0.0);
  EXPECT_EQ(result.confusion[0].truePositives, 1);
  EXPECT_EQ(result.confusion[0].falseNegatives, 1);
  EXPECT_EQ(result.confusion[0].falsePositives, 2);
  EXPECT_DOUBLE_EQ(result.accuracies.average, 25.0 / 17);
}

TEST(SdgBenchmark, ReadsRowsWithQuotedMultiLineTextAndRefusesBadLabels) {
  Poco::TemporaryFile file;
  {
    Poco::FileOutputStream out(file.path());
    out << "id,text,sdg,label\nx1,\"Clean water,\nfor all\",6,True\nx2,Solar,7,False\n";
  }
  const auto rows = convoca::index::readSdgBenchmark(file.path());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].text, "Clean water,\nfor all");
  EXPECT_EQ(rows[0].goal, 6);
  EXPECT_TRUE(rows[0].label);
  EXPECT_FALSE(rows[1].label);
  {
    Poco::FileOutputStream out(file.path());
    out << "id,text,sdg,label\nx1,t,6,Maybe\n";
  }
  EXPECT_THROW(convoca::index::readSdgBenchmark(file.path()), std::runtime_error);
}

TEST(SdgBenchmark, FormatsTablesLikeTheBenchmarkAccuraciesCsv) {
  convoca::index::SdgAccuracies ours;
  ours.system = "convoca";
  ours.ours = true;
  ours.average = 83.04;
  ours.perGoal.fill(90.0);
  const std::string csv = convoca::index::formatAccuraciesCsv(ours);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "Average,SDG 1,SDG 2,SDG 3,SDG 4,SDG 5,SDG 6,SDG 7,SDG 8,SDG 9,SDG 10,"
            "SDG 11,SDG 12,SDG 13,SDG 14,SDG 15,SDG 16,SDG 17");
  EXPECT_EQ(csv.substr(csv.find('\n') + 1, 10), "83.0,90.0,");
  EXPECT_NE(convoca::index::formatAccuracyTable({ours}).find("\nconvoca *,83.0,"), std::string::npos);
}

TEST(SdgBenchmark, ReadsThePublishedSystems) {
  if (!Poco::File(kBenchmarkDir).exists())
    GTEST_SKIP() << kBenchmarkDir << " absent: published systems not checked";
  const auto systems = convoca::index::readPublishedAccuracies(kBenchmarkDir + "/evaluations");
  const auto text2sdg =
      std::find_if(systems.begin(), systems.end(), [](const auto& s) { return s.system == "text2sdg"; });
  ASSERT_NE(text2sdg, systems.end());
  EXPECT_DOUBLE_EQ(text2sdg->average, 83.0);
  EXPECT_DOUBLE_EQ(text2sdg->perGoal[0], 90.9);
}

// The model never saw these rows; indexes/EVALUATION-SDG.md says how often the
// benchmark was looked at while building it. The shipped model (with query-system
// hits as features) scores 83.3: the test after the guard holds issue 4's bar
// (text2sdg's 83.0); the guard is the floor the model before it kept (82.0).
namespace {

double builtinBenchmarkAverage() {
  const std::string csv = kBenchmarkDir + "/benchmark.csv";
  const auto rows = convoca::index::readSdgBenchmark(csv);
  EXPECT_EQ(rows.size(), 1251u);
  const auto result =
      convoca::index::evaluateSdgBenchmark(rows, convoca::index::SdgTagger::builtin(), "convoca");
  std::cout << convoca::index::formatAccuraciesCsv(result.accuracies);
  return result.accuracies.average;
}

} // namespace

TEST(SdgBenchmark, BuiltinModelKeepsItsBenchmarkAverage) {
  if (!Poco::File(kBenchmarkDir + "/benchmark.csv").exists())
    GTEST_SKIP() << kBenchmarkDir << "/benchmark.csv absent: benchmark not run";
  EXPECT_GE(builtinBenchmarkAverage(), 81.5);
}

TEST(SdgBenchmark, BuiltinModelReachesTheText2SdgAverage) {
  if (!Poco::File(kBenchmarkDir + "/benchmark.csv").exists())
    GTEST_SKIP() << kBenchmarkDir << "/benchmark.csv absent: benchmark not run";
  EXPECT_GE(builtinBenchmarkAverage(), 83.0);
}
