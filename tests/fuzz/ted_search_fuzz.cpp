// The TED Search API v3 page reader (ted::readSearchPage), which only harvest()
// reaches: notices, total count, iteration token. Its documented error is
// convoca::sdk::Error(CONVOCA_SOURCE_FORMAT); any other exception is a finding.
#include "fuzz_host.h"
#include "search.h"

#include <convoca/plugin.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    ted::readSearchPage("fuzz-search.json", convoca::fuzz::textOf(data, size));
  } catch (const convoca::sdk::Error& error) {
    if (error.status() != CONVOCA_SOURCE_FORMAT)
      convoca::fuzz::finding("readSearchPage failed with status " + std::to_string(error.status()),
                             error.what());
  }
  return 0;
}
