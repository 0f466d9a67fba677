// Inference for the SDG model (see sdg_model.h for the maths and the format).
#include "convoca/index/sdg_model.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace convoca::index {

bool sdgRuleAccepts(const SdgDecisionRule& rule, const SdgVector& probabilities, int goal) {
  const double p = probabilities[static_cast<size_t>(goal)];
  if (p <= 0) return false;
  int rank = 1;
  double best = 0;
  for (double other : probabilities) {
    if (other > p) ++rank;
    best = std::max(best, other);
  }
  if (best < rule.floor) return false;
  if (p >= rule.minProbability) return true;
  return rank <= rule.maxRank && p >= rule.relativeToBest * best;
}

void SdgModel::addFeature(const std::string& name, float idf, std::vector<Weight> weights) {
  if (!index_.emplace(name, static_cast<uint32_t>(names_.size())).second)
    throw std::invalid_argument("SDG model: duplicate feature '" + name + "'");
  names_.push_back(name);
  idf_.push_back(idf);
  std::sort(weights.begin(), weights.end(), [](const Weight& a, const Weight& b) { return a.goal < b.goal; });
  weights_.insert(weights_.end(), weights.begin(), weights.end());
  offsets_.push_back(static_cast<uint32_t>(weights_.size()));
}

std::vector<SdgModel::Scaled> SdgModel::scaledFeatures(const SdgFeatureBag& bag) const {
  std::vector<Scaled> scaled;
  scaled.reserve(bag.size());
  double squaredNorm = 0;
  for (const auto& [name, occurrence] : bag) {
    const auto found = index_.find(name);
    if (found == index_.end()) continue;
    const double x = (1.0 + std::log(static_cast<double>(occurrence.count))) * idf_[found->second];
    scaled.push_back({found->second, x});
    squaredNorm += x * x;
  }
  if (squaredNorm > 0) {
    const double norm = std::sqrt(squaredNorm);
    for (Scaled& s : scaled) s.x /= norm;
  }
  return scaled;
}

SdgVector SdgModel::probabilities(const SdgFeatureBag& bag) const {
  const std::vector<Scaled> scaled = scaledFeatures(bag);
  SdgVector result{};
  if (scaled.empty()) return result;
  SdgVector logits = bias;
  for (const Scaled& s : scaled)
    for (uint32_t w = offsets_[s.feature]; w < offsets_[s.feature + 1]; ++w)
      logits[weights_[w].goal] += s.x * weights_[w].value;
  if (link == SdgLink::Sigmoid) {
    for (size_t g = 0; g < result.size(); ++g) result[g] = 1.0 / (1.0 + std::exp(-logits[g]));
    return result;
  }
  const double top = *std::max_element(logits.begin(), logits.end());
  double sum = 0;
  for (size_t g = 0; g < result.size(); ++g) sum += (result[g] = std::exp(logits[g] - top));
  for (double& p : result) p /= sum;
  return result;
}

std::vector<SdgContribution> SdgModel::contributions(const SdgFeatureBag& bag, int goal, size_t limit) const {
  std::vector<SdgContribution> result;
  for (const Scaled& s : scaledFeatures(bag)) {
    for (uint32_t w = offsets_[s.feature]; w < offsets_[s.feature + 1]; ++w) {
      if (weights_[w].goal != goal || weights_[w].value <= 0) continue;
      const auto occurrence = bag.find(names_[s.feature]);
      result.push_back({occurrence->second.surface, s.x * weights_[w].value});
    }
  }
  std::sort(result.begin(), result.end(), [](const SdgContribution& a, const SdgContribution& b) {
    return a.value != b.value ? a.value > b.value : a.surface < b.surface;
  });
  if (result.size() > limit) result.resize(limit);
  return result;
}

} // namespace convoca::index
