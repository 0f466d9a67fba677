// The feeds plugin's parse(): RSS 2.0 and Atom 1.0 (libxml2), dates, relative links.
#include "fuzz_host.h"

extern "C" const convoca_plugin* convoca_plugin_entry_feeds(void);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  convoca::fuzz::parseWithPlugin(convoca_plugin_entry_feeds, "fuzz-feed.xml",
                                 convoca::fuzz::textOf(data, size));
  return 0;
}
