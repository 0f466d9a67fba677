// Text of linked documents (convoca::documents::extractText) for HTML:
// libxml2's HTML parser, the main-text selection (no navigation, headers,
// footers), the byte cap at a character boundary. PDF (poppler) is left out:
// its parser is not ours to fix. The documented error is ExtractError; the
// text must respect the cap, which is kept small enough to be hit.
#include "fuzz_host.h"

#include <algorithm>
#include <convoca/documents/extract.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body = convoca::fuzz::textOf(data, size);
  if (body.compare(0, 5, "%PDF-") == 0) return 0; // would go to poppler whatever the type
  const size_t cap = std::max<size_t>(16, size / 2);
  try {
    const auto extracted = convoca::documents::extractText("text/html; charset=utf-8", body, cap);
    if (extracted.text.size() > cap)
      convoca::fuzz::finding("extractText exceeded its cap", std::to_string(extracted.text.size()));
  } catch (const convoca::documents::ExtractError&) {
  }
  return 0;
}
