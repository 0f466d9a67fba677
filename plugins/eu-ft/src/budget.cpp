#include "budget.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/NumberParser.h>

namespace euft {
namespace {

// Amounts are strings ("23000000") in the samples; accept numbers too.
std::optional<double> amountOf(const Poco::Dynamic::Var& value) {
  if (value.isEmpty()) return std::nullopt;
  if (value.isNumeric()) return value.convert<double>();
  double amount = 0;
  if (value.isString() && Poco::NumberParser::tryParseFloat(value.extract<std::string>(), amount))
    return amount;
  return std::nullopt;
}

double sumOfYears(const Poco::JSON::Object& action) {
  double sum = 0;
  const auto years = action.getObject("budgetYearMap");
  if (!years) return 0;
  for (const auto& [year, value] : *years) {
    (void)year;
    sum += amountOf(value).value_or(0);
  }
  return sum;
}

bool belongsToTopic(const Poco::JSON::Object& action, const std::string& prefix) {
  const auto name = action.get("action");
  if (!name.isString()) return false;
  return name.extract<std::string>().compare(0, prefix.size(), prefix) == 0;
}

Poco::JSON::Object::Ptr parseObject(const std::string& json) {
  try {
    Poco::JSON::Parser parser;
    return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception&) { // a cut string, or JSON that is not an object
    return nullptr;
  }
}

} // namespace

std::optional<double> topicBudgetFromOverview(const std::string& overviewJson,
                                              const std::string& identifier) {
  if (identifier.empty()) return std::nullopt;
  const auto overview = parseObject(overviewJson);
  if (!overview) return std::nullopt;
  const auto actionMap = overview->getObject("budgetTopicActionMap");
  if (!actionMap) return std::nullopt;

  const std::string prefix = identifier + " - ";
  std::optional<double> total;
  for (const auto& [budgetLine, actions] : *actionMap) {
    (void)budgetLine;
    if (actions.type() != typeid(Poco::JSON::Array::Ptr)) continue;
    for (const auto& item : *actions.extract<Poco::JSON::Array::Ptr>()) {
      if (item.type() != typeid(Poco::JSON::Object::Ptr)) continue;
      const auto& action = *item.extract<Poco::JSON::Object::Ptr>();
      if (belongsToTopic(action, prefix)) total = total.value_or(0) + sumOfYears(action);
    }
  }
  return total;
}

} // namespace euft
