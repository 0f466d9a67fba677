// What the web room asks of matching: the stored profiles, a profile's ranked
// matches, and its digest. An interface (like SearchService) so the HTTP layer
// is tested with canned answers and knows nothing of the state DB or Apertium.
#pragma once

#include <Poco/JSON/Object.h>
#include <optional>
#include <string>
#include <vector>

namespace convoca::web {

struct ProfileSummary {
  std::string id;
  std::string title;
  std::string language;
};

// One entry of a profile's digest, as a feed shows it.
struct DigestItem {
  int64_t id = 0;        // increasing: the Atom entry id and ordering
  std::string createdAt; // RFC 3339 UTC
  std::string change;    // "new" | "changed"
  std::string recordId;
  std::string title;
  std::string url;     // the call's page at its source, may be empty
  std::string summary; // plain text: programme, deadline, why it matched
};

class ProfileService {
public:
  virtual ~ProfileService() = default;
  // Thread-safe, like SearchService.
  virtual std::vector<ProfileSummary> profiles() = 0;
  // The match result JSON (convoca::matching::resultToJson); nullopt when no such profile.
  virtual std::optional<Poco::JSON::Object::Ptr> matches(const std::string& profileId, size_t limit) = 0;
  // Newest first; nullopt when no such profile.
  virtual std::optional<std::vector<DigestItem>> digest(const std::string& profileId, size_t limit) = 0;
};

} // namespace convoca::web
