#include "dates.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <algorithm>
#include <regex>
#include <unordered_map>

namespace declarative {
namespace {

// One part of a format: a directive letter, or literal text (directive 0).
struct FormatPart {
  char directive = 0;
  std::string literal;
};

const std::string kDirectives = "deBbmYyHMSZ";

std::vector<FormatPart> splitFormat(const std::string& format) {
  std::vector<FormatPart> parts;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '%' && i + 1 < format.size() && format[i + 1] != '%') {
      parts.push_back({format[++i], ""});
      continue;
    }
    if (format[i] == '%') ++i; // "%%" is a literal '%'
    if (parts.empty() || parts.back().directive != 0) parts.push_back({0, ""});
    parts.back().literal += format[i];
  }
  return parts;
}

std::string escapeLiteral(const std::string& literal) {
  static const std::string special = R"(\^$.|?*+()[]{}/)";
  std::string out;
  bool inSpace = false;
  for (char c : literal) {
    const bool space = c == ' ' || c == '\t';
    if (space && !inSpace) out += R"(\s+)";
    inSpace = space;
    if (space) continue;
    if (special.find(c) != std::string::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string patternOf(char directive) {
  switch (directive) {
  case 'd':
  case 'e':
    return R"((\d{1,2})(?:st|nd|rd|th|er|r|º|ª)?)";
  case 'm':
    return R"((\d{1,2}))";
  case 'B':
  case 'b':
    return R"((?:d'|d’)?([^\s\d.,;:/()'’]+))";
  case 'Y':
    return R"((\d{4}))";
  case 'y':
    return R"((\d{2}))";
  case 'H':
    return R"((\d{1,2}))";
  case 'M':
  case 'S':
    return R"((\d{2}))";
  case 'Z':
    return R"(([A-Za-z]{2,5}))";
  }
  return "";
}

bool hasDirective(const std::vector<FormatPart>& parts, const std::string& letters) {
  return std::any_of(parts.begin(), parts.end(), [&](const FormatPart& part) {
    return part.directive != 0 && letters.find(part.directive) != std::string::npos;
  });
}

// A format ready to search with: the regex and the directive of each group.
struct CompiledFormat {
  std::regex pattern;
  std::vector<char> groups; // directive of capture group i + 2
  bool hasTime = false;
};

CompiledFormat compile(const std::string& format) {
  const auto parts = splitFormat(format);
  std::string body;
  CompiledFormat compiled;
  for (const auto& part : parts) {
    if (part.directive == 0) {
      body += escapeLiteral(part.literal);
      continue;
    }
    body += patternOf(part.directive);
    compiled.groups.push_back(part.directive);
  }
  const bool endsWithLetters = !parts.empty() && parts.back().directive == 'Z';
  // Not inside a longer number (or word, after a zone abbreviation).
  const std::string tail = endsWithLetters ? R"((?![\dA-Za-z]))" : R"((?!\d))";
  compiled.pattern =
      std::regex(R"((?:^|[^\d])()" + body + ")" + tail, std::regex::ECMAScript | std::regex::icase);
  compiled.hasTime = hasDirective(parts, "H");
  return compiled;
}

std::string lower(std::string text) {
  for (auto& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

struct Span {
  size_t begin;
  size_t end;
  LocalDate date;
};

// Reads one match with Poco::DateTimeParser: the matched fields, month names
// in English, joined with single spaces, against the directives alone.
std::optional<LocalDate> readMatch(const CompiledFormat& format, const std::smatch& match,
                                   const DateRule& rule) {
  std::string input, pocoFormat;
  LocalDate date;
  date.raw = match[1].str();
  for (size_t i = 0; i < format.groups.size(); ++i) {
    const char directive = format.groups[i];
    std::string value = match[i + 2].str();
    if (directive == 'Z') {
      date.abbreviation = value;
      continue;
    }
    if (directive == 'B' || directive == 'b') {
      const int month = monthNumber(value);
      if (month == 0) return std::nullopt;
      value = Poco::DateTimeFormat::MONTH_NAMES[month - 1];
      pocoFormat += "%B ";
    } else {
      pocoFormat += std::string("%") + directive + " ";
    }
    input += value + " ";
  }
  if (!format.hasTime) {
    input += rule.timeIfMissing;
    pocoFormat += "%H:%M";
    date.timeAssumed = true;
  }
  Poco::DateTime parsed;
  int tzd = 0;
  if (!Poco::DateTimeParser::tryParse(pocoFormat, input, parsed, tzd)) return std::nullopt;
  date.localTime = Poco::DateTimeFormatter::format(parsed, "%Y-%m-%dT%H:%M:%S");
  return date;
}

// Compiling a std::regex costs far more than searching a page with it (86% of
// parse time when each item compiled its formats afresh), and a definition has
// a handful of formats: keep them per thread. The bound only matters to callers
// that feed endless different definitions (the fuzzer).
const CompiledFormat& compiledFormat(const std::string& format) {
  constexpr size_t kMaxCachedFormats = 256;
  thread_local std::unordered_map<std::string, CompiledFormat> cache;
  if (const auto found = cache.find(format); found != cache.end()) return found->second;
  if (cache.size() >= kMaxCachedFormats) cache.clear();
  return cache.emplace(format, compile(format)).first->second;
}

bool overlaps(const std::vector<Span>& spans, size_t begin, size_t end) {
  return std::any_of(spans.begin(), spans.end(),
                     [&](const Span& span) { return begin < span.end && span.begin < end; });
}

} // namespace

std::optional<std::string> dateFormatError(const std::string& format) {
  const auto parts = splitFormat(format);
  for (const auto& part : parts)
    if (part.directive != 0 && kDirectives.find(part.directive) == std::string::npos)
      return std::string("unknown directive %") + part.directive + " (use %d %e %m %B %b %Y %y %H %M %S %Z)";
  if (!hasDirective(parts, "de")) return std::string("needs a day (%d)");
  if (!hasDirective(parts, "mBb")) return std::string("needs a month (%m or %B)");
  if (!hasDirective(parts, "Yy")) return std::string("needs a year (%Y or %y)");
  if (hasDirective(parts, "MS") && !hasDirective(parts, "H"))
    return std::string("has minutes but no hour (%H)");
  for (size_t i = 1; i < parts.size(); ++i)
    if (parts[i].directive != 0 && parts[i - 1].directive != 0)
      return std::string("needs a separator between %") + parts[i - 1].directive + " and %" +
             parts[i].directive;
  return std::nullopt;
}

std::vector<LocalDate> findDates(const DateRule& rule, const std::string& text) {
  std::vector<Span> spans;
  for (const auto& format : rule.formats) {
    const CompiledFormat& compiled = compiledFormat(format);
    for (std::sregex_iterator it(text.begin(), text.end(), compiled.pattern), end; it != end; ++it) {
      const std::smatch& match = *it;
      const size_t begin = static_cast<size_t>(match.position(1));
      const size_t finish = begin + static_cast<size_t>(match.length(1));
      if (overlaps(spans, begin, finish)) continue;
      if (auto date = readMatch(compiled, match, rule)) spans.push_back({begin, finish, std::move(*date)});
    }
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<LocalDate> dates;
  for (auto& span : spans) {
    dates.push_back(std::move(span.date));
    if (!rule.all) break;
  }
  return dates;
}

std::optional<std::string> offsetOfAbbreviation(const std::string& abbreviation) {
  const std::string upper = [&] {
    std::string out = abbreviation;
    for (auto& c : out)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
  }();
  if (upper == "UTC" || upper == "GMT" || upper == "WET") return std::string("+00:00");
  if (upper == "CET" || upper == "BST" || upper == "WEST") return std::string("+01:00");
  if (upper == "CEST" || upper == "EET") return std::string("+02:00");
  if (upper == "EEST") return std::string("+03:00");
  return std::nullopt;
}

int monthNumber(const std::string& name) {
  // en, en abbreviations, fr, es, ca; accents optional where sites drop them.
  static const std::vector<std::vector<std::string>> kNames = {
      {"january", "jan", "janvier", "enero", "gener"},
      {"february", "feb", "février", "fevrier", "febrero", "febrer"},
      {"march", "mar", "mars", "marzo", "març", "marc"},
      {"april", "apr", "avril", "abril"},
      {"may", "mai", "mayo", "maig"},
      {"june", "jun", "juin", "junio", "juny"},
      {"july", "jul", "juillet", "julio", "juliol"},
      {"august", "aug", "août", "aout", "agosto", "agost"},
      {"september", "sep", "sept", "septembre", "septiembre", "setiembre", "setembre"},
      {"october", "oct", "octobre", "octubre"},
      {"november", "nov", "novembre", "noviembre"},
      {"december", "dec", "décembre", "decembre", "diciembre", "desembre"}};
  const std::string wanted = lower(name);
  for (size_t month = 0; month < kNames.size(); ++month)
    if (std::find(kNames[month].begin(), kNames[month].end(), wanted) != kNames[month].end())
      return static_cast<int>(month) + 1;
  return 0;
}

} // namespace declarative
