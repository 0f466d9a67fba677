// The topic's own budget from the search API's `budgetOverview` string.
#pragma once

#include <optional>
#include <string>

namespace euft {

// budgetOverview is JSON inside a string and covers the whole call:
//   {"budgetTopicActionMap":{"<n>":[{"action":"<topic id> - <type of action>",
//                                    "budgetYearMap":{"2026":"23000000",...}}, ...]}}
// Sums the yearly amounts (EUR) of the actions that belong to `identifier`,
// i.e. whose "action" starts with "<identifier> - ". nullopt when the string is
// not complete JSON (the portal, and some saved copies, cut it) or when no
// action matches: other topics' amounts are never added.
std::optional<double> topicBudgetFromOverview(const std::string& overviewJson, const std::string& identifier);

} // namespace euft
