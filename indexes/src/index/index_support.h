// Small pieces shared by the indexer and the searcher: term building, stemmers,
// instant values and the schema-version check. Internal to convoca::index.
#pragma once

#include "convoca/index/searcher.h"

#include <cstdint>
#include <optional>
#include <string>
#include <xapian.h>

namespace convoca::index::detail {

// Unicode lower-case (Xapian's tables), as every boolean term value is stored.
std::string lowerCase(const std::string& utf8);

// prefix + value, with over-long values cut and suffixed by their SHA-1 so the
// term stays within schema::kMaxTermBytes and unique.
std::string boundedTerm(const std::string& prefix, const std::string& value);

// prefix + lowerCase(value), bounded: the form of every boolean filter term.
std::string booleanTerm(const std::string& prefix, const std::string& value);

// The Q term of a record id (verbatim, bounded).
std::string uniqueTerm(const std::string& recordId);

// The stemmer for a record or query language: ca, es, en, fr; none otherwise.
Xapian::Stem stemmerFor(const std::string& language);

// The stopwords of ca, es, en or fr (language.h) as a Xapian stopper; null
// for any other language.
const Xapian::Stopper* stopperFor(const std::string& language);

// Catalan and French elide articles and prepositions ("l'enllumenat",
// "d'habitatge", "l’eau"); Xapian would keep "l'enllumenat" as one word, so a
// search for "enllumenat" would miss it. An apostrophe between two letters
// becomes a space, on the document side and the query side alike.
std::string splitElisions(const std::string& utf8);

// Instants and amounts as sortable value strings.
std::string serialiseNumber(double number);
std::optional<double> numberValue(const Xapian::Document& document, Xapian::valueno slot);

// Opens the index at `path` for reading and checks its schema version.
// Throws IndexError ("no index at ...") or SchemaVersionError.
Xapian::Database openForReading(const std::string& path);

// Tells a reader when the stub file at `path` names another database than it
// did at the last call (a reindex or restore swapped it: Database::reopen()
// does not read the stub again). Always false for a database directory.
class StubWatch {
public:
  explicit StubWatch(std::string path);
  bool changed();

private:
  std::string path_;
  std::string seen_;
};

// A search or match hit at `now`: the stored record, its status and next
// deadline computed now, and its own source as the first provenance entry.
Hit hitFor(const Xapian::Document& document, int64_t now);

// Throws SchemaVersionError unless the database is empty or records
// schema::kSchemaVersion under schema::kSchemaVersionKey.
void checkSchemaVersion(const Xapian::Database& database, const std::string& path);

} // namespace convoca::index::detail
