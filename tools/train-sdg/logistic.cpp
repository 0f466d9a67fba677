#include "logistic.h"

#include "lbfgs.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace convoca::train_sdg {
namespace {

constexpr int kGoals = index::kSdgModelGoals;

struct Entry {
  uint32_t feature;
  double x;
};

// The documents as L2-normalised tf-idf rows, with soft targets and weights.
struct Design {
  std::vector<std::string> names;
  std::vector<double> idf;
  std::vector<uint32_t> rowStart{0};
  std::vector<Entry> entries;
  std::vector<std::array<double, kGoals>> targets;
  std::vector<double> weights;
};

void chooseVocabulary(const std::vector<const TrainingDoc*>& docs, const TrainOptions& options,
                      Design& design, std::map<std::string, uint32_t>& index) {
  std::map<std::string, int> documentFrequency;
  for (const TrainingDoc* doc : docs)
    for (const auto& [name, occurrence] : doc->features) ++documentFrequency[name];
  const double n = static_cast<double>(docs.size());
  for (const auto& [name, df] : documentFrequency) {
    if (df < options.minDf) continue;
    index.emplace(name, static_cast<uint32_t>(design.names.size()));
    design.names.push_back(name);
    const double scale = name.rfind("q:", 0) == 0 ? options.queryScale : 1.0;
    design.idf.push_back(scale * (std::log((n + 1) / (df + 1)) + 1));
  }
}

void addRows(const std::vector<const TrainingDoc*>& docs, const TrainOptions& options, Design& design,
             const std::map<std::string, uint32_t>& index) {
  for (const TrainingDoc* doc : docs) {
    std::vector<Entry> row;
    double squaredNorm = 0;
    for (const auto& [name, occurrence] : doc->features) {
      const auto found = index.find(name);
      if (found == index.end()) continue;
      const double x = (1 + std::log(static_cast<double>(occurrence.count))) * design.idf[found->second];
      row.push_back({found->second, x});
      squaredNorm += x * x;
    }
    if (row.empty() || doc->goals.empty()) continue;
    std::sort(row.begin(), row.end(), [](const Entry& a, const Entry& b) { return a.feature < b.feature; });
    for (Entry& entry : row) entry.x /= std::sqrt(squaredNorm);
    design.entries.insert(design.entries.end(), row.begin(), row.end());
    design.rowStart.push_back(static_cast<uint32_t>(design.entries.size()));
    std::array<double, kGoals> target{};
    for (int goal : doc->goals) target[static_cast<size_t>(goal - 1)] += 1.0 / doc->goals.size();
    design.targets.push_back(target);
    design.weights.push_back(sourceWeight(options, doc->source));
  }
}

// Rescales the weights so that each goal carries the same total, then so that they average 1.
void balanceGoals(Design& design) {
  std::array<double, kGoals> mass{};
  for (size_t i = 0; i < design.weights.size(); ++i)
    for (int g = 0; g < kGoals; ++g) mass[g] += design.weights[i] * design.targets[i][g];
  double total = 0;
  for (double m : mass) total += m;
  for (size_t i = 0; i < design.weights.size(); ++i) {
    double factor = 0;
    for (int g = 0; g < kGoals; ++g)
      if (mass[g] > 0) factor += design.targets[i][g] * (total / kGoals) / mass[g];
    design.weights[i] *= factor;
  }
}

void normaliseWeights(Design& design) {
  double sum = 0;
  for (double w : design.weights) sum += w;
  for (double& w : design.weights) w *= design.weights.size() / sum;
}

// Mean weighted cross-entropy plus the L2 penalty, and its gradient.
// Parameters: feature-major weights (feature × 17), then the 17 intercepts.
double objective(const Design& design, double l2, bool oneVsRest, const std::vector<double>& theta,
                 std::vector<double>& gradient) {
  const size_t featureCount = design.names.size();
  const double* bias = theta.data() + featureCount * kGoals;
  std::fill(gradient.begin(), gradient.end(), 0.0);
  double loss = 0;
  const double scale = 1.0 / static_cast<double>(design.weights.size());
  std::array<double, kGoals> z;
  for (size_t i = 0; i < design.weights.size(); ++i) {
    std::copy(bias, bias + kGoals, z.begin());
    for (uint32_t e = design.rowStart[i]; e < design.rowStart[i + 1]; ++e) {
      const double* w = theta.data() + static_cast<size_t>(design.entries[e].feature) * kGoals;
      for (int g = 0; g < kGoals; ++g) z[g] += design.entries[e].x * w[g];
    }
    const double weight = design.weights[i] * scale;
    std::array<double, kGoals> delta;
    if (oneVsRest) {
      for (int g = 0; g < kGoals; ++g) {
        const double y = design.targets[i][g] > 0 ? 1.0 : 0.0;
        // log(1 + e^z) computed without overflow
        const double softplus = z[g] > 0 ? z[g] + std::log1p(std::exp(-z[g])) : std::log1p(std::exp(z[g]));
        loss += weight * (softplus - y * z[g]);
        delta[g] = weight * (1.0 / (1.0 + std::exp(-z[g])) - y);
      }
    } else {
      const double top = *std::max_element(z.begin(), z.end());
      double sum = 0;
      for (double& v : z) sum += (v = std::exp(v - top));
      for (int g = 0; g < kGoals; ++g) {
        const double p = z[g] / sum;
        if (design.targets[i][g] > 0) loss -= weight * design.targets[i][g] * std::log(std::max(p, 1e-300));
        delta[g] = weight * (p - design.targets[i][g]);
      }
    }
    for (uint32_t e = design.rowStart[i]; e < design.rowStart[i + 1]; ++e) {
      double* grad = gradient.data() + static_cast<size_t>(design.entries[e].feature) * kGoals;
      for (int g = 0; g < kGoals; ++g) grad[g] += design.entries[e].x * delta[g];
    }
    for (int g = 0; g < kGoals; ++g) gradient[featureCount * kGoals + g] += delta[g];
  }
  for (size_t k = 0; k < featureCount * kGoals; ++k) {
    loss += 0.5 * l2 * theta[k] * theta[k];
    gradient[k] += l2 * theta[k];
  }
  return loss;
}

// log p(feature | goal) of multinomial naive Bayes with tf-idf weighted counts
// (Rennie et al. 2003), added to the regression weights: a second, keyword-like
// opinion that generalises differently from the discriminative fit.
void addNaiveBayes(const Design& design, double factor, double alpha, std::vector<double>& theta) {
  const size_t featureCount = design.names.size();
  std::vector<double> counts(featureCount * kGoals, 0.0);
  std::array<double, kGoals> totals{};
  for (size_t i = 0; i < design.weights.size(); ++i)
    for (uint32_t e = design.rowStart[i]; e < design.rowStart[i + 1]; ++e)
      for (int g = 0; g < kGoals; ++g) {
        const double mass = design.weights[i] * design.targets[i][g] * design.entries[e].x;
        counts[static_cast<size_t>(design.entries[e].feature) * kGoals + g] += mass;
        totals[g] += mass;
      }
  for (size_t f = 0; f < featureCount; ++f)
    for (int g = 0; g < kGoals; ++g)
      theta[f * kGoals + g] += factor * std::log((counts[f * kGoals + g] + alpha) /
                                                 (totals[g] + alpha * static_cast<double>(featureCount)));
}

// Softmax does not change when a feature's 17 weights move together: centring
// them on their median leaves most near zero, and those are not stored.
index::SdgModel toModel(const Design& design, const std::vector<double>& theta, double pruneBelow,
                        bool oneVsRest) {
  index::SdgModel model;
  model.link = oneVsRest ? index::SdgLink::Sigmoid : index::SdgLink::Softmax;
  const size_t featureCount = design.names.size();
  double meanBias = 0;
  if (!oneVsRest)
    for (int g = 0; g < kGoals; ++g) meanBias += theta[featureCount * kGoals + g] / kGoals;
  for (int g = 0; g < kGoals; ++g) model.bias[g] = theta[featureCount * kGoals + g] - meanBias;
  for (size_t f = 0; f < featureCount; ++f) {
    std::array<double, kGoals> w;
    std::copy(theta.begin() + f * kGoals, theta.begin() + (f + 1) * kGoals, w.begin());
    std::array<double, kGoals> sorted = w;
    std::nth_element(sorted.begin(), sorted.begin() + kGoals / 2, sorted.end());
    // A sigmoid per goal has no such freedom: its weights are stored as they are.
    const double median = oneVsRest ? 0.0 : sorted[kGoals / 2];
    std::vector<index::SdgModel::Weight> kept;
    for (int g = 0; g < kGoals; ++g)
      if (std::fabs(w[g] - median) >= pruneBelow)
        kept.push_back({static_cast<uint8_t>(g), static_cast<float>(w[g] - median)});
    if (!kept.empty()) model.addFeature(design.names[f], static_cast<float>(design.idf[f]), std::move(kept));
  }
  return model;
}

} // namespace

double sourceWeight(const TrainOptions& options, const std::string& source) {
  auto found = options.sourceWeights.find(source);
  if (found == options.sourceWeights.end())
    found = options.sourceWeights.find(source.substr(0, source.find(':')));
  return found == options.sourceWeights.end() ? 1.0 : found->second;
}

index::SdgModel trainSdgModel(const std::vector<const TrainingDoc*>& docs, const TrainOptions& options) {
  Design design;
  std::map<std::string, uint32_t> index;
  chooseVocabulary(docs, options, design, index);
  addRows(docs, options, design, index);
  if (options.balanceGoals) balanceGoals(design);
  normaliseWeights(design);
  std::vector<double> theta(design.names.size() * kGoals + kGoals, 0.0);
  minimiseLbfgs(theta, options.iterations,
                [&](const std::vector<double>& point, std::vector<double>& gradient) {
                  return objective(design, options.l2, options.oneVsRest, point, gradient);
                });
  if (options.nbWeight > 0) addNaiveBayes(design, options.nbWeight, options.nbAlpha, theta);
  return toModel(design, theta, options.pruneBelow, options.oneVsRest);
}

} // namespace convoca::train_sdg
