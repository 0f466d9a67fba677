// The benchmark corpus (issue 8): seeded, synthetic but realistic normalised
// records at any scale, so indexing and search can be measured at 1k..1M
// records without harvesting. Same records and seed, byte-identical output.
#pragma once

#include "convoca/index/record.h"

#include <cstdint>
#include <iosfwd>
#include <memory>

namespace convoca::app::bench {

// The instant the corpus is built around: deadlines and openings spread a
// year before and after it, fetched_at in the month before it. Fixed, not the
// clock, so a corpus is the same whenever it is generated.
inline constexpr int64_t kCorpusNowUnix = 1795737600; // 2026-11-27T00:00:00Z

struct CorpusWordTables;

// Makes record number `n` of the corpus with seed `seed`. Each record has its
// own random stream derived from (seed, n), so records do not depend on the
// ones before them and any slice can be regenerated alone.
class CorpusGenerator {
public:
  explicit CorpusGenerator(uint64_t seed);
  CorpusGenerator(CorpusGenerator&&) noexcept;
  ~CorpusGenerator();

  index::Record record(uint64_t n) const;

private:
  uint64_t seed_;
  std::unique_ptr<const CorpusWordTables> words_;
};

// Writes records 0..count-1 as JSON lines (recordToJson), one at a time: the
// corpus is never held in memory. Returns the bytes written.
uint64_t writeCorpus(uint64_t count, uint64_t seed, std::ostream& out);

} // namespace convoca::app::bench
