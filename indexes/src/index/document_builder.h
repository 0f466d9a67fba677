// Turns a record into its Xapian document: boolean terms, free text, values and
// the record JSON as document data. The only place that decides what is stored.
#pragma once

#include "convoca/index/record.h"

#include <xapian.h>

namespace convoca::index::detail {

// `record.contentHash` must already be set (the indexer fills it when empty).
Xapian::Document buildDocument(const Record& record);

} // namespace convoca::index::detail
