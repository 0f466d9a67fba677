#include "stream_text.h"

#include "convoca/index/html_text.h"

#include <string_view>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

namespace convoca::translation::detail {
namespace {

constexpr std::string_view kReserved = "\\[]^$@/<>{}";
constexpr std::string_view kBlank = " \t\n";

// A cut text looks back this many bytes at most for a word boundary; past that
// it keeps the cut inside a word (a text without spaces).
constexpr size_t kWordBoundarySearch = 200;

// C0 controls, DEL and the C1 controls (U+0080-U+009F, C2 80-C2 9F in UTF-8)
// become spaces; CR LF and lone CR become LF. Input is valid UTF-8.
std::string withoutControlCharacters(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (byte == '\n') {
      out += '\n';
    } else if (byte < 0x20 || byte == 0x7f) {
      out += ' ';
    } else if (byte == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      out += ' ';
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Composed characters (NFC): Apertium's dictionaries hold "à", not "a" and a
// combining grave accent, and the UN's French and Spanish SDG texts, for one,
// come decomposed. Text ICU cannot read is returned as it was.
std::string composed(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (U_FAILURE(status) || nfc->isNormalizedUTF8(piece, status)) return text;
  std::string out;
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(text.size()));
  status = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  return U_SUCCESS(status) ? out : text;
}

} // namespace

std::string trimmed(const std::string& text) {
  const size_t first = text.find_first_not_of(kBlank);
  if (first == std::string::npos) return {};
  const size_t last = text.find_last_not_of(kBlank);
  return text.substr(first, last - first + 1);
}

std::string prepareText(const std::string& text, size_t maxBytes) {
  // Cut before composing (a 2 MB document need not be composed whole) and again
  // after (composing may, rarely, lengthen a text).
  const std::string cut = index::validUtf8(text, maxBytes);
  std::string clean = withoutControlCharacters(index::validUtf8(composed(cut), maxBytes));
  if (text.size() > maxBytes) {
    const size_t blank = clean.find_last_of(kBlank);
    if (blank != std::string::npos && clean.size() - blank <= kWordBoundarySearch) clean.resize(blank);
  }
  return trimmed(clean);
}

std::string escapeForStream(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (char c : text) {
    if (kReserved.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string toStreamItem(const std::string& text) {
  const size_t last = text.find_last_not_of(" \t\n^");
  std::string item = escapeForStream(last == std::string::npos ? "" : text.substr(0, last + 1));
  item += '\n';
  item += '\0';
  return item;
}

std::string unescapeFromStream(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) ++i;
    out += text[i];
  }
  return out;
}

} // namespace convoca::translation::detail
