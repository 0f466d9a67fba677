// The SDG model: a multinomial logistic regression over tf-idf weighted
// SdgFeatureBag features, and the rule that turns its probabilities into the
// yes/no "does this text belong to goal g". Text format (sdg-model.tsv), one
// record per line, fields separated by tabs:
//   convoca-sdg-model  1                       first line: magic and version
//   description        free text               provenance (trainer command, data)
//   link               softmax | sigmoid       optional, softmax when absent
//   rule               NAME  VALUE             floor, min_probability, relative_to_best, max_rank
//   tag_rule           NAME  VALUE             the same for tag(); the rule's values when absent
//   query              GOAL  FEATURE ...       optional, repeated: a query-system pattern (sdg_queries.h)
//   bias               B1 ... B17              17 intercepts
//   features           N                       then exactly N feature lines:
//   NAME  IDF  G:W G:W ...                     goal (1..17) : weight; absent goals weigh 0
// Softmax weights are stored centred per feature (subtracting a constant from all
// 17 weights of a feature does not change the probabilities), so most are near
// zero and left out.
#pragma once

#include "convoca/index/sdg_features.h"
#include "convoca/index/sdg_queries.h"

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace convoca::index {

inline constexpr int kSdgModelGoals = 17;
using SdgVector = std::array<double, kSdgModelGoals>;

// belongs(g) ⇔ the best goal's p reaches `floor`, and either p(g) ≥ minProbability
// or g ranks within maxRank with p(g) ≥ relativeToBest × the best goal's p. The
// floor keeps a text about none of the goals (p spread evenly, the best near 1/17)
// from belonging to whichever goal happens to come first.
struct SdgDecisionRule {
  double floor = 0;
  double minProbability = 0.5;
  double relativeToBest = 1.0;
  int maxRank = 1;
};
bool sdgRuleAccepts(const SdgDecisionRule& rule, const SdgVector& probabilities, int goal);

// One feature's share in a goal's logit, for explanations.
struct SdgContribution {
  std::string surface;
  double value = 0;
};

// How the 17 logits become probabilities: one softmax over the goals (they sum to
// 1), or a sigmoid per goal (one-vs-rest; each in 0..1 on its own).
enum class SdgLink { Softmax, Sigmoid };

class SdgModel {
public:
  struct Weight {
    uint8_t goal = 0; // 0-based
    float value = 0;
  };

  std::string description;
  SdgDecisionRule rule;    // belongs(): is this the text's main goal (the benchmark's question)
  SdgDecisionRule tagRule; // tag(): every goal the text is about (several for a broad text)
  SdgLink link = SdgLink::Softmax;
  SdgVector bias{};
  // The patterns whose per-goal hits are the features "q:<goal>"; callers add
  // them to a text's bag (queries.addHits) before asking for probabilities.
  SdgQueryMatcher queries;

  // Adds a feature; `weights` may omit goals (weight 0). Replaces nothing: names are unique.
  void addFeature(const std::string& name, float idf, std::vector<Weight> weights);
  size_t featureCount() const { return idf_.size(); }

  // The link (softmax or sigmoid) of bias + w·x, x the L2-normalised
  // (1 + ln tf) × idf vector of the known features; all zeros when the bag has no
  // known feature.
  SdgVector probabilities(const SdgFeatureBag& bag) const;
  // The strongest positive contributions to `goal`'s logit (0-based), best first.
  std::vector<SdgContribution> contributions(const SdgFeatureBag& bag, int goal, size_t limit) const;

  // Every feature with its idf and weights, in insertion order (for writing).
  template <typename Visit> void forEachFeature(Visit visit) const {
    for (size_t i = 0; i < names_.size(); ++i)
      visit(names_[i], idf_[i], &weights_[offsets_[i]], offsets_[i + 1] - offsets_[i]);
  }

private:
  struct Scaled {
    uint32_t feature;
    double x;
  };
  std::vector<Scaled> scaledFeatures(const SdgFeatureBag& bag) const;

  std::unordered_map<std::string, uint32_t> index_;
  std::vector<std::string> names_;
  std::vector<float> idf_;
  std::vector<uint32_t> offsets_{0};
  std::vector<Weight> weights_;
};

// Parses the text format above; throws std::runtime_error("ORIGIN:LINE: reason").
SdgModel parseSdgModel(const std::string& text, const std::string& origin);
// Writes the text format above (deterministic: features in insertion order).
std::string formatSdgModel(const SdgModel& model);

} // namespace convoca::index
