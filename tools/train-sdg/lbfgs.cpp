#include "lbfgs.h"

#include <cmath>
#include <deque>

namespace convoca::train_sdg {
namespace {

constexpr size_t kHistory = 8;

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double sum = 0;
  for (size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
  return sum;
}

struct Correction {
  std::vector<double> s; // step
  std::vector<double> y; // change of gradient
  double rho = 0;
};

// The two-loop recursion: direction = -H·gradient.
std::vector<double> searchDirection(const std::deque<Correction>& history,
                                    const std::vector<double>& gradient) {
  std::vector<double> q = gradient;
  std::vector<double> alpha(history.size());
  for (size_t k = history.size(); k-- > 0;) {
    alpha[k] = history[k].rho * dot(history[k].s, q);
    for (size_t i = 0; i < q.size(); ++i) q[i] -= alpha[k] * history[k].y[i];
  }
  if (!history.empty()) {
    const Correction& last = history.back();
    const double gamma = dot(last.s, last.y) / dot(last.y, last.y);
    for (double& v : q) v *= gamma;
  }
  for (size_t k = 0; k < history.size(); ++k) {
    const double beta = history[k].rho * dot(history[k].y, q);
    for (size_t i = 0; i < q.size(); ++i) q[i] += history[k].s[i] * (alpha[k] - beta);
  }
  for (double& v : q) v = -v;
  return q;
}

} // namespace

double minimiseLbfgs(std::vector<double>& point, int maxIterations, const Objective& value) {
  std::vector<double> gradient(point.size());
  double current = value(point, gradient);
  std::deque<Correction> history;
  std::vector<double> candidate(point.size());
  std::vector<double> candidateGradient(point.size());
  for (int iteration = 0; iteration < maxIterations; ++iteration) {
    std::vector<double> direction = searchDirection(history, gradient);
    double slope = dot(direction, gradient);
    if (slope >= 0) { // not a descent direction: restart from steepest descent
      history.clear();
      direction = searchDirection(history, gradient);
      slope = dot(direction, gradient);
    }
    double step = history.empty() ? 1.0 / std::sqrt(std::max(dot(gradient, gradient), 1e-300)) : 1.0;
    double next = 0;
    for (int tries = 0; tries < 40; ++tries, step *= 0.5) {
      for (size_t i = 0; i < point.size(); ++i) candidate[i] = point[i] + step * direction[i];
      next = value(candidate, candidateGradient);
      if (next <= current + 1e-4 * step * slope) break;
    }
    Correction correction;
    correction.s.resize(point.size());
    correction.y.resize(point.size());
    for (size_t i = 0; i < point.size(); ++i) {
      correction.s[i] = candidate[i] - point[i];
      correction.y[i] = candidateGradient[i] - gradient[i];
    }
    const double curvature = dot(correction.s, correction.y);
    point.swap(candidate);
    gradient.swap(candidateGradient);
    const double previous = current;
    current = next;
    if (curvature > 1e-12) {
      correction.rho = 1.0 / curvature;
      history.push_back(std::move(correction));
      if (history.size() > kHistory) history.pop_front();
    }
    if (previous - current < 1e-9 * std::max(1.0, std::fabs(current))) break;
  }
  return current;
}

} // namespace convoca::train_sdg
