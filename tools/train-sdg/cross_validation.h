// Choosing hyper-parameters without the benchmark: k-fold cross-validation on
// oro_gold_dataset.tsv, turned into benchmark-like (text, goal, yes/no) pairs.
#pragma once

#include "convoca/index/sdg_benchmark.h"
#include "convoca/index/sdg_model.h"
#include "corpus.h"
#include "logistic.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace convoca::train_sdg {

// Which labels of a held-out document become positive pairs: all of them, or only
// the label of a document that has exactly one (then it is surely its main goal,
// the question the benchmark asks).
enum class Positives { EveryLabel, SingleLabelOnly };

// Pairs from the held-out documents of `source` (oro, aurora-survey, sdg-texts:en).
// Positives: labelled goals (see Positives). Negatives: as many goals as the
// document has labels, among those it does not have, chosen by how many
// term-list terms of that goal occur in it (the benchmark's negatives are texts
// a keyword matcher proposed for a goal and annotators rejected). Row ids are
// held-out indices.
std::vector<index::SdgBenchmarkRow> buildPairs(const Corpus& corpus, const std::string& source,
                                               Positives positives);

struct CrossValidation {
  std::vector<index::SdgVector> probabilities; // out of fold, by heldOutIndex
  // Per source: the share of held-out papers whose best goal is one of their labels.
  std::map<std::string, double> topOneAccuracy;
};

// Trains `folds` models, each without one fold of the held-out papers (folds drawn with `seed`).
CrossValidation crossValidate(const Corpus& corpus, const TrainOptions& options, int folds, uint32_t seed);

struct RuleChoice {
  index::SdgDecisionRule rule;
  double score = 0; // the mean over the pair sets of their mean per-goal accuracy
};

// The decision rule with the best score over `pairSets` (grid search), each set
// counting the same however many pairs it has; floors below `minimumFloor` are
// not tried.
RuleChoice chooseRule(const std::vector<std::vector<index::SdgBenchmarkRow>>& pairSets,
                      const std::vector<index::SdgVector>& probabilities, double minimumFloor);

// The accuracy of a fixed rule on the pairs.
index::SdgBenchmarkResult evaluateRule(const std::vector<index::SdgBenchmarkRow>& pairs,
                                       const std::vector<index::SdgVector>& probabilities,
                                       const index::SdgDecisionRule& rule);

} // namespace convoca::train_sdg
