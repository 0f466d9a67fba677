// The bdns plugin's parse(): BDNS search pages and convocatoria details (JSON).
#include "fuzz_host.h"

extern "C" const convoca_plugin* convoca_plugin_entry_bdns(void);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  convoca::fuzz::parseWithPlugin(convoca_plugin_entry_bdns, "fuzz-payload.json",
                                 convoca::fuzz::textOf(data, size));
  return 0;
}
