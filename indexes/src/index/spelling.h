// The spelling side of "did you mean": which words of a record go into
// Xapian's spelling table (schema.h: titles, summaries, keywords), and the
// check a correction of the query parser must pass before it is suggested.
#pragma once

#include "convoca/index/record.h"

#include <optional>
#include <set>
#include <string>
#include <xapian.h>

namespace convoca::index::detail {

// Moves the spelling table from the words of `before` to those of `after`
// (null: the record is new, or deleted). Each word counts once per record
// that has it, so a word used by many calls wins over a rare neighbour; only
// the words that differ are touched.
void updateSpelling(Xapian::WritableDatabase& database, const Record* before, const Record* after);

// updateSpelling in two halves, so that the words can be found away from the
// writer's thread: the words of a record (none for null), and the move from
// one set to the other.
std::set<std::string> spellingWordsOf(const Record* record);
void updateSpelling(Xapian::WritableDatabase& database, const std::set<std::string>& before,
                    const std::set<std::string>& after);

// `corrected` is QueryParser::get_corrected_query_string() after parsing
// `query`. Returns it unless it is empty, equals the query, or replaces a word
// the index holds as a term: the spelling data leaves descriptions out, so
// Xapian would otherwise "correct" a word found only there.
std::optional<std::string> acceptedCorrection(const Xapian::Database& database, const std::string& query,
                                              const std::string& corrected);

// True when the index holds every word of `query` as a term. acceptedCorrection
// refuses to replace any of them, so asking Xapian for corrections (a trigram
// scan of the whole spelling table per word: 40 % of a search at 100k records)
// can be skipped.
bool everyWordIsIndexed(const Xapian::Database& database, const std::string& query);

} // namespace convoca::index::detail
