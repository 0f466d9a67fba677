// One record per portal identifier.
#pragma once

#include "call_record.h"

#include <convoca/plugin.hpp>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace euft {

// Where a row came from; a lower rank wins when one identifier appears twice.
enum class SourceRank {
  Search = 0,       // search API, DATASOURCE "SEDIA" (current)
  SearchLegacy = 1, // search API, "SEDIA_PRD_CENTRICITY" or any other copy
  Dump = 2,         // grantsTenders.json: no descriptions, no budget
};

struct Candidate {
  std::string identifier;
  SourceRank rank = SourceRank::Search;
  CallRecord record;
};

// Keeps the best-ranked row per identifier (the first on a tie, which also
// collapses exact duplicates), in order of first appearance.
class RecordCollector {
public:
  void add(Candidate candidate);
  std::vector<Candidate> take();
  size_t size() const { return rows_.size(); }

private:
  std::vector<Candidate> rows_;
  std::unordered_map<std::string, size_t> positionOf_;
};

// Hands records to the host, each identifier at most once per run.
class Emitter {
public:
  explicit Emitter(const convoca::sdk::Host& host) : host_(host) {}

  // False when the identifier was already emitted (the record is dropped).
  bool emitOnce(const Candidate& candidate);
  size_t emitted() const { return emitted_.size(); }
  size_t rejected() const { return rejected_; }

private:
  const convoca::sdk::Host& host_;
  std::unordered_set<std::string> emitted_;
  size_t rejected_ = 0;
};

} // namespace euft
