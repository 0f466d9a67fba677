#include "facet_values.h"

#include "convoca/index/timeutil.h"

#include <Poco/NumberParser.h>
#include <Poco/StringTokenizer.h>

namespace convoca::index::detail {
namespace {

// The numbers of a comma-separated list ("2,11,15"); what is not a number is
// skipped (a slot written by this code never holds one).
std::vector<int64_t> numbersIn(const std::string& text) {
  std::vector<int64_t> numbers;
  const Poco::StringTokenizer parts(text, ",", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  for (const auto& part : parts) {
    Poco::Int64 number = 0;
    if (Poco::NumberParser::tryParse64(part, number)) numbers.push_back(number);
  }
  return numbers;
}

template <typename Numbers> std::string joined(const Numbers& numbers) {
  std::string value;
  for (const auto number : numbers) {
    if (!value.empty()) value += ',';
    value += std::to_string(number);
  }
  return value;
}

} // namespace

std::string sdgGoalsValue(const std::set<int>& goals) {
  return joined(goals);
}

std::string deadlineListValue(const std::vector<int64_t>& instants) {
  return joined(instants);
}

ValueCounts countsOf(const Xapian::ValueCountMatchSpy& spy) {
  ValueCounts counts;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) counts.emplace(*it, it.get_termfreq());
  return counts;
}

std::map<int, Xapian::doccount> goalCounts(const ValueCounts& combinations) {
  std::map<int, Xapian::doccount> counts;
  for (const auto& [combination, records] : combinations)
    for (const int64_t goal : numbersIn(combination)) counts[static_cast<int>(goal)] += records;
  return counts;
}

std::map<std::string, Xapian::doccount> nextDeadlineMonthCounts(const ValueCounts& combinations, int64_t now,
                                                                const std::string& zone) {
  // Many records share a deadline: turn each distinct instant into a month once.
  std::map<int64_t, Xapian::doccount> byInstant;
  for (const auto& [combination, records] : combinations)
    for (const int64_t instant : numbersIn(combination))
      if (instant >= now) {
        byInstant[instant] += records;
        break;
      }
  std::map<std::string, Xapian::doccount> months;
  for (const auto& [instant, count] : byInstant) {
    const std::string day = timeutil::dayKey(instant, zone); // YYYYMMDD
    months[day.substr(0, 4) + '-' + day.substr(4, 2)] += count;
  }
  return months;
}

} // namespace convoca::index::detail
