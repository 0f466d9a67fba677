#include "dc_mapping.h"

#include <Poco/String.h>
#include <utility>

namespace oaipmh {
namespace {

constexpr size_t kSummaryLength = 300;

bool isHttpUrl(const std::string& value) {
  return Poco::icompare(value.substr(0, 7), "http://") == 0 ||
         Poco::icompare(value.substr(0, 8), "https://") == 0;
}

std::string plainText(const std::string& value, const convoca::sdk::Host& host) {
  if (value.find('<') == std::string::npos) return value;
  return Poco::trim(host.htmlToText(value));
}

// A description on one line, at most about kSummaryLength bytes, cut at a word with "…".
std::string shortened(const std::string& description) {
  std::string text;
  for (const char c : description) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (!space)
      text += c;
    else if (!text.empty() && text.back() != ' ')
      text += ' ';
  }
  if (text.size() <= kSummaryLength) return text;
  size_t cut = text.rfind(' ', kSummaryLength);
  if (cut == std::string::npos || cut == 0) cut = kSummaryLength;
  // Never inside a UTF-8 sequence (text without spaces, e.g. Chinese): a split character
  // is invalid UTF-8, which JSON_ESCAPE_UNICODE would write as a wrong character.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return Poco::trimRight(text.substr(0, cut)) + "…";
}

} // namespace

std::string languageCode(const std::string& dcLanguage) {
  static const std::pair<const char*, const char*> kCodes[] = {
      {"en", "en"},      {"eng", "en"},    {"english", "en"},   {"es", "es"},      {"spa", "es"},
      {"spanish", "es"}, {"ca", "ca"},     {"cat", "ca"},       {"catalan", "ca"}, {"fr", "fr"},
      {"fra", "fr"},     {"fre", "fr"},    {"french", "fr"},    {"de", "de"},      {"deu", "de"},
      {"ger", "de"},     {"german", "de"}, {"it", "it"},        {"ita", "it"},     {"italian", "it"},
      {"pt", "pt"},      {"por", "pt"},    {"portuguese", "pt"}};
  std::string wanted = Poco::toLower(Poco::trim(dcLanguage));
  // "en-GB", "en_US": the language part.
  const auto separator = wanted.find_first_of("-_");
  if (separator != std::string::npos) wanted.resize(separator);
  for (const auto& [text, code] : kCodes)
    if (wanted == text) return code;
  return {};
}

std::optional<oai::DocumentRecord> recordFromDublinCore(const oai::Response& page, const oai::Record& record,
                                                        const MappingOptions& options,
                                                        const convoca::sdk::Host& host) {
  const oai::XmlDocument& xml = page.document();
  const xmlNodePtr dc = record.metadata;
  oai::DocumentRecord out;
  out.id = std::string(kSourceId) + ":" + record.identifier;
  out.source = kSourceId;
  out.kind = options.kind;
  out.title = xml.text(".//dc:title", dc);
  if (out.title.empty()) {
    host.warn(page.document().name() + ": record " + record.identifier + " has no dc:title; skipped");
    return std::nullopt;
  }
  for (const auto& description : xml.texts(".//dc:description", dc)) {
    const std::string text = plainText(description, host);
    if (text.empty()) continue;
    if (out.summary.empty()) out.summary = shortened(text);
    out.text += (out.text.empty() ? "" : "\n\n") + text;
  }
  for (const auto& identifier : xml.texts(".//dc:identifier", dc)) {
    if (!isHttpUrl(identifier)) continue;
    if (out.url.empty())
      out.url = identifier;
    else if (identifier != out.url)
      oai::addUnique(out.documents, identifier);
  }
  for (const auto& relation : xml.texts(".//dc:relation", dc)) {
    if (isHttpUrl(relation)) {
      if (relation != out.url) oai::addUnique(out.documents, relation);
    } else {
      oai::addUnique(out.tags, relation);
    }
  }
  for (const auto& subject : xml.texts(".//dc:subject", dc)) oai::addUnique(out.keywords, subject);
  for (const auto& language : xml.texts(".//dc:language", dc)) {
    out.language = languageCode(language);
    if (!out.language.empty()) break;
  }
  if (out.language.empty()) out.language = options.language;
  return out;
}

std::vector<oai::DocumentRecord> recordsOfPage(const oai::Response& page, const std::string& name,
                                               const MappingOptions& options,
                                               const convoca::sdk::Host& host) {
  std::vector<oai::DocumentRecord> records;
  for (const auto& record : page.records()) {
    if (record.deleted) {
      host.info(name + ": record " + record.identifier + " is deleted in the repository; nothing emitted");
      continue;
    }
    if (auto mapped = recordFromDublinCore(page, record, options, host))
      records.push_back(std::move(*mapped));
  }
  return records;
}

} // namespace oaipmh
