#include "robots.h"

#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <algorithm>
#include <cctype>

namespace convoca::http::detail {
namespace {

std::string trimmed(std::string_view text) {
  return Poco::trim(std::string(text));
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// RFC 9309 2.2.1: the product token is the user-agent value's leading run of
// letters, '_' and '-' ("convoca/1.0" -> "convoca").
std::string_view productTokenOf(std::string_view userAgentValue) {
  std::size_t end = 0;
  while (end < userAgentValue.size() && (std::isalpha(static_cast<unsigned char>(userAgentValue[end])) ||
                                         userAgentValue[end] == '_' || userAgentValue[end] == '-'))
    ++end;
  return userAgentValue.substr(0, end);
}

// Paths and patterns are compared in one canonical form (RFC 9309 2.2.2):
// octets outside printable US-ASCII percent-encoded, existing %xx escapes in
// upper case, so "/caf%c3%a9", "/café" and "/caf%C3%A9" are the same path.
std::string canonicalPath(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    const auto octet = static_cast<unsigned char>(path[i]);
    if (octet == '%' && i + 2 < path.size() && std::isxdigit(static_cast<unsigned char>(path[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(path[i + 2]))) {
      out += '%';
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(path[i + 1])));
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(path[i + 2])));
      i += 2;
    } else if (octet <= 0x20 || octet >= 0x7f) {
      out += '%';
      out += hex[octet >> 4];
      out += hex[octet & 0x0f];
    } else {
      out += static_cast<char>(octet);
    }
  }
  return out;
}

// Does `pattern` match a prefix of `path`? '*' matches any run of octets, a
// final '$' anchors the end. Tracks every position the pattern prefix can
// reach, so it is linear in path length per pattern octet (no backtracking blowup).
bool patternMatches(const std::string& pattern, const std::string& path) {
  std::vector<std::size_t> reachable{0};
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char symbol = pattern[i];
    if (symbol == '$' && i + 1 == pattern.size())
      return std::find(reachable.begin(), reachable.end(), path.size()) != reachable.end();
    std::vector<std::size_t> next;
    if (symbol == '*') {
      for (std::size_t p = reachable.front(); p <= path.size(); ++p) next.push_back(p);
    } else {
      for (std::size_t p : reachable)
        if (p < path.size() && path[p] == symbol) next.push_back(p + 1);
    }
    if (next.empty()) return false;
    reachable = std::move(next);
  }
  return true;
}

struct Group {
  std::vector<std::string> agents; // product tokens, or "*"
  std::vector<std::pair<bool, std::string>> rules;
  std::optional<double> crawlDelaySec;
};

// Splits the file into groups: a run of user-agent lines followed by rules.
std::vector<Group> parseGroups(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3); // UTF-8 byte order mark
  std::vector<Group> groups;
  bool lastLineWasAgent = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    line = line.substr(0, line.find('#'));
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key = trimmed(line.substr(0, colon));
    const std::string value = trimmed(line.substr(colon + 1));

    if (equalsIgnoringCase(key, "user-agent")) {
      if (!lastLineWasAgent) groups.emplace_back();
      groups.back().agents.push_back(value == "*" ? "*" : std::string(productTokenOf(value)));
      lastLineWasAgent = true;
      continue;
    }
    lastLineWasAgent = false;
    if (groups.empty()) continue; // rules before any user-agent belong to no group
    if (equalsIgnoringCase(key, "allow") || equalsIgnoringCase(key, "disallow")) {
      if (!value.empty()) groups.back().rules.emplace_back(equalsIgnoringCase(key, "allow"), value);
    } else if (equalsIgnoringCase(key, "crawl-delay")) {
      double seconds = 0;
      if (Poco::NumberParser::tryParseFloat(value, seconds) && seconds >= 0)
        groups.back().crawlDelaySec = seconds;
    }
  }
  return groups;
}

bool groupNames(const Group& group, std::string_view token) {
  return std::any_of(group.agents.begin(), group.agents.end(),
                     [&](const std::string& agent) { return equalsIgnoringCase(agent, token); });
}

} // namespace

RobotsRules RobotsRules::parse(std::string_view text, std::string_view productToken) {
  const std::vector<Group> groups = parseGroups(text);
  // RFC 9309 2.2.1: every group naming our token, merged; if none, every "*" group.
  const bool anyForUs = std::any_of(groups.begin(), groups.end(),
                                    [&](const Group& group) { return groupNames(group, productToken); });
  const std::string_view selector = anyForUs ? productToken : std::string_view("*");

  RobotsRules rules;
  for (const Group& group : groups) {
    if (!groupNames(group, selector)) continue;
    for (const auto& [allow, pattern] : group.rules) rules.rules_.push_back({allow, canonicalPath(pattern)});
    if (!rules.crawlDelaySec_) rules.crawlDelaySec_ = group.crawlDelaySec;
  }
  return rules;
}

RobotsRules RobotsRules::allowAll() {
  return RobotsRules();
}

RobotsRules RobotsRules::disallowAll(std::string reason) {
  RobotsRules rules;
  rules.disallowAllReason_ = std::move(reason);
  return rules;
}

RobotsRules::Verdict RobotsRules::check(std::string_view pathAndQuery) const {
  if (pathAndQuery == "/robots.txt") return {true, ""};
  if (!disallowAllReason_.empty()) return {false, disallowAllReason_};

  const std::string path = canonicalPath(pathAndQuery.empty() ? std::string_view("/") : pathAndQuery);
  const Rule* winner = nullptr;
  for (const Rule& rule : rules_) {
    if (!patternMatches(rule.pattern, path)) continue;
    const bool longer = !winner || rule.pattern.size() > winner->pattern.size();
    const bool allowWinsTie = winner && rule.pattern.size() == winner->pattern.size() && rule.allow;
    if (longer || allowWinsTie) winner = &rule;
  }
  if (!winner) return {true, ""};
  return {winner->allow, std::string(winner->allow ? "Allow: " : "Disallow: ") + winner->pattern};
}

} // namespace convoca::http::detail
