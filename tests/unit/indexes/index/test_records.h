// Records built in code for the index tests, with dates relative to a pinned now.
#pragma once

#include "convoca/index/record.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace convoca::index::testing {

// 2026-03-02T12:00:00Z, a Monday.
inline constexpr int64_t kNow = 1772452800;
inline constexpr int64_t kDay = 24 * 3600;

// RFC 3339 (UTC) of kNow + days.
std::string daysFromNow(int64_t days);

// "YYYY-MM-DD" of the instant in the home zone (Europe/Madrid).
std::string homeDay(int64_t unixSeconds);

// A fresh directory removed when the object goes away.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string path(const std::string& leaf = "index") const { return (root_ / leaf).string(); }

private:
  std::filesystem::path root_;
};

// A minimal valid record: id "<source>:<key>", kind call, English.
Record makeRecord(const std::string& source, const std::string& key, const std::string& title);

// Seven records of four sources in four languages, with every status at kNow:
//   eu-ft:HORIZON-MISS-2027-05-SOIL-01     en open (stage 1 at +20 d, stage 2 at +200 d), 5 M EUR
//   eu-ft:HORIZON-CL6-2026-04-GOVERNANCE-01 en closed 10 d ago, "soil" only in the text, 3 M EUR
//   eu-ft:LIFE-2026-CLIMA-CITIES             en forthcoming (opens +15 d, deadline +120 d), 1.5 M EUR
//   cat-gov:habitatge-2026                   ca open, deadline +5 d, 200 k EUR
//   bdns:812345                              es closed 400 d ago
//   ungm:eau-2026                            fr no dates (status unknown), budget in USD
//   cat-gov:guia-ajuts                       ca document, no dates
std::vector<Record> sampleRecords();

} // namespace convoca::index::testing
