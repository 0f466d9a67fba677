// One Socrata SODA JSON answer (an array of row objects) from either dataset,
// turned into records. The whole payload is read before anything is returned,
// so a broken page yields no record at all.
#pragma once

#include "call_record.h"
#include "madrid_time.h"

#include <convoca/plugin.hpp>
#include <optional>
#include <string>
#include <vector>

namespace raisc {

enum class Dataset {
  Raisc, // khxn-nv6a, RAISC convocatòries (Generalitat, diputacions, municipalities)
  Cido,  // 3gku-b36y, CIDO convocatòries (Diputació de Barcelona)
};

struct ParsedRows {
  std::vector<CallRecord> records;
  size_t rows = 0;       // rows in the payload, records or not
  std::string latestDay; // latest publication day seen ("YYYY-MM-DD"), "" if none
};

// Reads rows the way both datasets write them. Rows are recognised by their
// columns: codi_raisc → RAISC; nom_ens / enlla / data_pub / resum → CIDO.
class RowReader {
public:
  explicit RowReader(const convoca::sdk::Host& host) : host_(host), time_(host) {}

  // Throws Error(CONVOCA_SOURCE_FORMAT) naming `name` and the row or field when
  // the payload is not a JSON array of rows (or a row is not of `expected`).
  ParsedRows read(const std::string& name, const std::string& json,
                  std::optional<Dataset> expected = std::nullopt) const;

private:
  const convoca::sdk::Host& host_;
  MadridTime time_;
};

// The record id of a CIDO row: "raisc:cido-<n>" with the numeric id in its CIDO
// link, else "raisc:cido-" + 16 hex digits of the SHA-1 of the link (or, with no
// link, of the issuing body, publication date and summary).
std::string cidoRecordId(const std::string& link, const std::string& fallbackKey);

// NUTS code of a RAISC regio_apli name (CATALUNYA → ES51, BARCELONA → ES511,
// ESPANYA → ES); "" for a name without one (TOT EL MON, comarques…).
std::string nutsOfRegion(const std::string& name);

} // namespace raisc
