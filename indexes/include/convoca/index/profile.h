// A matching profile: an office's line of action, written once (in Catalan,
// Spanish, English or French), that convoca matches against every call.
// The JSON format is DESIGN.md's "Matching" section; only id, title and
// description are required.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace convoca::index {

// A profile document that does not follow the format; what() names the field.
class ProfileError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

struct ProfileBudget {
  std::optional<double> min;
  std::optional<double> max;
  std::string currency = "EUR";
};

struct ProfileEligibility {
  // local-authority, regional-authority, public-body, ngo, non-profit,
  // university, research, company, sme (and common other names: municipality,
  // city, region, enterprise...; see src/index/eligibility.cpp)
  std::vector<std::string> entityTypes;
  std::vector<std::string> countries;   // ISO 3166-1 alpha-2, e.g. "ES"
  std::vector<std::string> regions;     // NUTS codes, e.g. "ES51"
};

struct Profile {
  std::string id; // [a-z0-9-], e.g. "amb-adaptacio-climatica"
  std::string title;
  std::string language; // ISO 639-1; detected from the description when absent
  std::string description;
  std::vector<std::string> keywords;
  std::vector<int> sdgs;               // 1..17
  std::vector<std::string> programmes; // programme codes; empty = any
  std::optional<ProfileBudget> budget;
  ProfileEligibility eligibility;
  int horizonDays = 365; // deadline at most this far ahead
  bool includeClosed = false;
};

// Parses and validates a profile document. Throws ProfileError naming the
// field (and the line and column for malformed JSON).
Profile profileFromJson(const std::string& json);

// The canonical JSON form (export): every field, in the format's order.
std::string profileToJson(const Profile& profile);

} // namespace convoca::index
