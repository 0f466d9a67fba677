#include "marc_document.h"

#include <Poco/String.h>
#include <Poco/URI.h>
#include <algorithm>
#include <libxml/tree.h>
#include <optional>
#include <utility>

namespace undl {
namespace {

bool isMarcElement(xmlNodePtr node, const char* localName) {
  return node->type == XML_ELEMENT_NODE && xmlStrEqual(node->name, BAD_CAST localName) && node->ns &&
         xmlStrEqual(node->ns->href, BAD_CAST oai::kMarcNamespace);
}

// The string value of the attribute without namespace `name`, as XPath's
// [@name='...'] compares it; nullopt without one.
std::optional<std::string> attributeValue(xmlNodePtr node, const char* name) {
  for (xmlAttrPtr attribute = node->properties; attribute; attribute = attribute->next) {
    if (attribute->ns || !xmlStrEqual(attribute->name, BAD_CAST name)) continue;
    // One text child, as nearly always: its content is the value (what
    // xmlNodeGetContent would copy).
    const xmlNode* only = attribute->children;
    if (only && !only->next && only->type == XML_TEXT_NODE)
      return std::string(only->content ? reinterpret_cast<const char*>(only->content) : "");
    xmlChar* value = xmlNodeGetContent(reinterpret_cast<xmlNodePtr>(attribute));
    std::string text(value ? reinterpret_cast<const char*>(value) : "");
    xmlFree(value);
    return text;
  }
  return std::nullopt;
}

// The control fields and subfields of one marc:record, in document order, read
// in one walk of its children. An XPath query per field
// (marc:datafield[@tag='245']/marc:subfield[@code='a']) went through every
// datafield again: nearly half of a parse. Matches what those queries matched:
// child elements in the MARC namespace, tag and code compared whole.
class MarcFields {
public:
  explicit MarcFields(xmlNodePtr first) {
    for (xmlNodePtr field = first; field; field = field->next) {
      if (isMarcElement(field, "controlfield")) {
        if (auto tag = attributeValue(field, "tag")) controls_.push_back({std::move(*tag), {}, field});
        continue;
      }
      if (!isMarcElement(field, "datafield")) continue;
      const auto tag = attributeValue(field, "tag");
      if (!tag) continue;
      for (xmlNodePtr subfield = field->children; subfield; subfield = subfield->next)
        if (isMarcElement(subfield, "subfield"))
          if (auto code = attributeValue(subfield, "code"))
            subfields_.push_back({*tag, std::move(*code), subfield});
    }
  }

  // The first control field with this tag, as text("marc:controlfield[@tag='001']").
  std::string control(const char* tag) const { return textOfFirst(controls_, tag, ""); }
  // The first such subfield's text, even when empty, as XmlDocument::text.
  std::string first(const char* tag, const char* code) const { return textOfFirst(subfields_, tag, code); }
  // The non-empty texts of these subfields in document order, as XmlDocument::texts of a union.
  std::vector<std::string> all(std::initializer_list<std::pair<const char*, const char*>> wanted) const {
    std::vector<std::string> values;
    for (const Field& field : subfields_)
      if (std::any_of(wanted.begin(), wanted.end(),
                      [&](const auto& tagCode) { return field.is(tagCode.first, tagCode.second); }))
        if (std::string value = oai::textOf(field.node); !value.empty()) values.push_back(std::move(value));
    return values;
  }

private:
  struct Field {
    std::string tag;
    std::string code; // empty for a control field
    xmlNodePtr node;
    bool is(const char* wantedTag, const char* wantedCode) const {
      return tag == wantedTag && code == wantedCode;
    }
  };

  static std::string textOfFirst(const std::vector<Field>& fields, const char* tag, const char* code) {
    for (const Field& field : fields)
      if (field.is(tag, code)) return oai::textOf(field.node);
    return {};
  }

  std::vector<Field> controls_;
  std::vector<Field> subfields_;
};

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
  // Without metadata the queries ran from the document node, whose only element is the root.
  const MarcFields marc(record.metadata ? record.metadata->children : page.document().root());
  UndlDocument document;
  document.recid = marc.control("001");
  if (document.recid.empty()) document.recid = recidFromIdentifier(record.identifier);
  document.symbol = marc.first("191", "a");
  const std::string titleProper = withoutTrailingPunctuation(marc.first("245", "a"));
  const std::string remainder = withoutTrailingPunctuation(marc.first("245", "b"));
  document.title = remainder.empty() ? titleProper : titleProper + " : " + remainder;
  document.abstract = marc.first("520", "a");
  document.date = marc.first("269", "a");
  for (const auto& subject : marc.all({{"650", "a"}, {"991", "d"}}))
    oai::addUnique(document.subjects, subject);
  for (const auto& symbol : marc.all({{"993", "a"}})) oai::addUnique(document.related, symbol);
  for (const auto& url : marc.all({{"856", "u"}}))
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
