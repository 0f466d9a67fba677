// Logging set-up: every Poco logger writes to stderr, in the form the journal
// reads when systemd runs convoca, and URLs lose their secrets before they are
// logged.
//
// - Under systemd, stderr is the journal: sd-daemon(3) says a program may
//   then start each line with its priority, "<3>" error, "<4>" warning,
//   "<6>" info, "<7>" debug, and leave out the time the journal adds itself:
//   "<6>harvest: run=42 source=eu-ft: ok".
// - Anywhere else: "LEVEL source: text", e.g. "Information harvest: run=42 source=eu-ft: ok".
#pragma once

#include <Poco/Formatter.h>
#include <Poco/Message.h>
#include <iosfwd>
#include <string>

namespace convoca::app {

// True when $JOURNAL_STREAM ("DEVICE:INODE") names file descriptor 2, as
// systemd sets it for a service whose stderr is the journal. A child with
// stderr redirected elsewhere inherits the variable but fails the check.
bool stderrIsJournal();

// The sd-daemon priority of a Poco priority: fatal and critical 2, error 3,
// warning 4, notice 5, information 6, debug and trace 7.
int journalPriority(Poco::Message::Priority priority);

// "<N>source: text", each line of a multi-line text with the prefix.
class JournalFormatter : public Poco::Formatter {
public:
  void format(const Poco::Message& message, std::string& text) override;
};

// The root logger writes to `err` in the journal form when `journal`, else as
// "LEVEL source: text"; `level` is a Poco level name ("information", "debug"...).
void configureLogging(std::ostream& err, bool journal, const std::string& level);

// `text` with every http(s) URL's user info and secret-looking query values
// (key, token, password, secret, signature... in the parameter name) replaced
// by "REDACTED", so a source's API key never reaches the log.
std::string redactSecrets(const std::string& text);

} // namespace convoca::app
