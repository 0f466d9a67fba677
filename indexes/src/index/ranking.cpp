#include "ranking.h"

#include "convoca/index/schema.h"
#include "index_support.h"

namespace convoca::index::detail {
namespace {

// Sort key: the first deadline slot at or after `now`; records with no
// upcoming deadline get a key above every serialised number, so they come last.
class NextDeadlineKey : public Xapian::KeyMaker {
public:
  explicit NextDeadlineKey(int64_t now) : now_(static_cast<double>(now)) {}

  std::string operator()(const Xapian::Document& document) const override {
    for (unsigned i = 0; i < schema::kDeadlineSlots; ++i) {
      const std::string value = document.get_value(schema::kFirstDeadline + i);
      if (value.empty()) break;
      if (Xapian::sortable_unserialise(value) >= now_) return value;
    }
    return kNoUpcomingDeadline;
  }

private:
  // sortable_serialise() never yields more than 9 bytes of 0xff.
  inline static const std::string kNoUpcomingDeadline = std::string(10, '\xff');
  double now_;
};

} // namespace

std::unique_ptr<Xapian::KeyMaker> applySortOrder(Xapian::Enquire& enquire, SortOrder order, int64_t now) {
  switch (order) {
  case SortOrder::Relevance:
    // Equal weights (filter-only queries give every record 0) fall back on the
    // record id, not the document id, which differs between one database and shards.
    enquire.set_sort_by_relevance_then_value(schema::kTieBreak, /*reverse=*/false);
    break;
  case SortOrder::Deadline: {
    auto key = std::make_unique<NextDeadlineKey>(now);
    enquire.set_sort_by_key_then_relevance(key.get(), /*reverse=*/false);
    return key;
  }
  case SortOrder::Newest:
    enquire.set_sort_by_value_then_relevance(schema::kRecency, /*reverse=*/true);
    break;
  }
  return nullptr;
}

} // namespace convoca::index::detail
