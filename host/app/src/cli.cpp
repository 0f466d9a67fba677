#include "cli.h"

#include "command_user.h"
#include "convoca/app/version.h"
#include "convoca/plugin_host/supervisor.h"
#include "logging.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/MapConfiguration.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <iostream>
#include <map>

namespace convoca::app {
namespace {

using Poco::Util::Option;

const char* const kCommands = R"(commands:
  plugins [--json]                       every plugin found: id, version, ABI, state
  parse --source ID FILE...              run a plugin's parser on saved payloads; JSON lines on stdout
  harvest [--source ID]... [--replay DIR | --record DIR] [--timeout S]
                                         harvest into the index; exit 0 all ok, 1 some failed, 2 usage
  index FILE.jsonl                       index normalised records (bulk import)
  search [--json] [--limit N] [--filter FIELD=VALUE]... [--lang ca|es|en|fr] [--sort relevance|deadline|newest] QUERY
  history [--json] ID                    what changed in a record, harvest by harvest
  profile add FILE... | list | show ID | export ID | rm ID
                                         matching profiles stored in the state DB
  match --profile FILE|ID [--json] [--limit N] [--include-closed]
                                         the calls that fit a profile, best first, with why
  digest --profile ID [--json]           new and changed matches after each harvest
  feedback --profile ID relevant|not-relevant|clear RECORD_ID | mute|unmute PROGRAMME
                                         staff verdicts; the next ranking uses them
  eval sdg FILE.csv | eval match [DIR]   quality on labelled data (SDG benchmark, CORDIS)
  user add NAME --role viewer|editor|admin | list [--json] | rm NAME | passwd NAME
                                         web UI logins; the password is the first line of stdin
  status [--json]                        index size, last run per source, warnings
  config check [FILE]                    validate the properties file; names every unknown or bad key
  backup DIR | restore DIR               consistent copy of the index and state DB, and back
  reindex                                rebuild the index from the stored raw records, swap it in live
  serve [--listen 127.0.0.1:8080]        web UI + JSON API
  demo [--listen ADDR]                   offline demo: replay the bundled fixtures and serve them
  bench corpus --records N [--seed S] [--out FILE]
                                         seeded synthetic records (JSON lines) for benchmarks)";

int toInt(const std::string& name, const std::string& value) {
  int parsed = 0;
  if (!Poco::NumberParser::tryParse(value, parsed) || parsed < 0)
    throw UsageError("--" + name + " expects a non-negative number, got '" + value + "'");
  return parsed;
}

bool isSourceTree(const std::string& dir) {
  return Poco::File(dir + "/CMakeLists.txt").exists() && Poco::File(dir + "/host").exists() &&
         Poco::File(dir + "/plugins/sdk").exists();
}

// To stderr; under systemd in the journal's own form (logging.h).
void setUpLogging() {
  configureLogging(std::cerr, stderrIsJournal(), Poco::Environment::get("CONVOCA_LOG_LEVEL", "information"));
}

} // namespace

void ConvocaApplication::defineOptions(Poco::Util::OptionSet& options) {
  Application::defineOptions(options);
  auto add = [&](const char* name, const char* help, const char* argument = nullptr,
                 bool repeatable = false) {
    Option option(name, "", help);
    option.required(false).repeatable(repeatable);
    if (argument) option.argument(argument);
    options.addOption(option);
  };
  add("help", "show this help");
  add("version", "print the version");
  add("data",
      "data directory (index, state DB); default $CONVOCA_DATA, ./var in a source tree, /var/lib/convoca",
      "DIR");
  add("config", "properties file", "FILE");
  add("plugin-dir", "also load plugins from DIR (repeatable)", "DIR", true);
  add("json", "machine-readable output");
  add("limit", "maximum number of results", "N");
  add("filter", "FIELD=VALUE filter (repeatable): source, programme, status, language, kind, sdg, keyword...",
      "FIELD=VALUE", true);
  add("lang", "language(s) to read the query in: ca, es, en, fr (repeatable)", "LANG", true);
  add("source", "source plugin id (repeatable)", "ID", true);
  add("replay", "answer HTTP requests from recorded exchanges in DIR; no network", "DIR");
  add("record", "save every HTTP exchange into DIR", "DIR");
  add("listen", "address of the web server, default 127.0.0.1:8080", "HOST:PORT");
  add("timeout", "wall-clock limit of each source run, seconds", "SECONDS");
  add("sort", "relevance, deadline or newest", "ORDER");
  add("in-process", "load plugins in this process (debugging; no isolation)");
  add("profile", "a profile file or the id of a stored profile", "FILE|ID");
  add("include-closed", "match closed calls too");
  add("role", "viewer, editor or admin (user add)", "ROLE");
  add("records", "number of records to generate (bench corpus)", "N");
  add("seed", "random seed; the same seed gives the same corpus (bench corpus)", "S");
  add("out", "write to FILE instead of stdout (bench corpus)", "FILE");
}

