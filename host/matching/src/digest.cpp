// The digest: after each harvest, each profile's matches that are new, or
// whose call changed, since the profile's previous digest.
#include "convoca/matching/matching.h"
#include "convoca/state/state_db.h"

#include <algorithm>
#include <sstream>

namespace convoca::matching {

index::MatchRequest digestRequestFor(const index::Profile& profile, state::StateDb& state,
                                     translation::Translator* translator, std::optional<int64_t> now) {
  index::MatchRequest request = requestFor(profile, &state, translator);
  request.limit = kDigestMaxMatches;
  request.now = now;
  return request;
}

std::vector<state::DigestEntry> updateDigest(const index::Profile& profile, index::Matcher& matcher,
                                             state::StateDb& state, translation::Translator* translator,
                                             int64_t runId, std::optional<int64_t> now) {
  return recordDigest(profile, matcher.match(digestRequestFor(profile, state, translator, now)), state,
                      runId);
}

std::vector<state::DigestEntry> recordDigest(const index::Profile& profile, const index::MatchResult& result,
                                             state::StateDb& state, int64_t runId) {
  const std::map<std::string, std::string> seenBefore = state.seenMatches(profile.id);
  std::map<std::string, std::string> seenNow;
  std::vector<state::DigestEntry> entries;
  const int minFit =
      result.matches.empty() ? kDigestMinFit : std::max(kDigestMinFit, result.matches.front().fit / 2);
  for (const index::Match& match : result.matches) {
    if (match.fit < minFit) break; // best first
    const index::Record& record = match.hit.record;
    seenNow[record.id] = record.contentHash;
    auto before = seenBefore.find(record.id);
    if (before != seenBefore.end() && before->second == record.contentHash) continue;
    state::DigestEntry entry;
    entry.profileId = profile.id;
    entry.runId = runId;
    entry.recordId = record.id;
    entry.change = before == seenBefore.end() ? "new" : "changed";
    entry.score = match.score;
    entry.title = record.title;
    std::ostringstream json;
    matchToJson(match)->stringify(json);
    entry.match = json.str();
    entries.push_back(std::move(entry));
  }
  state.recordDigest(profile.id, entries, seenNow);
  return entries;
}

} // namespace convoca::matching
