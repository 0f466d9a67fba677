// The SDG classification benchmark protocol (SDGClassification/benchmark): rows
// of (text, goal, label) asking "does this text belong to this goal?"; accuracy
// per goal, and the average as the plain mean of the 17 per-goal accuracies (as
// the benchmark's evaluations/*/stats.csv compute it).
#pragma once

#include "convoca/index/sdg_tagger.h"

#include <array>
#include <functional>
#include <string>
#include <vector>

namespace convoca::index {

struct SdgBenchmarkRow {
  std::string id;
  std::string text;
  int goal = 0; // 1..17
  bool label = false;
};

// Reads a benchmark CSV with the columns id, text, sdg, label (True/False), in any
// order. Throws std::runtime_error naming the file and the row that is wrong.
std::vector<SdgBenchmarkRow> readSdgBenchmark(const std::string& csvPath);

struct SdgConfusion {
  int truePositives = 0;
  int falsePositives = 0;
  int trueNegatives = 0;
  int falseNegatives = 0;
  int total() const { return truePositives + falsePositives + trueNegatives + falseNegatives; }
};

// One line of an accuracies table: percentages, one per goal, and their mean.
struct SdgAccuracies {
  std::string system;
  double average = 0;
  std::array<double, kSdgGoalCount> perGoal{};
  bool ours = false;
};

struct SdgBenchmarkResult {
  SdgAccuracies accuracies;
  std::array<SdgConfusion, kSdgGoalCount> confusion{};
  size_t rows = 0;
};

using SdgDecision = std::function<bool(const SdgBenchmarkRow& row)>;

// Runs `decide` on every row. A goal with no rows counts as 0 % (and still
// enters the mean), as a missing goal is a failure of the data, not a success.
SdgBenchmarkResult evaluateSdgBenchmark(const std::vector<SdgBenchmarkRow>& rows, const SdgDecision& decide,
                                        const std::string& system);
// The same with the tagger's belongs() on English text.
SdgBenchmarkResult evaluateSdgBenchmark(const std::vector<SdgBenchmarkRow>& rows, const SdgTagger& tagger,
                                        const std::string& system);

// The published systems' rows: evaluationsDir/<system>/accuracies.csv (header
// "Average,SDG 1,...,SDG 17" and one row). Sorted by folder name; empty when the
// folder does not exist. Throws for a file that is not such a table.
std::vector<SdgAccuracies> readPublishedAccuracies(const std::string& evaluationsDir);

// "System,Average,SDG 1,...,SDG 17" then one line per entry, percentages with one
// decimal; the entry marked `ours` gets a trailing " *" on its name.
std::string formatAccuracyTable(const std::vector<SdgAccuracies>& table);
// The benchmark's own layout for one system: "Average,SDG 1,...,SDG 17" and one row.
std::string formatAccuraciesCsv(const SdgAccuracies& accuracies);

} // namespace convoca::index
