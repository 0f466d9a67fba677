// Result order: relevance, next deadline at "now" (computed, never stored), or newest.
#pragma once

#include "convoca/index/searcher.h"

#include <cstdint>
#include <memory>
#include <xapian.h>

namespace convoca::index::detail {

// Sets the order on `enquire`. Returns the key maker it uses (nullptr when none):
// the caller keeps it alive until get_mset() has run.
std::unique_ptr<Xapian::KeyMaker> applySortOrder(Xapian::Enquire& enquire, SortOrder order, int64_t now);

} // namespace convoca::index::detail
