// BDNS application dates, turned into RFC 3339 instants.
//
// Detail payloads write fechaInicioSolicitud / fechaFinSolicitud as
// "2024-10-14T00:00:00+01:00": Madrid wall-clock time with its offset. A value
// at 00:00:00 (or a bare "2024-10-14") carries a date only: the application
// period runs through that whole day, so a deadline is 23:59:59 Europe/Madrid
// of that day and an opening 00:00:00 Europe/Madrid, both with the "time
// assumed" flag. Any other time is kept as the instant the source states.
#pragma once

#include <convoca/plugin.hpp>
#include <optional>
#include <string>

namespace bdns {

inline constexpr const char* kSourceZone = "Europe/Madrid";

struct Moment {
  std::string rfc3339;
  bool timeAssumed = false;
};

enum class DateRole { Opening, Deadline };

// nullopt when `raw` is not a BDNS date or timestamp.
std::optional<Moment> momentFrom(const convoca::sdk::Host& host, const std::string& raw, DateRole role);

} // namespace bdns
