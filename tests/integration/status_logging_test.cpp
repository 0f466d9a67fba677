// Logs for the operator: the journal's "<N>" priority prefix when stderr is
// the journal, "LEVEL source: text" otherwise, run id and source on harvest
// lines, and no credentials from URLs.
#include "cli_runner.h"
#include "logging.h"

#include <Poco/FileStream.h>
#include <Poco/Message.h>
#include <Poco/StreamCopier.h>
#include <cstdlib>
#include <gtest/gtest.h>
#include <sys/stat.h>

namespace convoca::testing {
namespace {

const std::string kDemoExchanges = CONVOCA_SOURCE_DIR "/fixtures/eu-ft/exchanges";

std::string fileText(const std::string& path) {
  Poco::FileInputStream in(path);
  std::string text;
  Poco::StreamCopier::copyToString(in, text);
  return text;
}

// Runs a replayed eu-ft harvest with stderr in `errFile` and JOURNAL_STREAM as given.
std::string harvestLog(const std::string& name, const std::string& journalStream) {
  const std::string data = freshDirectory(name);
  const std::string errFile = data + "/stderr.txt";
  Poco::FileOutputStream(errFile).close();
  std::string stream = journalStream;
  if (stream == "stderr") {
    struct stat info {};
    EXPECT_EQ(stat(errFile.c_str(), &info), 0);
    stream = std::to_string(info.st_dev) + ":" + std::to_string(info.st_ino);
  }
  const std::string command =
      "cd " CONVOCA_SOURCE_DIR " && JOURNAL_STREAM=" + stream + " " CONVOCA_BINARY_DIR "/convoca --data " +
      data + " harvest --source eu-ft --replay " + kDemoExchanges + " >/dev/null 2>" + errFile;
  EXPECT_EQ(std::system(command.c_str()), 0) << fileText(errFile);
  return fileText(errFile);
}

TEST(StatusLogging, WritesJournalPrioritiesWithoutTimestampsWhenStderrIsTheJournal) {
  const std::string log = harvestLog("log-journal", "stderr");
  EXPECT_NE(log.find("<6>harvest: run=1 source=eu-ft: harvest started"), std::string::npos) << log;
  EXPECT_NE(log.find("<6>harvest: run=1 source=eu-ft: ok\n"), std::string::npos) << log;
  // Every logged line; the harvest report table is printed, not logged, and
  // takes the journal's default priority.
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("run=") == std::string::npos) continue;
    EXPECT_TRUE(line.size() > 3 && line[0] == '<' && line[2] == '>' && line[1] >= '0' && line[1] <= '7')
        << line;
    EXPECT_EQ(line.find("Information"), std::string::npos) << line;
  }
}

TEST(StatusLogging, WritesLevelAndSourceWhenStderrIsNotTheJournal) {
  // A child whose stderr was redirected inherits JOURNAL_STREAM; it names another file then.
  const std::string log = harvestLog("log-plain", "1:2");
  EXPECT_NE(log.find("Information harvest: run=1 source=eu-ft: ok\n"), std::string::npos) << log;
  EXPECT_EQ(log.find("<6>"), std::string::npos) << log;
}

TEST(StatusLogging, MapsPocoPrioritiesToSdDaemonPriorities) {
  EXPECT_EQ(app::journalPriority(Poco::Message::PRIO_ERROR), 3);
  EXPECT_EQ(app::journalPriority(Poco::Message::PRIO_WARNING), 4);
  EXPECT_EQ(app::journalPriority(Poco::Message::PRIO_INFORMATION), 6);
  EXPECT_EQ(app::journalPriority(Poco::Message::PRIO_DEBUG), 7);
  EXPECT_EQ(app::journalPriority(Poco::Message::PRIO_TRACE), 7);
  EXPECT_EQ(app::journalPriority(Poco::Message::PRIO_FATAL), 2);
}

TEST(StatusLogging, PrefixesEveryLineOfAMultiLineMessage) {
  app::JournalFormatter formatter;
  std::string text;
  formatter.format(Poco::Message("web", "first\nsecond", Poco::Message::PRIO_WARNING), text);
  EXPECT_EQ(text, "<4>web: first\n<4>web: second");
}

TEST(StatusLogging, RedactsCredentialsInUrlsAndKeepsTheRest) {
  const std::string line =
      "GET https://api.example.eu/v3/notices?apiKey=s3cr3t&page=2&keywords=soil: HTTP 500; "
      "retry via https://ana:hunter2@files.example.org/x.zip and http://example.org/?access_token=t0k3n";
  const std::string redacted = app::redactSecrets(line);
  for (const char* secret : {"s3cr3t", "hunter2", "t0k3n"})
    EXPECT_EQ(redacted.find(secret), std::string::npos);
  EXPECT_NE(redacted.find("apiKey=REDACTED"), std::string::npos) << redacted;
  EXPECT_NE(redacted.find("page=2"), std::string::npos) << redacted;
  EXPECT_NE(redacted.find("keywords=soil"), std::string::npos) << redacted;
  EXPECT_NE(redacted.find(": HTTP 500; retry via https://"), std::string::npos) << redacted;
  EXPECT_EQ(app::redactSecrets("no URL here: eu-ft ok"), "no URL here: eu-ft ok");
  EXPECT_EQ(app::redactSecrets("see https://example.org/calls?q=soil"),
            "see https://example.org/calls?q=soil");
}

} // namespace
} // namespace convoca::testing
