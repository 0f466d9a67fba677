// The portal's dates, turned into RFC 3339 instants in Brussels time.
//
// The portal writes one deadline in several ways (data-sources.md §1d):
//  - search API: "2024-02-07T17:00:00.000+0000". The "+0000" is a lie: the
//    fields are Brussels wall-clock time. "T00:00:00.000+0000" carries a date only.
//  - JSON inside `actions`: "2026-11-26", a date only.
//  - grantsTenders.json: epoch milliseconds. For grants, midnight UTC of the day
//    (a date only); for tenders, the real instant.
// A date without a time gets the standard EU cut-off, 17:00 Brussels, for a
// deadline and 00:00 Brussels for an opening, with the "time assumed" flag.
#pragma once

#include "call_record.h"

#include <convoca/plugin.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace euft {

inline constexpr const char* kPortalZone = "Europe/Brussels";

struct Moment {
  std::string rfc3339; // with the Brussels offset of that day
  std::string raw;     // the source's own string
  bool timeAssumed = false;
};

// What an epoch-millisecond value of grantsTenders.json means.
enum class EpochMeaning {
  MidnightUtcIsDate, // grants: a value at midnight UTC is a calendar day
  Instant,           // tenders: always the real instant
};

// Converts through the host's time services; nullopt for a value the host cannot read.
class PortalTime {
public:
  explicit PortalTime(const convoca::sdk::Host& host) : host_(host) {}

  std::optional<Moment> deadlineFromText(const std::string& raw) const;
  std::optional<Moment> openingFromText(const std::string& raw) const;
  std::optional<Moment> deadlineFromEpoch(int64_t unixMs, EpochMeaning meaning) const;
  std::optional<Moment> openingFromEpoch(int64_t unixMs, EpochMeaning meaning) const;

private:
  std::optional<Moment> fromText(const std::string& raw, const char* assumedTime) const;
  std::optional<Moment> fromEpoch(int64_t unixMs, EpochMeaning meaning, const char* assumedTime) const;
  std::optional<Moment> atBrusselsTime(const std::string& day, const std::string& time,
                                       const std::string& raw, bool assumed) const;

  const convoca::sdk::Host& host_;
};

// Sets deadlines (ascending, duplicates once), deadlines_raw and the flag.
void setDeadlines(CallRecord& record, std::vector<Moment> deadlines);
void setOpening(CallRecord& record, const std::optional<Moment>& opening);

} // namespace euft
