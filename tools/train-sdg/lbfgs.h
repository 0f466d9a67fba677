// Limited-memory BFGS (Nocedal & Wright, algorithm 7.4/7.5) with a backtracking
// Armijo line search: enough for a smooth convex objective such as L2-regularised
// logistic regression.
#pragma once

#include <functional>
#include <vector>

namespace convoca::train_sdg {

// value(point, gradient) returns f(point) and fills gradient (same size as point).
using Objective = std::function<double(const std::vector<double>& point, std::vector<double>& gradient)>;

// Moves `point` towards the minimum; stops after `maxIterations` or when f no
// longer decreases by a relative 1e-9. Returns the final value.
double minimiseLbfgs(std::vector<double>& point, int maxIterations, const Objective& value);

} // namespace convoca::train_sdg
