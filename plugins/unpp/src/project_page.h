// A page of the portal's project list: Django REST framework's
// PageNumberPagination, {count, next, previous, results[]}.
#pragma once

#include "call_record.h"
#include "projects.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace unpp {

struct ProjectPage {
  std::optional<int64_t> count; // rows in the whole list, when the page says
  std::string next;             // absolute URL of the next page; "" on the last page
  std::vector<CallRecord> records;
};

// Reads a whole page before returning anything, so a broken page yields no
// record. `name` (a file name or "page 2 (<url>)") starts every error message.
// Throws convoca::sdk::Error(CONVOCA_SOURCE_FORMAT) naming the position or field.
ProjectPage readProjectPage(const std::string& name, const std::string& body, ProjectReader& reader);

} // namespace unpp
