// The normalised record (schema v1, see ARCHITECTURE.md "Record schema"):
// what every plugin emits as JSON and what the index stores.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace convoca::index {

inline constexpr int kRecordSchemaVersion = 1;

// A record that does not follow the schema. what() names the field and the problem.
class RecordError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

struct Budget {
  double amount = 0;
  std::string currency; // ISO 4217, e.g. "EUR"
};

// One SDG convoca's tagger gave a record, with why (the words that weighed most).
struct SdgTagEvidence {
  int goal = 0;
  double score = 0; // 0..1
  std::vector<std::string> why;
};

// What convoca derived from a record when indexing it: never given by a plugin
// (the host drops it from what plugins emit), outside the content hash, stored
// with the record so results can say why they were tagged.
struct Analysis {
  std::string language; // the language the text was analysed in: the source's, or CLD2's when reliable
  std::string english;  // machine translation of title, summary and text (non-English records)
  std::vector<SdgTagEvidence> sdgTags; // best first
  std::vector<std::string> concepts;   // concept ids found in the text (concepts.h)
  // How the text names each of those concepts (its surfaces in text order, then
  // the English form's): a match explanation shows them without re-reading the text.
  std::map<std::string, std::vector<std::string>> conceptWords;

  bool empty() const {
    return language.empty() && english.empty() && sdgTags.empty() && concepts.empty() && conceptWords.empty();
  }
};

// Unknown is absent (empty string, empty list, nullopt), never a fake value.
struct Record {
  std::string id;     // "<source>:<external id>", stable across runs
  std::string source; // plugin id
  std::string kind;   // call | topic | tender | document
  std::string title;
  std::string summary;
  std::string text; // plain text, no HTML
  std::string url;
  std::string language;      // ISO 639-1 ("en", "ca"...); detected when the source does not say
  std::string programme;     // display name, e.g. "Horizon Europe"
  std::string programmeCode; // short stable code, e.g. "HORIZON"; used for filters
  std::string callId;
  std::string callTitle;
  std::string topicId;
  std::optional<std::string> opening; // RFC 3339 with offset
  // When the source published the call or document (RFC 3339 with offset):
  // shown and sortable, never used for the status.
  std::optional<std::string> published;
  bool openingTimeAssumed = false;       // the source gave a date only
  std::vector<std::string> deadlines;    // RFC 3339 with offset, ascending
  bool deadlinesTimeAssumed = false;     // the source gave dates only; the time is the usual cut-off
  std::vector<std::string> deadlinesRaw; // the source's own strings, for evidence
  std::optional<Budget> budget;
  std::vector<std::string> eligibleCountries; // ISO 3166-1 alpha-2 (or NUTS codes)
  std::vector<std::string> eligibleEntities;
  std::vector<int> sdgs; // 1..17, as given by the source
  std::vector<std::string> keywords;
  std::vector<std::string> tags;
  std::vector<std::string> actionTypes; // e.g. "HORIZON-RIA Research and Innovation Actions"
  std::vector<std::string> priorities;  // cross-cutting priorities, e.g. "AI", "NEB"
  std::vector<std::string> documents;   // URLs
  // Ids of the same call in other sources ("bdns:716352"), given by the source
  // (e.g. a RAISC row quoting its BDNS code): records that share an id or an
  // alias are one search result that lists every source (see clusterKeyOf).
  std::vector<std::string> aliases;
  // A document record's call (kind "document" fetched from a call's `documents`).
  std::string parent;
  // The text of the call's linked documents, indexed with the call so it matches
  // on them; filled by the host, capped, not shown.
  std::string documentsText;
  std::string sourceStatus; // the source's own status word, evidence only: never used as the status
  std::string fetchedAt;    // RFC 3339 UTC
  std::string contentHash;  // sha256 hex of the content fields (see contentHashOf)
  Analysis analysis;        // filled by the indexer, JSON "analysis"
};

// Parses and validates one record. Throws RecordError naming the first bad field.
// Fills content_hash when absent; keeps the given fetched_at (empty when absent).
Record recordFromJson(const std::string& json);

// Serialises a record to one line of JSON (field names as in the schema).
// `status` is added when given (computed at output time, never stored).
std::string recordToJson(const Record& record, const std::optional<std::string>& status = std::nullopt);

// sha256 hex of the canonical JSON of every field except fetched_at and content_hash:
// two harvests of an unchanged call give the same hash.
std::string contentHashOf(const Record& record);

// One field that differs between two versions of a record. Values are the
// field's JSON text ("" when the field is absent), so lists and budgets compare
// and display whole.
struct FieldChange {
  std::string field; // schema name, e.g. "deadlines", "budget", "title"
  std::string before;
  std::string after;
};

// The fields that differ, in schema order; fetched_at and content_hash are ignored.
std::vector<FieldChange> diffRecords(const Record& before, const Record& after);

// The de-duplication key of a record: the smallest of its id and aliases, so
// "raisc:X" with alias "bdns:1" and "bdns:1" itself share the key "bdns:1".
std::string clusterKeyOf(const Record& record);

enum class CallStatus { Forthcoming, Open, Closed, Unknown };

// Status at `nowUnix` (seconds since the epoch): forthcoming before the opening,
// open until the last deadline, closed after it. Unknown with no dates at all.
CallStatus statusAt(const Record& record, int64_t nowUnix);
const char* statusName(CallStatus status);

} // namespace convoca::index
