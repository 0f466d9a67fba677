// Matching query-system patterns against a text's features (see sdg_queries.h).
#include "convoca/index/sdg_queries.h"

#include "convoca/index/sdg_model.h"

#include <algorithm>
#include <array>

namespace convoca::index {

std::string sdgQueryFeature(int goal) {
  return "q:" + std::to_string(goal);
}

void SdgQueryMatcher::add(SdgQueryPattern pattern) {
  if (pattern.required.empty() || pattern.goal < 1 || pattern.goal > kSdgModelGoals) return;
  std::sort(pattern.required.begin(), pattern.required.end());
  pattern.required.erase(std::unique(pattern.required.begin(), pattern.required.end()),
                         pattern.required.end());
  std::string key = std::to_string(pattern.goal);
  for (const std::string& feature : pattern.required) key += "\t" + feature;
  if (!seen_.insert(key).second) return;
  byFirstFeature_[pattern.required.front()].push_back(static_cast<uint32_t>(patterns_.size()));
  patterns_.push_back(std::move(pattern));
}

void SdgQueryMatcher::addHits(SdgFeatureBag& bag) const {
  std::array<int, kSdgModelGoals> hits{};
  for (const auto& [name, occurrence] : bag) {
    const auto starting = byFirstFeature_.find(name);
    if (starting == byFirstFeature_.end()) continue;
    for (uint32_t p : starting->second) {
      const SdgQueryPattern& pattern = patterns_[p];
      const bool all = std::all_of(pattern.required.begin() + 1, pattern.required.end(),
                                   [&](const std::string& feature) { return bag.count(feature) > 0; });
      if (all) ++hits[static_cast<size_t>(pattern.goal - 1)];
    }
  }
  for (int g = 0; g < kSdgModelGoals; ++g)
    if (hits[static_cast<size_t>(g)] > 0) bag[sdgQueryFeature(g + 1)].count += hits[static_cast<size_t>(g)];
}

} // namespace convoca::index
