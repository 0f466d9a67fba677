// The eu-ft plugin's parse(): it tells a SEDIA search response from a grantsTenders.json
// dump by content (streaming Poco JSON handler), so one target covers both.
#include "fuzz_host.h"

extern "C" const convoca_plugin* convoca_plugin_entry_eu_ft(void);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  convoca::fuzz::parseWithPlugin(convoca_plugin_entry_eu_ft, "fuzz-payload.json",
                                 convoca::fuzz::textOf(data, size));
  return 0;
}
