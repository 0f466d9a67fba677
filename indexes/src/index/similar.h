// "Similar calls": the terms that best tell a record apart (Xapian's ESet over
// a relevance set of that one document), ORed into a query that leaves out
// the record's own call.
#pragma once

#include "convoca/index/record.h"

#include <optional>
#include <xapian.h>

namespace convoca::index::detail {

// The query for records like `document` (whose stored record is `record`):
// its most telling words, stems and concepts, never a filter term, minus its
// de-duplication cluster, its documents, and its parent call and that call's
// other documents. nullopt when the record has no telling term.
std::optional<Xapian::Query> similarQuery(const Xapian::Database& database, Xapian::docid docid,
                                          const Xapian::Document& document, const Record& record);

} // namespace convoca::index::detail
