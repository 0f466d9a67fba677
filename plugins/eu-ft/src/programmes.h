// The 2021-2027 funding programmes of the Funding & Tenders Portal, keyed by the
// portal's numeric frameworkProgramme code.
#pragma once

#include <string>

namespace euft {

struct Programme {
  const char* code; // short stable code used for filters, e.g. "HORIZON"
  const char* name; // display name, e.g. "Horizon Europe"
};

// The programme for a frameworkProgramme code ("43108390"), or nullptr when the
// code is not in the table: callers leave the programme absent, never guess it.
const Programme* programmeByCode(const std::string& frameworkProgrammeCode);

} // namespace euft
