// A profile as a weighted Xapian query, and what each of its terms means to
// a person (for the explanation of a match).
#pragma once

#include "convoca/index/matcher.h"

#include <map>
#include <string>
#include <vector>
#include <xapian.h>

namespace convoca::index::detail {

struct TermMeaning {
  std::string word; // the surface word
  std::string via;  // "profile" | "translation" | "feedback"
};

struct ProfileConcept {
  std::string label;
  std::vector<std::string> profileWords;
};

struct ProfileQuery {
  Xapian::Query ranking;
  std::string language;                           // the profile was read in this language
  std::map<std::string, TermMeaning> meanings;    // Xapian term -> meaning
  std::map<std::string, ProfileConcept> concepts; // concept id -> how the profile says it
  std::vector<int> sdgs;                          // the profile's SDGs (given or tagged)
};

// Builds the ranking query of a request against `database` (used for term
// statistics: the rarest words of a long description are kept).
ProfileQuery buildProfileQuery(const Xapian::Database& database, const MatchRequest& request);

} // namespace convoca::index::detail
