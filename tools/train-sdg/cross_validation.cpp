#include "cross_validation.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace convoca::train_sdg {
namespace {

std::array<int, index::kSdgModelGoals> termHits(const Corpus& corpus, const TrainingDoc& doc) {
  std::array<int, index::kSdgModelGoals> hits{};
  for (const TermPattern& pattern : corpus.patterns) {
    const bool all = std::all_of(pattern.required.begin(), pattern.required.end(),
                                 [&](const std::string& name) { return doc.features.count(name) > 0; });
    if (all) ++hits[static_cast<size_t>(pattern.goal - 1)];
  }
  return hits;
}

// Fisher-Yates with mt19937 written out, so the folds do not depend on the
// standard library's shuffle.
std::vector<int> foldOf(size_t count, int folds, uint32_t seed) {
  std::vector<int> order(count);
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 random(seed);
  for (size_t i = count; i-- > 1;) std::swap(order[i], order[random() % (i + 1)]);
  std::vector<int> fold(count);
  for (size_t position = 0; position < count; ++position)
    fold[static_cast<size_t>(order[position])] = static_cast<int>(position % static_cast<size_t>(folds));
  return fold;
}

} // namespace

std::vector<index::SdgBenchmarkRow> buildPairs(const Corpus& corpus, const std::string& source,
                                               Positives positives) {
  std::vector<index::SdgBenchmarkRow> pairs;
  for (const TrainingDoc& doc : corpus.docs) {
    if (doc.heldOutIndex < 0 || doc.source != source) continue;
    const std::string id = std::to_string(doc.heldOutIndex);
    if (positives == Positives::EveryLabel || doc.goals.size() == 1)
      for (int goal : doc.goals) pairs.push_back({id, "", goal, true});
    const auto hits = termHits(corpus, doc);
    std::vector<int> others;
    for (int goal = 1; goal <= index::kSdgModelGoals; ++goal)
      if (hits[goal - 1] > 0 && std::find(doc.goals.begin(), doc.goals.end(), goal) == doc.goals.end())
        others.push_back(goal);
    std::stable_sort(others.begin(), others.end(), [&](int a, int b) { return hits[a - 1] > hits[b - 1]; });
    for (size_t k = 0; k < others.size() && k < doc.goals.size(); ++k)
      pairs.push_back({id, "", others[k], false});
  }
  return pairs;
}

CrossValidation crossValidate(const Corpus& corpus, const TrainOptions& options, int folds, uint32_t seed) {
  CrossValidation result;
  result.probabilities.resize(corpus.heldOutCount);
  const std::vector<int> fold = foldOf(corpus.groupCount, folds, seed);
  auto inFold = [&](const TrainingDoc& doc, int held) {
    return doc.cvGroup >= 0 && fold[static_cast<size_t>(doc.cvGroup)] == held;
  };
  for (int held = 0; held < folds; ++held) {
    std::vector<const TrainingDoc*> training;
    for (const TrainingDoc& doc : corpus.docs)
      if (!inFold(doc, held)) training.push_back(&doc);
    const index::SdgModel model = trainSdgModel(training, options);
    for (const TrainingDoc& doc : corpus.docs)
      if (doc.heldOutIndex >= 0 && inFold(doc, held))
        result.probabilities[static_cast<size_t>(doc.heldOutIndex)] = model.probabilities(doc.features);
  }
  std::map<std::string, std::pair<int, int>> correctOfTotal;
  for (const TrainingDoc& doc : corpus.docs) {
    if (doc.heldOutIndex < 0) continue;
    const auto& p = result.probabilities[static_cast<size_t>(doc.heldOutIndex)];
    const int best = static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin()) + 1;
    auto& [correct, total] = correctOfTotal[doc.source];
    ++total;
    if (std::find(doc.goals.begin(), doc.goals.end(), best) != doc.goals.end()) ++correct;
  }
  for (const auto& [source, counts] : correctOfTotal)
    result.topOneAccuracy[source] = 100.0 * counts.first / counts.second;
  return result;
}

index::SdgBenchmarkResult evaluateRule(const std::vector<index::SdgBenchmarkRow>& pairs,
                                       const std::vector<index::SdgVector>& probabilities,
                                       const index::SdgDecisionRule& rule) {
  return index::evaluateSdgBenchmark(
      pairs,
      [&](const index::SdgBenchmarkRow& row) {
        return index::sdgRuleAccepts(rule, probabilities[std::stoul(row.id)], row.goal - 1);
      },
      "convoca (cross-validation)");
}

RuleChoice chooseRule(const std::vector<std::vector<index::SdgBenchmarkRow>>& pairSets,
                      const std::vector<index::SdgVector>& probabilities, double minimumFloor) {
  // Among the rules within kTie points of the best, the highest floor wins, then
  // the best score: abstaining on weak evidence costs next to nothing on these
  // pairs (every paper is about some goal) and keeps texts about no goal untagged.
  constexpr double kTie = 0.2;
  std::vector<RuleChoice> candidates;
  double bestScore = -1;
  for (int floor = static_cast<int>(std::lround(minimumFloor * 100)); floor <= 30; floor += 5)
    for (int maxRank = 1; maxRank <= 3; ++maxRank)
      for (int relative = 100; relative >= 5; relative -= 5)
        for (int minimum = 95; minimum >= 10; minimum -= 5) {
          const index::SdgDecisionRule rule{floor / 100.0, minimum / 100.0, relative / 100.0, maxRank};
          double score = 0;
          for (const auto& pairs : pairSets)
            score += evaluateRule(pairs, probabilities, rule).accuracies.average;
          candidates.push_back({rule, score / static_cast<double>(pairSets.size())});
          bestScore = std::max(bestScore, candidates.back().score);
        }
  const RuleChoice* chosen = nullptr;
  for (const RuleChoice& candidate : candidates) {
    if (candidate.score < bestScore - kTie) continue;
    if (!chosen || candidate.rule.floor > chosen->rule.floor ||
        (candidate.rule.floor == chosen->rule.floor && candidate.score > chosen->score + 1e-9))
      chosen = &candidate;
  }
  return *chosen;
}

} // namespace convoca::train_sdg
