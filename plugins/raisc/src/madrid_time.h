// Socrata "floating" timestamps ("2024-05-01T00:00:00.000": no zone) are
// wall-clock times in Catalonia, converted to RFC 3339 with the Europe/Madrid
// offset of that day (+01:00 in winter, +02:00 in summer) by the host.
//
// A deadline at exactly midnight is a date without a time (the Generalitat's
// datasets store dates as midnight timestamps): the application period runs to
// the end of that day, so it becomes 23:59:59 Madrid time with the
// "time assumed" flag. Any other time is kept as given.
#pragma once

#include <convoca/plugin.hpp>
#include <optional>
#include <string>

namespace raisc {

inline constexpr const char* kCatalanZone = "Europe/Madrid";

struct Moment {
  std::string rfc3339; // with the Madrid offset of that day
  std::string raw;     // the source's own string
  bool timeAssumed = false;
};

class MadridTime {
public:
  explicit MadridTime(const convoca::sdk::Host& host) : host_(host) {}

  // The instant a floating timestamp (or a bare "YYYY-MM-DD") names; nullopt
  // when it is not one.
  std::optional<Moment> instant(const std::string& raw) const;
  // The same, but midnight means "until the end of that day" (see above).
  std::optional<Moment> deadline(const std::string& raw) const;

private:
  std::optional<Moment> convert(const std::string& raw, bool midnightIsEndOfDay) const;

  const convoca::sdk::Host& host_;
};

// "YYYY-MM-DD" of a floating timestamp, or "" when it is not one.
std::string dayOf(const std::string& raw);

} // namespace raisc
