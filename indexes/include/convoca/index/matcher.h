// Matching: a profile becomes a weighted Xapian query (its words in its own
// language, their English translation, the concepts they name, its SDGs) with
// hard gates applied before ranking (status now, deadline horizon, programmes,
// budget, eligible entities and places, staff feedback). Every match says why.
//
//   Matcher matcher(dataDir + "/index");
//   MatchRequest request{profile};
//   request.english = translator.toEnglish(...);   // optional, from the host
//   MatchResult result = matcher.match(request);
#pragma once

#include "convoca/index/profile.h"
#include "convoca/index/searcher.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace convoca::index {

// Staff verdicts for this profile (from the state DB).
struct MatchFeedback {
  std::vector<std::string> relevant;        // record ids: boost them and calls like them
  std::vector<std::string> notRelevant;     // record ids: never shown again for this profile
  std::vector<std::string> mutedProgrammes; // programme codes: calls of these never shown
};

struct MatchRequest {
  Profile profile;
  // Machine translation into English of the profile's title and description,
  // and of each keyword (same order); empty when the profile is English or no
  // translation is available.
  std::string english;
  std::vector<std::string> englishKeywords;
  MatchFeedback feedback;
  size_t offset = 0;
  size_t limit = 20;
  std::optional<int64_t> now;
  // Off only for evaluation on undated data (CORDIS topics): no status,
  // horizon, kind or eligibility gate.
  bool gates = true;
  // Off when only the ranking matters (evaluation): no terms, concepts, SDGs
  // or gates are listed per match, which saves re-reading each call's text.
  bool explain = true;
};

// A word of the profile that the call also contains.
struct MatchedTerm {
  std::string word; // as the profile (or its translation) wrote it
  std::string via;  // "profile" (its own language), "translation" (its English form), "feedback"
};

// A concept both the profile and the call name, perhaps in different languages.
struct MatchedConcept {
  std::string id;
  std::string label;                     // in the profile's language
  std::vector<std::string> profileWords; // how the profile says it
  std::vector<std::string> recordWords;  // how the call says it
};

// A gate the call passed, and on what evidence.
struct PassedGate {
  std::string gate;   // status, horizon, programme, budget, entity, place, feedback
  std::string detail; // e.g. "open until 2026-02-07T17:00:00+01:00", "not stated by the source"
};

struct Match {
  Hit hit;          // the record, its status now, next deadline, sources
  double score = 0; // Xapian weight (comparable within one result)
  int fit = 0;      // 0..100, the percentage Xapian gives
  std::vector<MatchedTerm> terms;
  std::vector<MatchedConcept> concepts;
  std::vector<int> sharedSdgs; // profile SDGs the call has (given by the source or tagged)
  std::vector<PassedGate> gates;
};

struct MatchResult {
  size_t total = 0; // calls that pass every gate and match at all
  std::vector<Match> matches;
  std::string language; // the language the profile was read in
};

class Matcher {
public:
  // Opens the index read-only (see Searcher for the errors).
  explicit Matcher(const std::string& path);
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  MatchResult match(const MatchRequest& request);

  // The baseline of `convoca eval match`: the text as one BM25 OR query,
  // stemmed in `language`, no stopwords, no concepts, no gates. Ids of the top `limit`.
  std::vector<std::string> plainBm25(const std::string& text, const std::string& language, size_t limit);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace convoca::index