void ConvocaApplication::handleOption(const std::string& name, const std::string& value) {
  Application::handleOption(name, value);
  if (name == "help")
    helpRequested_ = true;
  else if (name == "version")
    versionRequested_ = true;
  else if (name == "data")
    dataDir_ = value;
  else if (name == "config")
    configFile_ = value;
  else if (name == "plugin-dir")
    pluginDirs_.push_back(value);
  else if (name == "json")
    options_.json = true;
  else if (name == "limit")
    options_.limit = static_cast<size_t>(toInt(name, value));
  else if (name == "filter") {
    auto eq = value.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UsageError("--filter expects FIELD=VALUE, got '" + value + "'");
    options_.filters.emplace_back(value.substr(0, eq), value.substr(eq + 1));
  } else if (name == "lang")
    options_.languages.push_back(value);
  else if (name == "source")
    options_.sources.push_back(value);
  else if (name == "replay")
    options_.replayDir = value;
  else if (name == "record")
    options_.recordDir = value;
  else if (name == "listen")
    options_.listen = value;
  else if (name == "timeout")
    options_.timeoutSeconds = toInt(name, value);
  else if (name == "sort")
    options_.sort = value;
  else if (name == "in-process")
    options_.inProcess = true;
  else if (name == "profile")
    options_.profile = value;
  else if (name == "include-closed")
    options_.includeClosed = true;
  else if (name == "role")
    options_.role = value;
  else if (name == "records")
    options_.records = static_cast<uint64_t>(toInt(name, value));
  else if (name == "seed")
    options_.seed = static_cast<uint64_t>(toInt(name, value));
  else if (name == "out")
    options_.outFile = value;
}

void ConvocaApplication::initialize(Poco::Util::Application& self) {
  if (!configFile_.empty()) {
    // Reported from main(): exceptions thrown here would escape Application::run().
    if (!Poco::File(configFile_).exists())
      configError_ = "configuration file " + configFile_ + " does not exist";
    else
      loadConfiguration(configFile_);
  } else if (Poco::File("/etc/convoca/convoca.properties").exists() && !isSourceTree(Poco::Path::current())) {
    loadConfiguration("/etc/convoca/convoca.properties");
  }
  Application::initialize(self);
  setUpLogging();
}

void ConvocaApplication::printHelp() {
  Poco::Util::HelpFormatter help(options());
  help.setCommand("convoca");
  help.setUsage("COMMAND [OPTIONS] [ARGS]");
  help.setHeader("convoca " + version() + " — funding calls harvested, indexed and matched.");
  help.setFooter(kCommands);
  help.format(std::cout);
}

Context ConvocaApplication::makeContext(const std::vector<std::string>& args) {
  Context context;
  context.executable = plugin_host::selfExecutable();
  const std::string cwd = Poco::Path::current();
  const bool inBuildTree = context.executable.rfind(CONVOCA_BINARY_DIR "/", 0) == 0;
  if (!dataDir_.empty())
    context.dataDir = dataDir_;
  else if (Poco::Environment::has("CONVOCA_DATA"))
    context.dataDir = Poco::Environment::get("CONVOCA_DATA");
  else if (isSourceTree(cwd))
    context.dataDir = cwd + "var";
  else
    context.dataDir = config().getString("convoca.data", "/var/lib/convoca");
  context.pluginDirs = pluginDirs_;
  context.pluginDirs.push_back(inBuildTree ? CONVOCA_BUILD_PLUGIN_DIR : CONVOCA_INSTALL_PLUGIN_DIR);
  context.webAssetsDir = inBuildTree ? CONVOCA_SOURCE_DIR "/host/web/assets" : CONVOCA_INSTALL_WEB_DIR;
  context.fixturesDir = inBuildTree ? CONVOCA_SOURCE_DIR "/fixtures" : CONVOCA_INSTALL_FIXTURES_DIR;
  context.config = &config();
  context.configFile = configFile_;
  context.options = options_;
  context.args.assign(args.begin() + 1, args.end());
  context.out = &std::cout;
  context.err = &std::cerr;
  return context;
}

int ConvocaApplication::main(const std::vector<std::string>& args) {
  if (versionRequested_) {
    std::cout << "convoca " << version() << " (plugin ABI " << CONVOCA_PLUGIN_ABI_MAJOR << "."
              << CONVOCA_PLUGIN_ABI_MINOR << ", record schema " << CONVOCA_RECORD_SCHEMA_VERSION << ")\n";
    return 0;
  }
  if (!configError_.empty()) {
    std::cerr << "convoca: " << configError_ << "\n";
    return 2;
  }
  if (helpRequested_ || args.empty()) {
    printHelp();
    return args.empty() && !helpRequested_ ? 2 : 0;
  }
  static const std::map<std::string, int (*)(Context&)> kDispatch = {
      {"plugins", runPlugins}, {"parse", runParse},     {"harvest", runHarvest}, {"index", runIndex},
      {"search", runSearch},   {"history", runHistory}, {"serve", runServe},     {"demo", runDemo},
      {"profile", runProfile}, {"match", runMatch},     {"digest", runDigest},   {"feedback", runFeedback},
      {"eval", runEval},       {"user", runUser},       {"status", runStatus},   {"config", runConfig},
      {"backup", runBackup},   {"restore", runRestore}, {"reindex", runReindex}, {"bench", runBench}};
  auto command = kDispatch.find(args.front());
  if (command == kDispatch.end()) {
    std::cerr << "convoca: unknown command '" << args.front() << "'\n" << kCommands << "\n";
    return 2;
  }
  try {
    Context context = makeContext(args);
    return command->second(context);
  } catch (const UsageError& e) {
    std::cerr << "convoca " << args.front() << ": " << e.what() << "\n";
    return 2;
  } catch (const Poco::Exception& e) {
    std::cerr << "convoca " << args.front() << ": " << e.displayText() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "convoca " << args.front() << ": " << e.what() << "\n";
    return 1;
  }
}

} // namespace convoca::app
