// Query-system evidence for the SDG model: the terms and phrases of the published
// SDG query systems (text2sdg's SDGO, SIRIS, SDSN, Aurora, Elsevier, Auckland and
// the OSDG ontology), each reduced to the features that must all occur in a text
// for it to hit. Hits are counted per goal and enter the model as the features
// "q:1" ... "q:17", so the regression learns how much a hit is worth.
#pragma once

#include "convoca/index/sdg_features.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace convoca::index {

// goal 1..17; `required`: stems or pairs of adjacent stems ("renew energi"), all
// of which must be in the text.
struct SdgQueryPattern {
  int goal = 0;
  std::vector<std::string> required;
};

// The feature name of goal g's hit count ("q:7").
std::string sdgQueryFeature(int goal);

class SdgQueryMatcher {
public:
  // Ignores a pattern with no feature or a goal outside 1..17, and a repeat of one already added.
  void add(SdgQueryPattern pattern);
  size_t size() const { return patterns_.size(); }
  const std::vector<SdgQueryPattern>& patterns() const { return patterns_; }

  // Adds "q:<goal>" to `bag`, counting the distinct patterns of that goal that
  // hit; goals without a hit get nothing. Looks only at the bag's own features.
  void addHits(SdgFeatureBag& bag) const;

private:
  std::vector<SdgQueryPattern> patterns_;
  // First required feature → the patterns that start with it (each text's
  // features are walked once, not every pattern).
  std::unordered_map<std::string, std::vector<uint32_t>> byFirstFeature_;
  std::unordered_set<std::string> seen_; // goal + features, for dropping repeats
};

} // namespace convoca::index
