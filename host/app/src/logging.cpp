#include "logging.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/Environment.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/String.h>
#include <Poco/URI.h>
#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <sstream>
#include <sys/stat.h>

namespace convoca::app {

namespace {

constexpr const char* kRedacted = "REDACTED";

// Parameter names whose values are credentials: "key", "api_key", "apiKey",
// "access_token", "X-Amz-Signature", "client_secret", "password", "auth"...
// (not "keywords": the name must end in the word).
bool isSecretName(const std::string& name) {
  std::string folded;
  for (char c : name)
    if (std::isalnum(static_cast<unsigned char>(c))) folded += static_cast<char>(std::tolower(c));
  static const std::array<const char*, 8> endings{"key",    "token", "secret",    "password",
                                                  "passwd", "sig",   "signature", "credential"};
  for (const std::string ending : endings)
    if (folded.size() >= ending.size() &&
        folded.compare(folded.size() - ending.size(), ending.size(), ending) == 0)
      return true;
  return folded == "auth" || folded == "authorization";
}

// Edits the URL's text rather than re-serialising it, so the logged URL
// stays as the source wrote it except for the secrets.
std::string redactUrl(std::string url) {
  const size_t authority = url.find("://") + 3;
  const size_t authorityEnd = std::min(url.find_first_of("/?#", authority), url.size());
  const size_t at = url.rfind('@', authorityEnd);
  if (at != std::string::npos && at >= authority) url.replace(authority, at - authority, kRedacted);
  const size_t query = url.find('?');
  if (query == std::string::npos) return url;
  const size_t fragment = std::min(url.find('#', query), url.size());
  std::string redacted = url.substr(0, query + 1);
  std::istringstream pairs(url.substr(query + 1, fragment - query - 1));
  bool first = true;
  for (std::string pair; std::getline(pairs, pair, '&');) {
    const size_t equals = pair.find('=');
    std::string name;
    Poco::URI::decode(pair.substr(0, equals), name);
    if (equals != std::string::npos && equals + 1 < pair.size() && isSecretName(name))
      pair = pair.substr(0, equals + 1) + kRedacted;
    redacted += (first ? "" : "&") + pair;
    first = false;
  }
  return redacted + url.substr(fragment);
}

bool endsUrl(char c) {
  return std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '\'' || c == '<' || c == '>' ||
         c == ')' || c == ']';
}

} // namespace

bool stderrIsJournal() {
  const std::string stream = Poco::Environment::get("JOURNAL_STREAM", "");
  const size_t colon = stream.find(':');
  if (colon == std::string::npos) return false;
  struct stat info {};
  if (fstat(2, &info) != 0) return false;
  try {
    return std::stoull(stream.substr(0, colon)) == static_cast<unsigned long long>(info.st_dev) &&
           std::stoull(stream.substr(colon + 1)) == static_cast<unsigned long long>(info.st_ino);
  } catch (const std::exception&) {
    return false;
  }
}

int journalPriority(Poco::Message::Priority priority) {
  switch (priority) {
  case Poco::Message::PRIO_FATAL:
  case Poco::Message::PRIO_CRITICAL:
    return 2;
  case Poco::Message::PRIO_ERROR:
    return 3;
  case Poco::Message::PRIO_WARNING:
    return 4;
  case Poco::Message::PRIO_NOTICE:
    return 5;
  case Poco::Message::PRIO_INFORMATION:
    return 6;
  case Poco::Message::PRIO_DEBUG:
  case Poco::Message::PRIO_TRACE:
    return 7;
  }
  return 6;
}

void JournalFormatter::format(const Poco::Message& message, std::string& text) {
  const std::string prefix =
      "<" + std::to_string(journalPriority(message.getPriority())) + ">" + message.getSource() + ": ";
  std::istringstream lines(message.getText());
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    text += (first ? "" : "\n") + prefix + line;
    first = false;
  }
  if (first) text += prefix;
}

void configureLogging(std::ostream& err, bool journal, const std::string& level) {
  Poco::AutoPtr<Poco::Formatter> format;
  if (journal)
    format = new JournalFormatter;
  else
    format = new Poco::PatternFormatter("%p %s: %t");
  Poco::AutoPtr<Poco::ConsoleChannel> console(new Poco::ConsoleChannel(err));
  Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(format, console));
  Poco::Logger::root().setChannel(channel);
  Poco::Logger::root().setLevel(level);
}

std::string redactSecrets(const std::string& text) {
  const std::string lower = Poco::toLower(text);
  std::string result;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = std::min(lower.find("http://", pos), lower.find("https://", pos));
    if (start == std::string::npos) break;
    size_t end = start;
    while (end < text.size() && !endsUrl(text[end])) ++end;
    // Punctuation closing a sentence is not part of the URL.
    while (end > start && std::strchr(".,;:", text[end - 1])) --end;
    result.append(text, pos, start - pos);
    result += redactUrl(text.substr(start, end - start));
    pos = end;
  }
  result.append(text, std::min(pos, text.size()), std::string::npos);
  return result;
}

} // namespace convoca::app
