#include "retry_policy.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/NumberParser.h>
#include <Poco/RegularExpression.h>
#include <Poco/String.h>
#include <Poco/Timestamp.h>
#include <algorithm>
#include <iterator>

namespace convoca::http::detail {

bool isRetryableStatus(int status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

std::chrono::milliseconds backoffCeiling(int retry, int baseMs, int maxMs) {
  // Double in 64 bits and stop early: 2^retry overflows long before any sane maxMs.
  long long ceiling = std::max(baseMs, 0);
  for (int i = 0; i < retry && ceiling < maxMs; ++i) ceiling *= 2;
  return std::chrono::milliseconds(std::min<long long>(ceiling, std::max(maxMs, 0)));
}

std::chrono::milliseconds backoffDelay(int retry, int baseMs, int maxMs, std::mt19937_64& random) {
  const long long ceiling = backoffCeiling(retry, baseMs, maxMs).count();
  std::uniform_int_distribution<long long> pick(0, ceiling);
  return std::chrono::milliseconds(pick(random));
}

std::optional<std::chrono::seconds> parseRetryAfter(const std::string& value,
                                                    std::chrono::system_clock::time_point now) {
  const std::string text = Poco::trim(value);
  if (text.empty()) return std::nullopt;
  Poco::UInt64 seconds = 0;
  if (Poco::NumberParser::tryParseUnsigned64(text, seconds))
    return std::chrono::seconds(
        static_cast<long long>(std::min<Poco::UInt64>(seconds, Poco::UInt64{1} << 40)));

  // The three date forms RFC 9110 5.6.7 tells recipients to accept. Poco's
  // parser makes the best of anything, so the shape is checked first.
  struct DateForm {
    const char* shape;
    const std::string& format;
  };
  static const DateForm forms[] = {
      {"^[A-Za-z]{3}, [0-9]{2} [A-Za-z]{3} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$",
       Poco::DateTimeFormat::HTTP_FORMAT},
      {"^[A-Za-z]{6,9}, [0-9]{2}-[A-Za-z]{3}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$",
       Poco::DateTimeFormat::RFC850_FORMAT},
      {"^[A-Za-z]{3} [A-Za-z]{3} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{4}$",
       Poco::DateTimeFormat::ASCTIME_FORMAT}};
  Poco::DateTime when;
  int zoneDifferential = 0;
  const auto form = std::find_if(std::begin(forms), std::end(forms), [&](const DateForm& candidate) {
    return Poco::RegularExpression(candidate.shape).match(text);
  });
  if (form == std::end(forms) || !Poco::DateTimeParser::tryParse(form->format, text, when, zoneDifferential))
    return std::nullopt;
  when.makeUTC(zoneDifferential);
  const auto whenSinceEpoch = std::chrono::microseconds(when.timestamp().epochMicroseconds());
  const auto nowSinceEpoch = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch());
  const auto wait = std::chrono::ceil<std::chrono::seconds>(whenSinceEpoch - nowSinceEpoch);
  return std::max(wait, std::chrono::seconds(0));
}

} // namespace convoca::http::detail
