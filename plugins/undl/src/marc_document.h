// A UN Digital Library MARC21 slim record (http://www.loc.gov/MARC21/slim), as
// UNDL fills it, and its convoca record.
#pragma once

#include <oai/document_record.h>
#include <oai/protocol.h>
#include <string>
#include <vector>

namespace undl {

inline constexpr const char* kSourceId = "undl";

// The fields convoca uses (see data-sources.md §2a).
struct UndlDocument {
  std::string recid;                    // 001 (else the number ending the OAI identifier)
  std::string symbol;                   // 191 $a, e.g. "A/RES/70/1": the stable id
  std::string title;                    // 245 $a + $b, ISBD punctuation trimmed
  std::string abstract;                 // 520 $a, when present
  std::string date;                     // 269 $a, YYYY-MM-DD; read, not emitted (no schema field)
  std::vector<std::string> subjects;    // 650 $a and 991 $d, UNBIS terms (upper case)
  std::vector<std::string> related;     // 993 $a: drafts, meeting records...
  std::vector<std::string> englishPdfs; // 856 $u ending in -EN.pdf
};

// Reads the marc:record of an OAI record.
// Returns a document with an empty symbol when 191 $a is missing (voting
// records and other non-documents have none): callers skip those.
UndlDocument documentFromMarc(const oai::Response& page, const oai::Record& record);

// Case-insensitive membership of a subject in a list.
bool hasAnySubject(const UndlDocument& document, const std::vector<std::string>& subjects);

// id "undl:<symbol>", kind document, language en, url "<site>/record/<recid>"
// (site = scheme://host of the OAI base URL), keywords = subjects, tags =
// related symbols, documents = the English PDFs (the host will index their text).
oai::DocumentRecord toRecord(const UndlDocument& document, const std::string& siteUrl);

// "https://digitallibrary.un.org/oai2d" -> "https://digitallibrary.un.org".
std::string siteOf(const std::string& baseUrl);
// "https://digitallibrary.un.org/oai2d" + "3923923" -> "oai:digitallibrary.un.org:3923923".
std::string oaiIdentifierOf(const std::string& baseUrl, const std::string& recid);

} // namespace undl
