// One notice payload in, its records out: shared by parse() and harvest().
#pragma once

#include <convoca/plugin.hpp>
#include <string>

namespace ted {

struct EmitCounts {
  size_t emitted = 0;  // accepted by the host
  size_t rejected = 0; // refused by the host's validation (counted and logged there)
  size_t skipped = 0;  // notices that are not calls (awards...), logged here
};

// Reads the whole notice first and emits its lots only when all of them were
// read, so a broken payload emits nothing. Award and other non-call notices
// emit nothing and are logged at info level with the reason.
// `publicationNumber` completes notices whose XML does not carry it (harvest knows it).
// Throws Error(CONVOCA_SOURCE_FORMAT) naming `name` for a payload it cannot read.
void emitNotice(const convoca::sdk::Host& host, const std::string& name, const std::string& data,
                const std::string& publicationNumber, EmitCounts& counts);

} // namespace ted
