#include "profile_mix.h"

#include <random>
#include <stdexcept>
#include <string>

namespace convoca::bench {

namespace {

// A profile's description is a paragraph, not a whole call text.
constexpr size_t kDescriptionBytes = 1200;
constexpr size_t kKeywords = 3;

std::string firstBytes(const std::string& text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t cut = text.rfind(' ', limit);
  return text.substr(0, cut == std::string::npos ? limit : cut);
}

} // namespace

std::vector<index::Profile> makeProfileMix(const std::vector<index::Record>& records, size_t count,
                                           uint32_t seed) {
  if (records.empty()) throw std::invalid_argument("the corpus has no records to write profiles from");
  std::mt19937 random(seed);
  std::uniform_int_distribution<size_t> pick(0, records.size() - 1);
  std::vector<index::Profile> profiles;
  while (profiles.size() < count) {
    const index::Record& record = records[pick(random)];
    if (record.title.empty()) continue;
    index::Profile profile;
    profile.id = "bench-" + std::to_string(profiles.size() + 1);
    profile.title = record.title;
    profile.language = record.language;
    profile.description =
        firstBytes(record.summary.empty() ? record.text : record.summary, kDescriptionBytes);
    for (size_t i = 0; i < record.keywords.size() && i < kKeywords; ++i)
      profile.keywords.push_back(record.keywords[i]);
    profile.sdgs = record.sdgs;
    profiles.push_back(std::move(profile));
  }
  return profiles;
}

} // namespace convoca::bench
