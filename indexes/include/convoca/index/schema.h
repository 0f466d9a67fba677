// The index schema: every term prefix, value slot, metadata key and query field
// name convoca uses, in one place (Omega's termprefixes.rst conventions: single
// capitals keep Omega's meaning, X… are ours). Nobody writes a prefix or slot
// literal anywhere else. Changing anything here that alters what is stored
// means bumping kSchemaVersion (an old index is then refused with a message
// asking for a reindex).
//
// Decisions recorded here (see also ARCHITECTURE.md "Index"):
// - Status (forthcoming/open/closed) is never stored. Two index-internal slots
//   hold the interval in which a record is open (kOpenFrom, kOpenUntil); status
//   filters and facets are value-range queries against "now" at query time, and
//   mirror statusAt() in record.h exactly. Records with no dates get neither
//   slot: their status is unknown and every status filter excludes them.
// - Boolean term values are lower-cased (Unicode), so no ':' separator is ever
//   needed; the Q term is the record id verbatim (ids start with the lower-case
//   source id). Terms longer than kMaxTermBytes keep a prefix of the value plus
//   its SHA-1 (omindex's hash_long_term idea).
// - Each deadline gets its own slot (kFirstDeadline + i, at most kDeadlineSlots,
//   keeping the last ones when a call has more cut-offs than that) so that
//   "a deadline within [from, to]" is a plain OR of value ranges and works with
//   the remote backend. "Next deadline" depends on now, so it is never stored:
//   the searcher computes it from these slots (sorting) or the record (display).
// - Budget is stored only when the source gives it in EUR (no conversion
//   rates in the index); a budget range filter excludes records without one.
// - The spelling table (the search's "did you mean") holds the words of titles,
//   summaries and keywords, each counted once per record that has it; a
//   replaced or purged record takes its words back. Descriptions and linked
//   documents stay out: long, noisy text would make poor suggestions.
#pragma once

#include <stdexcept>

namespace convoca::index {

// Base of every error the index layer reports; what() is fit to show a user.
class IndexError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// The index on disk was written by a convoca with another schema version.
class SchemaVersionError : public IndexError {
public:
  using IndexError::IndexError;
};

} // namespace convoca::index

