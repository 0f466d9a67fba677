// The unpp plugin's parse(): a UN Partner Portal project page (JSON).
#include "fuzz_host.h"

extern "C" const convoca_plugin* convoca_plugin_entry_unpp(void);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  convoca::fuzz::parseWithPlugin(convoca_plugin_entry_unpp, "fuzz-page.json",
                                 convoca::fuzz::textOf(data, size));
  return 0;
}
