// The oai-pmh plugin's parse(): OAI-PMH responses carrying oai_dc, through the shared OAI core.
// base_url is the one option parse() needs (records link back to the repository).
#include "fuzz_host.h"

extern "C" const convoca_plugin* convoca_plugin_entry_oai_pmh(void);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  convoca::fuzz::parseWithPlugin(convoca_plugin_entry_oai_pmh, "fuzz-page.xml",
                                 convoca::fuzz::textOf(data, size),
                                 {{"base_url", "https://repository.example.org/oai"}});
  return 0;
}
