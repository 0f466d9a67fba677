// The raisc plugin's parse(): Socrata rows of RAISC and CIDO (JSON), amounts, Madrid times.
#include "fuzz_host.h"

extern "C" const convoca_plugin* convoca_plugin_entry_raisc(void);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  convoca::fuzz::parseWithPlugin(convoca_plugin_entry_raisc, "fuzz-rows.json",
                                 convoca::fuzz::textOf(data, size));
  return 0;
}
