// The undl plugin's parse(): OAI-PMH responses (GetRecord, ListRecords, errors) carrying
// MARC21 (marcxml), through the shared OAI core.
#include "fuzz_host.h"

extern "C" const convoca_plugin* convoca_plugin_entry_undl(void);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  convoca::fuzz::parseWithPlugin(convoca_plugin_entry_undl, "fuzz-page.xml",
                                 convoca::fuzz::textOf(data, size));
  return 0;
}
