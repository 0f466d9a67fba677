// The ted plugin's parse(): one eForms notice (libxml2 + XPath), lots, deadlines, languages.
#include "fuzz_host.h"

extern "C" const convoca_plugin* convoca_plugin_entry_ted(void);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  convoca::fuzz::parseWithPlugin(convoca_plugin_entry_ted, "fuzz-notice.xml",
                                 convoca::fuzz::textOf(data, size));
  return 0;
}
