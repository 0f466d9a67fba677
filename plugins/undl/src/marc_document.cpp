#include "marc_document.h"

#include <Poco/String.h>
#include <Poco/URI.h>

namespace undl {
namespace {

std::string subfieldPath(const char* tag, char code) {
  return std::string("marc:datafield[@tag='") + tag + "']/marc:subfield[@code='" + code + "']";
}

// "Transforming our world :" -> "Transforming our world" (ISBD separators end MARC subfields).
std::string withoutTrailingPunctuation(std::string text) {
  while (!text.empty()) {
    const char last = text.back();
    if (last == ' ' || last == '/' || last == ':' || last == ';' || last == ',' || last == '=')
      text.pop_back();
    else
      break;
  }
  return text;
}

bool endsWithEnglishPdf(const std::string& url) {
  static const std::string kSuffix = "-en.pdf";
  return url.size() >= kSuffix.size() &&
         Poco::icompare(url.substr(url.size() - kSuffix.size()), kSuffix) == 0;
}

std::string recidFromIdentifier(const std::string& identifier) {
  const auto colon = identifier.rfind(':');
  return colon == std::string::npos ? std::string() : identifier.substr(colon + 1);
}

} // namespace

UndlDocument documentFromMarc(const oai::Response& page, const oai::Record& record) {
  const oai::XmlDocument& xml = page.document();
  const xmlNodePtr marc = record.metadata;
  UndlDocument document;
  document.recid = xml.text("marc:controlfield[@tag='001']", marc);
  if (document.recid.empty()) document.recid = recidFromIdentifier(record.identifier);
  document.symbol = xml.text(subfieldPath("191", 'a'), marc);
  const std::string titleProper = withoutTrailingPunctuation(xml.text(subfieldPath("245", 'a'), marc));
  const std::string remainder = withoutTrailingPunctuation(xml.text(subfieldPath("245", 'b'), marc));
  document.title = remainder.empty() ? titleProper : titleProper + " : " + remainder;
  document.abstract = xml.text(subfieldPath("520", 'a'), marc);
  document.date = xml.text(subfieldPath("269", 'a'), marc);
  for (const auto& subject : xml.texts(subfieldPath("650", 'a') + " | " + subfieldPath("991", 'd'), marc))
    oai::addUnique(document.subjects, subject);
  for (const auto& symbol : xml.texts(subfieldPath("993", 'a'), marc))
    oai::addUnique(document.related, symbol);
  for (const auto& url : xml.texts(subfieldPath("856", 'u'), marc))
    if (endsWithEnglishPdf(url)) oai::addUnique(document.englishPdfs, url);
  return document;
}

bool hasAnySubject(const UndlDocument& document, const std::vector<std::string>& subjects) {
  for (const auto& wanted : subjects)
    for (const auto& subject : document.subjects)
      if (Poco::icompare(wanted, subject) == 0) return true;
  return false;
}

oai::DocumentRecord toRecord(const UndlDocument& document, const std::string& siteUrl) {
  oai::DocumentRecord record;
  record.id = std::string(kSourceId) + ":" + document.symbol;
  record.source = kSourceId;
  record.kind = "document";
  record.title = document.title.empty() ? document.symbol : document.title;
  record.summary = document.abstract;
  if (!document.recid.empty()) record.url = siteUrl + "/record/" + document.recid;
  record.language = "en";
  record.keywords = document.subjects;
  record.tags = document.related;
  record.documents = document.englishPdfs;
  return record;
}

std::string siteOf(const std::string& baseUrl) {
  const Poco::URI uri(baseUrl);
  return uri.getScheme() + "://" + uri.getAuthority();
}

std::string oaiIdentifierOf(const std::string& baseUrl, const std::string& recid) {
  return "oai:" + Poco::URI(baseUrl).getHost() + ":" + recid;
}

} // namespace undl
