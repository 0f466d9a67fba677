// A small index for the targets that run queries: the hand-made records of
// fixtures/xss/records.jsonl (read in place), written once per process into a
// temporary directory that is removed at exit.
#pragma once

#include <convoca/index/searcher.h>

namespace convoca::fuzz {

// The Searcher over that index, created on first use.
index::Searcher& fixtureSearcher();

// A fixed "now", so a finding replays with the same statuses and deadlines.
inline constexpr int64_t kFixedNow = 1795000000; // 2026-11-18

} // namespace convoca::fuzz