namespace convoca::index::schema {

// Bump when prefixes, slots or the way a record becomes a document change.
// 2: de-duplication cluster term and collapse key; 3: elided words split ("l'enllumenat");
// 4: parent term of documents, calls indexed with their documents' text;
// 5: analysis (language, English form, concepts, SDG tags, entity classes);
// 6: kSdgGoals slot (the "sdg" facet), spelling data from titles, summaries
//    and keywords (the search's spelling suggestion), kRecency keeps the first fetch time;
// 7: kDeadlineList and kTieBreak slots (facets and result order identical on
//    one database and on shards behind the stock xapian-tcpsrv);
// 8: kFacetPack slot (a search reads one value per match for its facets, not eight);
// 9: kLocalCollapseKey slot, only on records whose call has other records in
//    the same database (src/index/call_cluster.h).
inline constexpr int kSchemaVersion = 9;

// ---- Metadata keys (Database::get_metadata) ---------------------------------
inline constexpr const char* kSchemaVersionKey = "convoca.schema_version";
// + source id: the harvest run whose records of that source the index last
// committed (written in the same transaction). The harvest logs a run's
// changes before committing it; a killed run whose tag never landed had its
// changes dropped from the log by the next harvest (harvest_runner.cpp).
inline constexpr const char* kCommittedRunKeyPrefix = "convoca.committed_run.";

// ---- Term prefixes ------------------------------------------------------------
// Standard Omega meanings.
inline constexpr const char* kUniqueId = "Q"; // + record id verbatim (one document per id)
inline constexpr const char* kTitle = "S";    // free text, title words
inline constexpr const char* kSummary = "B";  // free text, summary words
inline constexpr const char* kKeyword = "K";  // boolean, source keyword (also indexed as text)
inline constexpr const char* kLanguage = "L"; // boolean, ISO 639-1 code
inline constexpr const char* kCountry = "N";  // boolean, eligible country (ISO 3166 / NUTS)
inline constexpr const char* kUrl = "U";      // boolean, canonical URL (hashed when long)
inline constexpr const char* kStemmed = "Z";  // added by the TermGenerator itself (STEM_SOME)
// Our own (X…).
inline constexpr const char* kSource = "XSRC";      // plugin id
inline constexpr const char* kKind = "XKIND";       // call | topic | tender | document
inline constexpr const char* kProgramme = "XPROG";  // programme code, e.g. XPROGhorizon
inline constexpr const char* kCallId = "XCALL";     // call identifier
inline constexpr const char* kTopicId = "XTOPIC";   // topic identifier
inline constexpr const char* kSdgGiven = "XSDG";    // SDG number given by the source, e.g. XSDG11
inline constexpr const char* kTag = "XTAG";         // source tags
inline constexpr const char* kPriority = "XPRIO";   // cross-cutting priorities
inline constexpr const char* kActionType = "XACT";  // action types
inline constexpr const char* kEntityType = "XELIG"; // eligible entity types
inline constexpr const char* kConcept = "XC";       // concept id (concepts.h), wdf 1: weighs like a word
inline constexpr const char* kSdgTagged = "XSDGT";  // SDG from convoca's tagger, e.g. XSDGT11
inline constexpr const char* kEntityClass =
    "XENT"; // class of eligible entity (eligibility.h), e.g. XENTpublic-body
inline constexpr const char* kParent = "XPARENT"; // a document's call: XPARENT + call id
inline constexpr const char* kCluster = "XDUP";   // de-duplication key (clusterKeyOf): one result per call

// Xapian's backend limit is 245 bytes; omindex hashes above 240.
inline constexpr unsigned kMaxTermBytes = 240;

// ---- Value slots --------------------------------------------------------------
// Instants are sortable_serialise(seconds since the epoch); amounts
// sortable_serialise(EUR); facet copies are the display strings.
inline constexpr unsigned kLastDeadline = 0; // last deadline (sweep retention, "closed since")
inline constexpr unsigned kOpening = 1;      // opening instant, absent when unknown
inline constexpr unsigned kBudgetEur = 2;    // budget amount, only when given in EUR
inline constexpr unsigned kFetchedAt = 3;    // when the current content was fetched
inline constexpr unsigned kContentHash = 4;  // record content hash: "unchanged" detection
inline constexpr unsigned kFacetSource = 5;
inline constexpr unsigned kFacetProgramme = 6; // programme code as the source gives it
inline constexpr unsigned kFacetLanguage = 7;
inline constexpr unsigned kFacetKind = 8;
inline constexpr unsigned kCollapseKey = 9; // clusterKeyOf(record): shards collapse on it
// The open interval used for status at query time: open while
// kOpenFrom <= now <= kOpenUntil, forthcoming before, closed after.
// kOpenFrom is the opening, or kDistantPast when only deadlines are known;
// kOpenUntil is the last deadline, or kDistantFuture when only the opening is.
inline constexpr unsigned kOpenFrom = 10;
inline constexpr unsigned kOpenUntil = 11;
// Opening, else the first fetch time (an update keeps the earlier one): when a
// call was posted, the "newest" sort key and the "posted since" filter.
inline constexpr unsigned kRecency = 12;
// The record's SDGs, the source's (kSdgGiven) and the tagger's (kSdgTagged)
// together, each once, ascending, comma-separated ("2,11,15"): the "sdg" facet
// counts a record once per goal from this one slot (one value read per match
// instead of a term list).
inline constexpr unsigned kSdgGoals = 13;
// Every deadline of the record, ascending, as decimal seconds since the epoch,
// comma-separated: the "deadline_month" facet finds each record's next
// deadline from this one slot with Xapian's own ValueCountMatchSpy (see
// src/index/facet_values.h: custom spies cannot cross the stock xapian-tcpsrv).
inline constexpr unsigned kDeadlineList = 14;
// The record id: results of equal relevance are ordered by it, so that one
// database and its shards (whose document ids interleave differently) return
// the same order.
inline constexpr unsigned kTieBreak = 15;
inline constexpr unsigned kFirstDeadline = 16;
inline constexpr unsigned kDeadlineSlots = 16; // slots kFirstDeadline .. kFirstDeadline + 15
// kFacetSource, kFacetProgramme, kFacetLanguage, kFacetKind, kSdgGoals,
// kDeadlineList, kOpenFrom and kOpenUntil again, packed into one value
// (src/index/facet_pack.h): a search's facet counts read one value per match
// instead of eight (40 % of a search at 100k records).
inline constexpr unsigned kFacetPack = 32;
// The record's kCluster term, only when another record of the same call is in
// the same database (src/index/call_cluster.h). A search of one database
// collapses on it: Xapian then compares keys for the few calls with duplicates,
// not for every match (collapsing on kCollapseKey cost a third of a search's
// CPU at 100k records). Shards collapse on kCollapseKey, which every record
// has: a call's records may sit in two shards, whose writers never meet.
inline constexpr unsigned kLocalCollapseKey = 33;

// Finite stand-ins for "unbounded" in kOpenFrom/kOpenUntil (an infinite
// sortable_serialise(-inf) is the empty string, which Xapian treats as no value).
inline constexpr double kDistantPast = -1e15;
inline constexpr double kDistantFuture = 1e15;

// ---- Query fields -------------------------------------------------------------
// User-facing names (QueryParser "name:value" and the search filters) mapped to
// prefixes, so internal and external names change independently.
struct FieldPrefix {
  const char* name;
  const char* prefix;
};

// Probabilistic fields: "title:soil" searches title words only.
inline constexpr FieldPrefix kTextFields[] = {{"title", kTitle}, {"summary", kSummary}};

// Boolean filter fields: values are lower-cased; the same field given twice is
// ORed, different fields are ANDed (Omega's convention). "sdg" matches the
// goal given by the source (kSdgGiven) or by the tagger (kSdgTagged), as the
// "sdg" facet counts it.
inline constexpr FieldPrefix kBooleanFields[] = {
    {"source", kSource},     {"kind", kKind},         {"programme", kProgramme}, {"lang", kLanguage},
    {"language", kLanguage}, {"keyword", kKeyword},   {"call", kCallId},         {"topic", kTopicId},
    {"sdg", kSdgGiven},      {"country", kCountry},   {"entity", kEntityType},   {"tag", kTag},
    {"priority", kPriority}, {"action", kActionType}, {"concept", kConcept},
};

// Fields that are not one prefix:
// id: matches the record id (exact) or a call id or topic id (any case).
inline constexpr const char* kIdField = "id";
// status: open | forthcoming | closed, computed from kOpenFrom/kOpenUntil at query time.
inline constexpr const char* kStatusField = "status";
// budget:MIN..MAX in EUR, a range on kBudgetEur (either end may be empty).
inline constexpr const char* kBudgetField = "budget:";

} // namespace convoca::index::schema
