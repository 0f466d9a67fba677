// Matching as the CLI, the web API and the nightly digest use it: profiles
// from files or the state DB, their English form (Apertium), staff feedback,
// the matcher, the JSON of a match, and the digest of what is new.
#pragma once

#include "convoca/index/matcher.h"
#include "convoca/index/profile.h"

#include <Poco/JSON/Object.h>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace convoca::state {
class StateDb;
struct DigestEntry;
} // namespace convoca::state

namespace convoca::translation {
class Translator;
}

namespace convoca::matching {

// "FILE|ID": a readable file is a profile document, anything else the id of a
// stored profile. Throws index::ProfileError naming the file or the id.
index::Profile loadProfile(const std::string& fileOrId, state::StateDb* state);

// Reads a profile document from a file; the error names the file.
index::Profile readProfileFile(const std::string& path);

// Every profile stored in the state DB (a broken document is skipped by the caller's choice: it throws).
std::vector<index::Profile> storedProfiles(state::StateDb& state);

// The request for a profile: its English form when it is not English
// (`translator` may be null), and the feedback stored for it.
index::MatchRequest requestFor(const index::Profile& profile, state::StateDb* state,
                               translation::Translator* translator);

// One match as JSON: the record fields (schema names), status, next_deadline,
// score, fit and the explanation {terms, concepts, sdgs, gates, deadline}.
Poco::JSON::Object::Ptr matchToJson(const index::Match& match);

// The whole result: profile id and title, language, total, matches.
Poco::JSON::Object::Ptr resultToJson(const index::MatchResult& result, const index::Profile& profile);

// A digest looks at the profile's best matches only: at most
// kDigestMaxMatches, each with at least half the top match's fit and at least
// kDigestMinFit. Fit is Xapian's percentage, whose scale depends on the
// profile's length (a long profile's best call scores 15-40), hence relative;
// on the demo's judged profiles this keeps the judged-relevant calls and drops
// those sharing a word or two.
inline constexpr int kDigestMinFit = 5;
inline constexpr size_t kDigestMaxMatches = 10;

// Compares the profile's current matches with what its last digest saw,
// stores the new and changed ones as digest entries after `runId` (0 = by
// hand), and returns them.
std::vector<state::DigestEntry> updateDigest(const index::Profile& profile, index::Matcher& matcher,
                                             state::StateDb& state, translation::Translator* translator,
                                             int64_t runId, std::optional<int64_t> now = std::nullopt);

// updateDigest in two halves, for matching many profiles at once
// (index::matchEach): the request a digest makes, and what it records of the
// result of that request.
index::MatchRequest digestRequestFor(const index::Profile& profile, state::StateDb& state,
                                     translation::Translator* translator,
                                     std::optional<int64_t> now = std::nullopt);
std::vector<state::DigestEntry> recordDigest(const index::Profile& profile, const index::MatchResult& result,
                                             state::StateDb& state, int64_t runId);

} // namespace convoca::matching
