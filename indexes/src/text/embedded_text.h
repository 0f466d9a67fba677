// The text files of indexes/data, compiled in (embed_text.cmake writes the
// definitions at build time), so nothing is read from disk at run time.
#pragma once

#include <string_view>

namespace convoca::index::text {

// The content of indexes/data/<name> ("stopwords/ca.txt", "concepts.tsv");
// empty for a name that was not embedded.
std::string_view embeddedText(std::string_view name);

} // namespace convoca::index::text
