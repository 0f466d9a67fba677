// The declarative plugin's parse() of a listing page under a shipped
// definition: HTML/XML through libxml2 and XPath, JSON through JSON pointers,
// dates through the definitions' directives. The file name picks the
// definition ("<id>--..."); here the content does, so every seed reaches the
// code of its own site: JSON goes to interreg-euro-med-calls, a page naming
// URBACT to urbact-calls, any other page to eui-calls. (One definition per
// input: the plugin compiles each date format's std::regex per item, which
// makes a parse slow under the sanitizers.)
#include "fuzz_host.h"

#include <algorithm>
#include <cctype>

namespace {

const char* definitionFileFor(const std::string& payload) {
  const auto first =
      std::find_if(payload.begin(), payload.end(), [](unsigned char c) { return !std::isspace(c); });
  if (first != payload.end() && (*first == '{' || *first == '[')) return "interreg-euro-med-calls--fuzz.json";
  if (payload.find("URBACT") != std::string::npos || payload.find("urbact") != std::string::npos)
    return "urbact-calls--fuzz.html";
  return "eui-calls--fuzz.html";
}

} // namespace

extern "C" const convoca_plugin* convoca_plugin_entry_declarative(void);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string payload = convoca::fuzz::textOf(data, size);
  convoca::fuzz::parseWithPlugin(convoca_plugin_entry_declarative, definitionFileFor(payload), payload);
  return 0;
}
