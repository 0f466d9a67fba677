// Two versions of what the eu-ft source answers, so that every harvest of the
// crash test writes: version A is the demo's recorded exchanges as they are
// (fixtures/eu-ft/exchanges, 53 topics); version B is built from them at test
// time as a call update would change them.
#pragma once

#include <string>

namespace convoca::testing::crash {

struct ReplayVersions {
  std::string a;               // a --replay directory
  std::string b;               // a --replay directory
  std::string droppedId;       // listed in A, not in B (it must stay in the index)
  std::string addedId;         // listed in B only
  std::string movedDeadlineId; // B moves its deadline
};

// Writes version B into `directory` (which must exist): every topic's title
// revised (so every record is rewritten on each switch between A and B), one
// deadline moved, the first topic dropped from the listing and a new one added.
ReplayVersions makeReplayVersions(const std::string& directory);

} // namespace convoca::testing::crash
