// The passage of a hit that best matches the query, as plain text plus the
// byte ranges to highlight.
#pragma once

#include "convoca/index/record.h"
#include "convoca/index/searcher.h"

#include <xapian.h>

namespace convoca::index::detail {

// Chosen by MSet::snippet from the summary and text (the start of them when
// only the title matched).
Snippet snippetFor(const Xapian::MSet& matches, const Record& record);

} // namespace convoca::index::detail
