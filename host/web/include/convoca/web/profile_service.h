// What the web room asks of matching: the stored profiles, a profile's ranked
// matches, and its digest. An interface (like SearchService) so the HTTP layer
// is tested with canned answers and knows nothing of the state DB or Apertium.
#pragma once

#include <Poco/JSON/Object.h>
#include <optional>
#include <stdexcept>
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

// What staff said about a match (state::Feedback as the API shows it).
struct FeedbackItem {
  std::string kind;    // "record" | "programme"
  std::string subject; // record id or programme code
  std::string verdict; // "relevant" | "not-relevant" | "muted"; "clear" to remove one
  std::string givenAt; // RFC 3339 UTC, empty when setting
};

// A profile document the validator refuses; what() names the field (answered 422).
class InvalidProfile : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class ProfileService {
public:
  virtual ~ProfileService() = default;
  // Thread-safe, like SearchService.
  virtual std::vector<ProfileSummary> profiles() = 0;
  // The match result JSON (convoca::matching::resultToJson); nullopt when no such profile.
  virtual std::optional<Poco::JSON::Object::Ptr> matches(const std::string& profileId, size_t limit,
                                                         bool includeClosed = false) = 0;
  // The stored profile document (JSON text, DESIGN.md "Matching"); nullopt when absent.
  virtual std::optional<std::string> profileDocument(const std::string& profileId) = 0;
  // Validates a profile document and stores it under its "id", replacing one
  // with that id. Returns the stored document (normalised). Throws InvalidProfile.
  virtual std::string saveProfile(const std::string& documentJson) = 0;
  // Removes the profile with its feedback and digest; false when absent.
  virtual bool removeProfile(const std::string& profileId) = 0;
  // Oldest first; nullopt when no such profile.
  virtual std::optional<std::vector<FeedbackItem>> feedback(const std::string& profileId) = 0;
  // Stores (or with verdict "clear" removes) a verdict; false when no such
  // profile. Throws InvalidProfile for an unknown kind or verdict.
  virtual bool setFeedback(const std::string& profileId, const FeedbackItem& item) = 0;
  // Newest first; nullopt when no such profile.
  virtual std::optional<std::vector<DigestItem>> digest(const std::string& profileId, size_t limit) = 0;
};

} // namespace convoca::web
