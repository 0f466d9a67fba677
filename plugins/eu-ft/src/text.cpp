#include "text.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace euft {
namespace {

constexpr size_t kSummaryLength = 300;

bool isSpace(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// Lines such as "Expected Outcome:", "Scope:" or "Proposals are expected to
// contribute to the following:" label or introduce what follows; they say
// nothing on their own.
bool isLeadIn(const std::string& line) {
  return !line.empty() && line.back() == ':';
}

// The description's lines joined with spaces, without the lead-in lines
// (unless nothing else is left).
std::string bodyOf(const std::string& plainText) {
  std::istringstream lines(plainText);
  std::string line;
  std::string body;
  std::string everything;
  while (std::getline(lines, line)) {
    line = collapseSpaces(line);
    if (line.empty()) continue;
    everything += (everything.empty() ? "" : " ") + line;
    if (isLeadIn(line)) continue;
    body += (body.empty() ? "" : " ") + line;
    if (body.size() > 2 * kSummaryLength) break; // enough to choose from
  }
  return body.empty() ? everything : body;
}

// True when the '.' at `dot` ends a word that is not an abbreviation such as
// "e.g." or "U.S." (a word with another '.' inside).
bool endsSentenceWord(const std::string& text, size_t dot) {
  const size_t wordStart = text.rfind(' ', dot);
  const size_t from = wordStart == std::string::npos ? 0 : wordStart + 1;
  return text.find('.', from) == dot;
}

// Position just after the last sentence end ('.', '!' or '?' followed by a
// space or the end of the text) within the first `limit` characters; 0 if none.
size_t lastSentenceEnd(const std::string& text, size_t limit) {
  size_t end = 0;
  for (size_t i = 0; i < text.size() && i < limit; ++i) {
    const char c = text[i];
    const bool atBoundary = i + 1 == text.size() || text[i + 1] == ' ';
    if (!atBoundary) continue;
    if (c == '!' || c == '?' || (c == '.' && endsSentenceWord(text, i))) end = i + 1;
  }
  return end;
}

} // namespace

std::string collapseSpaces(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool pendingSpace = false;
  for (char c : text) {
    if (isSpace(c)) {
      pendingSpace = !out.empty();
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += c;
  }
  return out;
}

std::string summaryOf(const std::string& plainText) {
  const std::string body = bodyOf(plainText);
  if (body.size() <= kSummaryLength) return body;
  if (size_t end = lastSentenceEnd(body, kSummaryLength); end > 0) return body.substr(0, end);
  // No sentence ends early enough: cut at the last space, which is never inside a UTF-8 sequence.
  size_t cut = body.rfind(' ', kSummaryLength);
  if (cut == std::string::npos || cut == 0) cut = kSummaryLength;
  while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;
  return body.substr(0, cut) + "\xE2\x80\xA6"; // U+2026 HORIZONTAL ELLIPSIS
}

void addUnique(std::vector<std::string>& list, const std::string& value) {
  std::string clean = collapseSpaces(value);
  if (clean.empty() || std::find(list.begin(), list.end(), clean) != list.end()) return;
  list.push_back(std::move(clean));
}

} // namespace euft
