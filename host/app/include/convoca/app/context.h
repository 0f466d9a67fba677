// What every subcommand gets: resolved paths, parsed options and configuration.
#pragma once

#include <Poco/Util/AbstractConfiguration.h>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace convoca::app {

// A usage problem: wrong or missing arguments. Exit code 2.
class UsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

struct Options {
  bool json = false;
  std::optional<size_t> limit;
  std::vector<std::pair<std::string, std::string>> filters; // --filter FIELD=VALUE
  std::vector<std::string> languages;                       // --lang
  std::vector<std::string> sources;                         // --source
  std::string replayDir;
  std::string recordDir;
  std::string listen;
  std::optional<int> timeoutSeconds;
  std::string sort;
  bool inProcess = false;
  std::string profile;             // --profile FILE|ID
  bool includeClosed = false;      // --include-closed
  std::string role;                // --role (user add)
  std::optional<uint64_t> records; // --records (bench corpus)
  std::optional<uint64_t> seed;    // --seed (bench corpus)
  std::string outFile;             // --out (bench corpus); stdout when empty
};

struct Context {
  std::string executable;              // this binary, for spawning workers
  std::string dataDir;                 // index, state DB, HTTP cache
  std::string configFile;              // --config as given; empty without it
  std::vector<std::string> pluginDirs; // --plugin-dir first, then the built-in directory
  std::string webAssetsDir;
  std::string fixturesDir; // bundled demo fixtures
  Poco::Util::AbstractConfiguration* config = nullptr;
  Options options;
  std::vector<std::string> args; // positional arguments after the subcommand
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;

  // The index's stub file (convoca/index/index_store.h): what writers open,
  // after prepareIndexForWriting().
  std::string indexPath() const { return dataDir + "/index.stub"; }
  // What search and matching read: `index.search_database` when set (a stub
  // file naming shards, local paths or `remote` xapian-tcpsrv entries), else
  // the local index.
  std::string searchDatabasePath() const {
    return config ? config->getString("index.search_database", indexPath()) : indexPath();
  }
  std::string statePath() const { return dataDir + "/state.db"; }
  std::string httpCacheDir() const { return dataDir + "/http-cache"; }
};

// Each subcommand; returns the exit code. Throw UsageError for bad arguments.
int runPlugins(Context& context);
int runParse(Context& context);
int runHarvest(Context& context);
int runIndex(Context& context);
int runSearch(Context& context);
int runServe(Context& context);
int runDemo(Context& context);
int runHistory(Context& context);
int runProfile(Context& context); // profile add|list|show|export|rm
int runMatch(Context& context);
int runDigest(Context& context);
int runFeedback(Context& context);
int runEval(Context& context);      // eval sdg|match
int runEvalSdg(Context& context);   // args: FILE.csv
int runEvalMatch(Context& context); // args: [DIR]
int runStatus(Context& context);    // index size, last run per source, warnings
int runConfig(Context& context);    // config check [FILE]
int runBackup(Context& context);    // args: DIR
int runRestore(Context& context);   // args: DIR
int runReindex(Context& context);
int runBench(Context& context); // bench corpus

} // namespace convoca::app
