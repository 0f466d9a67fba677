// A declarative source definition: one JSON file staff write to describe one
// listing page (URL, pagination, item selector, field selectors, dates).
// Loading is strict, like Omega scriptindex rules: an unknown key, a missing
// required key or a bad value (XPath that does not compile, JSON pointer that
// is not RFC 6901, unknown date directive, unknown time zone) refuses the whole
// definition with "<file>: <key path>: <reason>". See plugins/declarative/README.md.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace declarative {

// A definition that cannot be used; what() is "<origin>: <key path>: <reason>".
class DefinitionError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

enum class PageFormat { Html, Xml, Json };
enum class PaginationType { None, Page, Offset, NextLink };

struct PaginationRule {
  PaginationType type = PaginationType::None;
  int start = 1;     // first {page} (default 1) or {offset} (default 0)
  int step = 1;      // added to {page} / {offset} per page
  int maxPages = 10; // safety stop
  int pageSize = 0;  // when > 0, a page with fewer items is the last (APIs that answer 400 past the end)
  std::string next;  // next-link: selector of the next page's URL
};

// Where a date is, and how it is written.
struct DateRule {
  std::string selector;
  std::vector<std::string> formats; // Poco::DateTimeParser-style directives, tried in order
  std::string zone = "Europe/Brussels";
  std::string timeIfMissing; // "HH:MM"
  bool all = false;          // every date found (multi-stage calls), not only the first
};

// Selectors of one item's fields; an empty selector means "not given".
struct FieldRules {
  std::string key;
  std::string title;
  std::string url;
  std::string summary;
  std::string text;
  std::string callId;
  std::string status;
  std::string keywords;
  std::optional<DateRule> deadline;
  std::optional<DateRule> opening;
};

struct Definition {
  std::string origin; // file name, for messages
  std::string id;
  std::string title;
  std::string programme;
  std::string programmeCode;
  std::string language;
  std::string kind = "call";
  std::string url;
  PaginationRule pagination;
  PageFormat format = PageFormat::Html;
  std::map<std::string, std::string> namespaces; // XML prefixes for XPath
  std::string items;
  FieldRules fields;
  std::optional<FieldRules> detail; // fields read from each item's own page
};

// Answers whether an IANA zone name is known (the host converts times).
using ZoneCheck = std::function<bool(const std::string& zone)>;

// Reads one definition object or an array of them from JSON text. `origin`
// names the text in messages. Throws DefinitionError.
std::vector<Definition> loadDefinitions(const std::string& jsonText, const std::string& origin,
                                        const ZoneCheck& zoneIsKnown);

const char* formatName(PageFormat format);

} // namespace declarative
