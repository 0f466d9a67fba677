#include "facet_spies.h"

#include "convoca/index/timeutil.h"

#include <Poco/NumberParser.h>
#include <Poco/StringTokenizer.h>
#include <cmath>
#include <vector>

namespace convoca::index::detail {
namespace {

constexpr const char* kSdgSpyName = "convoca.SdgGoalSpy";
constexpr const char* kDeadlineSpyName = "convoca.NextDeadlineSpy";

// The numbers of a comma-separated list ("2,11,15"); a malformed one throws
// Xapian::SerialisationError, which Xapian reports like its own.
std::vector<int64_t> numbersIn(const std::string& text) {
  std::vector<int64_t> numbers;
  const Poco::StringTokenizer parts(text, ",", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  for (const auto& part : parts) {
    Poco::Int64 number = 0;
    if (!Poco::NumberParser::tryParse64(part, number))
      throw Xapian::SerialisationError("not a number list: '" + text + "'");
    numbers.push_back(number);
  }
  return numbers;
}

// "key:count,key:count" — the results of one spy, as they cross the network.
std::string countsText(const std::map<int64_t, Xapian::doccount>& counts) {
  std::string text;
  for (const auto& [key, count] : counts) {
    if (!text.empty()) text += ',';
    text += std::to_string(key) + ':' + std::to_string(count);
  }
  return text;
}

void addCounts(const std::string& text, std::map<int64_t, Xapian::doccount>& counts) {
  const Poco::StringTokenizer pairs(text, ",", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  for (const auto& pair : pairs) {
    const size_t colon = pair.find(':');
    Poco::Int64 key = 0;
    unsigned count = 0;
    if (colon == std::string::npos || !Poco::NumberParser::tryParse64(pair.substr(0, colon), key) ||
        !Poco::NumberParser::tryParseUnsigned(pair.substr(colon + 1), count))
      throw Xapian::SerialisationError("not a facet count: '" + pair + "'");
    counts[key] += count;
  }
}

Xapian::valueno slotFrom(int64_t number) {
  if (number < 0 || number >= Xapian::BAD_VALUENO) throw Xapian::SerialisationError("bad value slot");
  return static_cast<Xapian::valueno>(number);
}

} // namespace

std::string sdgGoalsValue(const std::set<int>& goals) {
  std::string value;
  for (int goal : goals) {
    if (!value.empty()) value += ',';
    value += std::to_string(goal);
  }
  return value;
}

// clone() and unserialise() return a raw `new`: Xapian's API, which takes
// ownership (release()) of what they return.

// ---- SdgGoalSpy ----------------------------------------------------------------

SdgGoalSpy::SdgGoalSpy(Xapian::valueno slot) : slot_(slot) {}

void SdgGoalSpy::operator()(const Xapian::Document& document, double) {
  const std::string value = document.get_value(slot_);
  if (value.empty()) return;
  for (int64_t goal : numbersIn(value)) ++counts_[goal];
}

Xapian::MatchSpy* SdgGoalSpy::clone() const {
  return new SdgGoalSpy(slot_);
}

std::string SdgGoalSpy::name() const {
  return kSdgSpyName;
}

std::string SdgGoalSpy::serialise() const {
  return std::to_string(slot_);
}

Xapian::MatchSpy* SdgGoalSpy::unserialise(const std::string& serialised, const Xapian::Registry&) const {
  const std::vector<int64_t> numbers = numbersIn(serialised);
  if (numbers.size() != 1)
    throw Xapian::SerialisationError("SdgGoalSpy: bad parameters '" + serialised + "'");
  return new SdgGoalSpy(slotFrom(numbers[0]));
}

std::string SdgGoalSpy::serialise_results() const {
  return countsText(counts_);
}

void SdgGoalSpy::merge_results(const std::string& serialised) {
  addCounts(serialised, counts_);
}

std::string SdgGoalSpy::get_description() const {
  return "SdgGoalSpy(slot " + std::to_string(slot_) + ")";
}

// ---- NextDeadlineSpy -------------------------------------------------------------

NextDeadlineSpy::NextDeadlineSpy(Xapian::valueno firstSlot, unsigned slotCount, int64_t now)
    : firstSlot_(firstSlot), slotCount_(slotCount), now_(now) {}

void NextDeadlineSpy::operator()(const Xapian::Document& document, double) {
  const double now = static_cast<double>(now_);
  for (unsigned i = 0; i < slotCount_; ++i) {
    const std::string value = document.get_value(firstSlot_ + i);
    if (value.empty()) return; // the slots are filled from the first, ascending
    const double deadline = Xapian::sortable_unserialise(value);
    if (deadline >= now) {
      ++counts_[std::llround(deadline)];
      return;
    }
  }
}

Xapian::MatchSpy* NextDeadlineSpy::clone() const {
  return new NextDeadlineSpy(firstSlot_, slotCount_, now_);
}

std::string NextDeadlineSpy::name() const {
  return kDeadlineSpyName;
}

std::string NextDeadlineSpy::serialise() const {
  return std::to_string(firstSlot_) + ',' + std::to_string(slotCount_) + ',' + std::to_string(now_);
}

Xapian::MatchSpy* NextDeadlineSpy::unserialise(const std::string& serialised, const Xapian::Registry&) const {
  const std::vector<int64_t> numbers = numbersIn(serialised);
  if (numbers.size() != 3 || numbers[1] < 0 || numbers[1] > 1000)
    throw Xapian::SerialisationError("NextDeadlineSpy: bad parameters '" + serialised + "'");
  return new NextDeadlineSpy(slotFrom(numbers[0]), static_cast<unsigned>(numbers[1]), numbers[2]);
}

std::string NextDeadlineSpy::serialise_results() const {
  return countsText(counts_);
}

void NextDeadlineSpy::merge_results(const std::string& serialised) {
  addCounts(serialised, counts_);
}

std::string NextDeadlineSpy::get_description() const {
  return "NextDeadlineSpy(slots " + std::to_string(firstSlot_) + "+" + std::to_string(slotCount_) + ", now " +
         std::to_string(now_) + ")";
}

std::map<std::string, Xapian::doccount> NextDeadlineSpy::monthCounts(const std::string& zone) const {
  std::map<std::string, Xapian::doccount> months;
  for (const auto& [instant, count] : counts_) {
    const std::string day = timeutil::dayKey(instant, zone); // YYYYMMDD
    months[day.substr(0, 4) + '-' + day.substr(4, 2)] += count;
  }
  return months;
}

void registerFacetSpies(Xapian::Registry& registry) {
  registry.register_match_spy(SdgGoalSpy(Xapian::BAD_VALUENO));
  registry.register_match_spy(NextDeadlineSpy(Xapian::BAD_VALUENO, 0, 0));
}

} // namespace convoca::index::detail
