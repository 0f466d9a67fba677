#include "emitter.h"

namespace euft {

void RecordCollector::add(Candidate candidate) {
  const auto found = positionOf_.find(candidate.identifier);
  if (found == positionOf_.end()) {
    positionOf_.emplace(candidate.identifier, rows_.size());
    rows_.push_back(std::move(candidate));
    return;
  }
  Candidate& kept = rows_[found->second];
  if (candidate.rank < kept.rank) kept = std::move(candidate);
}

std::vector<Candidate> RecordCollector::take() {
  positionOf_.clear();
  std::vector<Candidate> rows;
  rows.swap(rows_);
  return rows;
}

bool Emitter::emitOnce(const Candidate& candidate) {
  if (!emitted_.insert(candidate.identifier).second) return false;
  if (!host_.emit(toJson(candidate.record))) ++rejected_;
  return true;
}

} // namespace euft
