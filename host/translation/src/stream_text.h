// Text on its way into and out of an Apertium pipeline run with `-f none -z`.
// No deformatter runs in that mode, so the characters Apertium's stream format
// reserves are escaped here and unescaped on the way back; NUL delimits items,
// so no text may contain one.
#pragma once

#include <cstddef>
#include <string>

namespace convoca::translation::detail {

// What is worth translating of `text`: valid UTF-8 in composed form (NFC),
// control characters other than newline turned into spaces (CR LF and lone CR
// into newline), at most maxBytes (cut at a word boundary when there is one
// near the end), trimmed.
std::string prepareText(const std::string& text, size_t maxBytes);

// A backslash before each of \ [ ] ^ $ @ / < > { } (superblanks, lexical units,
// tags, escapes), so the text reaches the analyser as plain words.
std::string escapeForStream(const std::string& text);

// One text as an item of a null-flush stream: escaped, then "\n\0". Works
// around two lttoolbox 3.7 faults: lt-proc -b answers an item only once a
// blank follows its last word, and an item ending in "^" swallows the NUL
// after it (so trailing carets are dropped).
std::string toStreamItem(const std::string& text);

// Each "\x" back to "x".
std::string unescapeFromStream(const std::string& text);

// Leading and trailing spaces, tabs and newlines removed.
std::string trimmed(const std::string& text);

} // namespace convoca::translation::detail
