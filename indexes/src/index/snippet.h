// The passage of a hit that best matches the query, as plain text plus the
// byte ranges to highlight.
#pragma once

#include "convoca/index/record.h"
#include "convoca/index/searcher.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <xapian.h>

namespace convoca::index::detail {

// The stemmers for the snippets of one query's hits. MSet::snippet stems every
// word of a text to compare it with the query's stemmed terms (15 % of a
// search at 100k records); these skip the words that cannot stem to one of
// them: a Snowball stem (ca, es, en, fr) starts with its word's first letter,
// accents aside (checked on 1.75 million stems of real and generated text,
// tests/unit/indexes/index/snippet_test.cpp), so a word whose first letter is
// no stemmed query term's is given an empty stem, which no query term is.
class SnippetStemmers {
public:
  explicit SnippetStemmers(const Xapian::Query& query);
  Xapian::Stem forLanguage(const std::string& language);

private:
  std::shared_ptr<const std::set<std::string>> initials_; // folded first letters of the Z terms
  std::map<std::string, Xapian::Stem> stemmers_;
};

// A word's first letter, lower-case and without its accent ("À" and "a" give
// "a", "œ" gives "oe"); empty for an empty word.
std::string foldedInitial(const std::string& word);

// Chosen by MSet::snippet from the summary and text (the start of them when
// only the title matched).
Snippet snippetFor(const Xapian::MSet& matches, const Record& record, SnippetStemmers& stemmers);

} // namespace convoca::index::detail
