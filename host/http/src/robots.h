// robots.txt (RFC 9309, the Robots Exclusion Protocol): parsing one file and
// deciding whether a path may be fetched. Fetching the file is the client's job.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace convoca::http::detail {

// The rules of one robots.txt that apply to one product token.
class RobotsRules {
public:
  struct Verdict {
    bool allowed = true;
    std::string rule; // the deciding line, e.g. "Disallow: /private", or why everything is refused
  };

  // The groups for `productToken` (case-insensitive), else the "*" groups, else
  // no rules. Unknown lines and lines before the first user-agent are ignored.
  static RobotsRules parse(std::string_view text, std::string_view productToken);
  // No robots.txt (4xx): everything may be fetched.
  static RobotsRules allowAll();
  // robots.txt unreachable (5xx): RFC 9309 2.3.1.4 says assume complete disallow.
  static RobotsRules disallowAll(std::string reason);

  // `pathAndQuery` is the URL's path with its query ("/search?q=x"). The longest
  // matching rule wins, Allow on a tie; /robots.txt itself is always allowed.
  Verdict check(std::string_view pathAndQuery) const;

  // The group's Crawl-delay in seconds (not in RFC 9309, widely used), if any.
  std::optional<double> crawlDelaySec() const { return crawlDelaySec_; }

private:
  struct Rule {
    bool allow = false;
    std::string pattern; // normalised; may hold '*' and a final '$'
  };

  std::vector<Rule> rules_;
  std::optional<double> crawlDelaySec_;
  std::string disallowAllReason_; // non-empty: refuse everything with this reason
};

} // namespace convoca::http::detail
