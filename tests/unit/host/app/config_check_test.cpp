// `convoca config check`, the key catalogue and plugin options given by
// reference (file, environment): what an operator sees, and what never shows.
#include "config_keys.h"
#include "convoca/app/context.h"
#include "convoca/app/settings.h"

#include <Poco/AutoPtr.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/Util/MapConfiguration.h>
#include <cstdlib>
#include <future>
#include <gtest/gtest.h>
#include <regex>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace convoca::app {
namespace {

constexpr const char* kSecret = "s3cr3t-Tok3n-9f81c2";
constexpr const char* kShippedFile = CONVOCA_SOURCE_DIR "/packaging/convoca.properties";

struct RunResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};

class ConfigCheck : public ::testing::Test {
protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = ::testing::TempDir() + "convoca-config-" + std::to_string(::getpid()) + "-" + test->name();
    if (Poco::File(dir_).exists()) Poco::File(dir_).remove(true);
    Poco::File(dir_).createDirectories();
  }
  void TearDown() override {
    if (Poco::File(dir_).exists()) Poco::File(dir_).remove(true);
  }

  std::string write(const std::string& name, const std::string& text, mode_t mode = 0644) {
    const std::string path = dir_ + "/" + name;
    {
      Poco::FileOutputStream out(path);
      out << text;
    }
    ::chmod(path.c_str(), mode);
    return path;
  }

  // runConfig in this process, with the built plugins loaded in-process.
  static RunResult check(const std::string& path, bool json = false) {
    Context context;
    std::ostringstream out, err;
    context.args = {"check", path};
    context.out = &out;
    context.err = &err;
    context.pluginDirs = {CONVOCA_BUILD_PLUGIN_DIR};
    context.options.inProcess = true;
    context.options.json = json;
    RunResult result;
    try {
      result.exitCode = runConfig(context);
    } catch (const UsageError& e) {
      result.exitCode = 2;
      err << e.what();
    }
    result.out = out.str();
    result.err = err.str();
    return result;
  }

  std::string dir_;
};

// The built executable, as an operator runs it (environment inherited).
RunResult runConvoca(const std::vector<std::string>& args) {
  Poco::Pipe out, err;
  Poco::ProcessHandle process =
      Poco::Process::launch(CONVOCA_BINARY_DIR "/convoca", args, CONVOCA_SOURCE_DIR, nullptr, &out, &err);
  Poco::PipeInputStream outStream(out), errStream(err);
  auto errText = std::async(std::launch::async, [&] {
    std::string text;
    Poco::StreamCopier::copyToString(errStream, text);
    return text;
  });
  RunResult result;
  Poco::StreamCopier::copyToString(outStream, result.out);
  result.err = errText.get();
  result.exitCode = process.wait();
  return result;
}

Context contextWith(Poco::Util::AbstractConfiguration& config) {
  Context context;
  context.config = &config;
  context.dataDir = ::testing::TempDir() + "convoca-unused";
  return context;
}

// ---- the shipped file and the catalogue ------------------------------------

TEST_F(ConfigCheck, ShippedPropertiesFileIsValid) {
  const RunResult r = check(kShippedFile);
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("valid: 0 key(s), 0 error(s), 0 warning(s)"), std::string::npos) << r.out;
}

// Every example in the shipped file, uncommented, is a valid setting: the
// documentation cannot drift from what convoca accepts.
TEST_F(ConfigCheck, ShippedExamplesUncommentedAreValid) {
  Poco::FileInputStream in(kShippedFile);
  const std::regex example(R"(^# ([a-z][a-z0-9_.-]*) = (.*)$)");
  std::string uncommented;
  int examples = 0;
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, example)) continue;
    const std::string key = m[1];
    // Secret files and variables must exist on the machine; covered below.
    if (key.find(".file") != std::string::npos || key.find(".env") != std::string::npos ||
        key == "web.metrics_token_file")
      continue;
    uncommented += key + " = " + m[2].str() + "\n";
    ++examples;
  }
  ASSERT_GT(examples, 30);
  const RunResult r = check(write("examples.properties", uncommented));
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find(": unknown key"), std::string::npos) << r.out;
}

TEST_F(ConfigCheck, EveryGlobalKeyIsDocumentedWithItsDefaultInTheShippedFile) {
  std::string text;
  Poco::FileInputStream in(kShippedFile);
  Poco::StreamCopier::copyToString(in, text);
  for (const auto& key : configKeys()) {
    if (key.name.rfind("source.<id>.", 0) == 0) continue; // documented by pattern, checked below
    const std::string line = "# " + key.name + " =";
    EXPECT_NE(text.find(line), std::string::npos) << key.name << " is not documented";
    if (!key.defaultValue.empty()) {
      EXPECT_NE(text.find(line + " " + key.defaultValue + "\n"), std::string::npos)
          << key.name << " is not documented with its default " << key.defaultValue;
    }
  }
  for (const char* pattern : {"source.<id>.timeout_seconds", "source.<id>.http.<key>",
                              "source.<id>.option.<name>.file", "source.<id>.option.<name>.env"})
    EXPECT_NE(text.find(pattern), std::string::npos) << pattern;
}

TEST_F(ConfigCheck, CatalogueHttpDefaultsAreTheDefaultsConvocaApplies) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> empty(new Poco::Util::MapConfiguration);
  const http::ClientOptions applied = httpSettings(contextWith(*empty), "any");
  auto defaultOf = [](const std::string& name) { return findConfigKey(name)->defaultValue; };
  EXPECT_EQ(std::to_string(applied.connectTimeoutMs / 1000), defaultOf("http.connect_timeout_seconds"));
  EXPECT_EQ(std::to_string(applied.readTimeoutMs / 1000), defaultOf("http.read_timeout_seconds"));
  EXPECT_EQ(std::to_string(applied.maxRetries), defaultOf("http.max_retries"));
  EXPECT_EQ(std::to_string(applied.backoffBaseMs), defaultOf("http.backoff_base_ms"));
  EXPECT_EQ(std::to_string(applied.retryAfterMaxSec), defaultOf("http.retry_after_max_seconds"));
  EXPECT_EQ(applied.perHostMinIntervalSec, std::stod(defaultOf("http.per_host_interval_seconds")));
  EXPECT_EQ(std::to_string(applied.maxResponseBytes >> 20), defaultOf("http.max_response_mb"));
  EXPECT_EQ(applied.obeyRobots ? "true" : "false", defaultOf("http.obey_robots"));
}

TEST_F(ConfigCheck, PerSourceKeysFallUnderTheirPattern) {
  ASSERT_NE(findConfigKey("source.bdns.http.max_retries"), nullptr);
  EXPECT_EQ(findConfigKey("source.bdns.http.max_retries")->name, "source.<id>.http.max_retries");
  EXPECT_EQ(findConfigKey("source.x.option.token.file")->name, "source.<id>.option.<name>.file");
  EXPECT_EQ(findConfigKey("source.x.option.token")->name, "source.<id>.option.<name>");
  EXPECT_EQ(findConfigKey("source.x.option.token.fil"), nullptr);
  EXPECT_EQ(findConfigKey("web.lisen"), nullptr);
}

// ---- unknown keys and invalid values -----------------------------------------

TEST_F(ConfigCheck, NamesUnknownKeyWithItsLineAndTheKeyItProbablyMeant) {
  const std::string path = write("typo.properties", "# a comment\n"
                                                    "convoca.data = /srv/convoca\n"
                                                    "web.lisen = 127.0.0.1:9000\n"
                                                    "source.eu-ft.timout_seconds = 60\n"
                                                    "completely.different = 1\n");
  const RunResult r = check(path);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.out.find(path + ":3: web.lisen: unknown key (did you mean web.listen?)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(path + ":4: source.eu-ft.timout_seconds: unknown key (did you mean "
                              "source.eu-ft.timeout_seconds?)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(path + ":5: completely.different: unknown key\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("127.0.0.1:9000"), std::string::npos) << "an unknown key's value may be a secret";
  EXPECT_NE(r.out.find("invalid: 4 key(s), 3 error(s)"), std::string::npos) << r.out;
}

TEST_F(ConfigCheck, NamesEveryInvalidValueByType) {
  const std::string path = write("bad.properties", "web.cookie_secure = maybe\n"          // 1 bool
                                                   "harvest.timeout_seconds = soon\n"     // 2 int
                                                   "harvest.stall_seconds = 0\n"          // 3 int range
                                                   "web.rate_limit.per_second = 0\n"      // 4 double range
                                                   "http.per_host_interval_seconds = x\n" // 5 double
                                                   "web.auth = sometimes\n"               // 6 enum
                                                   "web.listen = localhost:http\n"        // 7 host:port
                                                   "source.bdns.harvest_hours = 25-3\n"   // 8 window
                                                   "convoca.data =\n"                     // 9 path
                                                   "source.bdns.http.max_retries = 99\n"  // 10 per source
                                                   "web.rate_limit.burst = 10\n");        // 11 valid
  const RunResult r = check(path);
  EXPECT_EQ(r.exitCode, 1);
  for (const std::string expected :
       {":1: web.cookie_secure: 'maybe' is not a boolean",
        ":2: harvest.timeout_seconds: 'soon' is not an integer",
        ":3: harvest.stall_seconds: 0 is out of range 1..86400",
        ":4: web.rate_limit.per_second: 0 is out of range above 0..",
        ":5: http.per_host_interval_seconds: 'x' is not a number",
        ":6: web.auth: 'sometimes' is not one of auto|required",
        ":7: web.listen: 'localhost:http' is not HOST:PORT",
        ":8: source.bdns.harvest_hours: '25-3' is not an hour window", ":9: convoca.data: is empty",
        ":10: source.bdns.http.max_retries: 99 is out of range 0..20"})
    EXPECT_NE(r.out.find(path + expected), std::string::npos) << expected << "\n" << r.out;
  EXPECT_EQ(r.out.find(":11:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("10 error(s)"), std::string::npos) << r.out;
}

TEST_F(ConfigCheck, AcceptsEveryFormConvocaReads) {
  const std::string path = write("good.properties", "web.cookie_secure = yes\n"
                                                    "harvest.memory_limit_mb = 0x400\n"
                                                    "web.listen = [::1]:8080\n"
                                                    "source.bdns.harvest_hours = 22-5\n"
                                                    "harvest.sources = eu-ft , \n"
                                                    "http.per_host_interval_seconds = 0.5\n"
                                                    "web.auth = required\n"
                                                    "status.failing_runs_warning = 3\n"
                                                    "status.stale_hours = 48\n");
  const RunResult r = check(path);
  EXPECT_EQ(r.exitCode, 0) << r.out;
}

TEST_F(ConfigCheck, WarnsAboutRepeatedKeyAndAboutSourceWithNoPluginButStaysValid) {
  const std::string path = write("warn.properties", "web.auth = auto\n"
                                                    "web.auth = required\n"
                                                    "source.eu-fts.timeout_seconds = 60\n");
  const RunResult r = check(path);
  EXPECT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find(path + ":1: web.auth: warning: set again on line 2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(path + ":3: source.eu-fts.timeout_seconds: warning: no installed plugin has id "
                              "'eu-fts' (a plugin may be installed later) (did you mean eu-ft?)"),
            std::string::npos)
      << r.out;
}

TEST_F(ConfigCheck, NamesOptionsThePluginDoesNotDeclareAndBadlyTypedOnes) {
  const std::string path = write("options.properties", "source.eu-ft.option.mod = search\n"
                                                       "source.eu-ft.option.page_size = lots\n"
                                                       "source.eu-ft.option.include_tenders = true\n");
  const RunResult r = check(path);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.out.find(path + ":1: source.eu-ft.option.mod: plugin eu-ft has no option 'mod' (did you mean "
                              "mode?)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(path + ":2: source.eu-ft.option.page_size: not a valid int"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("lots"), std::string::npos) << "option values may be secrets: " << r.out;
  EXPECT_EQ(r.out.find(":3:"), std::string::npos) << r.out;
}

TEST_F(ConfigCheck, JsonListsEachProblemWithLineSeverityAndSuggestion) {
  const std::string path = write("typo.properties", "web.lisen = 127.0.0.1:9000\n");
  const RunResult r = check(path, true);
  EXPECT_EQ(r.exitCode, 1);
  auto result = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
  EXPECT_FALSE(result->getValue<bool>("valid"));
  EXPECT_EQ(result->getValue<int>("errors"), 1);
  auto problem = result->getArray("problems")->getObject(0);
  EXPECT_EQ(problem->getValue<int>("line"), 1);
  EXPECT_EQ(problem->getValue<std::string>("key"), "web.lisen");
  EXPECT_EQ(problem->getValue<std::string>("severity"), "error");
  EXPECT_EQ(problem->getValue<std::string>("suggestion"), "web.listen");
}

// ---- credentials by reference -------------------------------------------------

TEST_F(ConfigCheck, SourceOptionsReadSecretsFromFileAndEnvironment) {
  const std::string secretFile = write("token", std::string(kSecret) + "\n", 0600);
  setenv("CONVOCA_TEST_SECRET", "from-the-environment", 1);
  Poco::AutoPtr<Poco::Util::MapConfiguration> config(new Poco::Util::MapConfiguration);
  config->setString("source.x.option.token.file", secretFile);
  config->setString("source.x.option.password.env", "CONVOCA_TEST_SECRET");
  config->setString("source.x.option.mode", "search");
  const auto options = sourceOptions(contextWith(*config), "x");
  unsetenv("CONVOCA_TEST_SECRET");
  EXPECT_EQ(options.at("token"), kSecret) << "trailing newline dropped";
  EXPECT_EQ(options.at("password"), "from-the-environment");
  EXPECT_EQ(options.at("mode"), "search");
  EXPECT_EQ(options.size(), 3u);
}

TEST_F(ConfigCheck, MissingSecretNamesTheKeyNeverTheValue) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> config(new Poco::Util::MapConfiguration);
  config->setString("source.x.option.token.file", dir_ + "/absent");
  EXPECT_THROW(
      try { sourceOptions(contextWith(*config), "x"); } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("source.x.option.token.file"), std::string::npos) << e.what();
        throw;
      },
      UsageError);
  config->remove("source.x.option.token.file");
  config->setString("source.x.option.token.env", "CONVOCA_TEST_UNSET_VARIABLE");
  EXPECT_THROW(sourceOptions(contextWith(*config), "x"), UsageError);
  config->setString("source.x.option.token", kSecret);
  try {
    sourceOptions(contextWith(*config), "x");
    FAIL() << "an option given inline and by reference is refused";
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()).find(kSecret), std::string::npos) << e.what();
  }
}

TEST_F(ConfigCheck, ChecksSecretReferencesWithoutPrintingThem) {
  const std::string open = write("open-token", kSecret, 0644);
  const std::string closed = write("closed-token", kSecret, 0600);
  setenv("CONVOCA_TEST_SECRET", kSecret, 1);
  const std::string path = write("secrets.properties", "source.eu-ft.option.mode.file = " + open + "\n" +
                                                           "web.metrics_token_file = " + closed + "\n" +
                                                           "source.eu-ft.option.dump_url.env = "
                                                           "CONVOCA_TEST_SECRET\n"
                                                           "source.eu-ft.option.search_url.env = "
                                                           "CONVOCA_TEST_UNSET_VARIABLE\n"
                                                           "source.eu-ft.option.max_pages.file = " +
                                                           dir_ + "/absent\n");
  const RunResult r = check(path);
  unsetenv("CONVOCA_TEST_SECRET");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(
      r.out.find(":1: source.eu-ft.option.mode.file: warning: " + open + " is readable by group or others"),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(":4: source.eu-ft.option.search_url.env: environment variable "
                       "CONVOCA_TEST_UNSET_VARIABLE is not set"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(":5: source.eu-ft.option.max_pages.file: " + dir_ + "/absent does not exist"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find(":2:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(":3:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(kSecret), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find(kSecret), std::string::npos) << r.err;
}

// No shipped plugin declares a "secret" option yet, so the inline-secret warning
// has no plugin to test it with; what holds for every option is shown here.
TEST_F(ConfigCheck, RefusesAnOptionGivenInlineAndByReference) {
  const std::string token = write("token", kSecret, 0600);
  const std::string path = write("twice.properties", std::string("source.eu-ft.option.mode = ") + kSecret +
                                                         "\nsource.eu-ft.option.mode.file = " + token + "\n");
  const RunResult r = check(path);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.out.find(":1: source.eu-ft.option.mode: given more than one way"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(kSecret), std::string::npos) << r.out;
}

TEST_F(ConfigCheck, NeverEchoesAnInlineOptionValue) {
  const std::string path =
      write("inline.properties", std::string("source.eu-ft.option.mode = ") + kSecret + "\n");
  const RunResult r = check(path);
  EXPECT_EQ(r.exitCode, 0) << r.out;
  EXPECT_EQ(r.out.find(kSecret), std::string::npos) << r.out;
}

// ---- the executable ------------------------------------------------------------

TEST_F(ConfigCheck, ExecutableExitsZeroOneOrTwo) {
  const std::string good = write("good.properties", "web.listen = 127.0.0.1:8081\n");
  const std::string bad = write("bad.properties", "web.lisen = 127.0.0.1:8081\n");
  EXPECT_EQ(runConvoca({"config", "check", good}).exitCode, 0);
  const RunResult typo = runConvoca({"config", "check", bad});
  EXPECT_EQ(typo.exitCode, 1);
  EXPECT_NE(typo.out.find(bad + ":1: web.lisen: unknown key (did you mean web.listen?)"), std::string::npos)
      << typo.out << typo.err;
  EXPECT_EQ(runConvoca({"config"}).exitCode, 2);
  EXPECT_EQ(runConvoca({"config", "verify", good}).exitCode, 2);
  EXPECT_EQ(runConvoca({"config", "check", dir_ + "/absent.properties"}).exitCode, 2);
  // Without FILE the file given with --config is checked.
  const RunResult viaOption = runConvoca({"--config", bad, "config", "check"});
  EXPECT_EQ(viaOption.exitCode, 1) << viaOption.out << viaOption.err;
  EXPECT_NE(viaOption.out.find(bad + ":1: web.lisen"), std::string::npos) << viaOption.out;
}

// A harvest-like run (parse through a worker) with a secret option and debug
// logging: the secret reaches the plugin but no output line.
TEST_F(ConfigCheck, SecretOptionNeverAppearsInAWorkerRunsOutput) {
  const std::string token = write("token", std::string(kSecret) + "\n", 0600);
  const std::string config = write("run.properties", "source.eu-ft.option.api_token.file = " + token + "\n");
  setenv("CONVOCA_LOG_LEVEL", "debug", 1);
  const RunResult r =
      runConvoca({"--config", config, "parse", "--source", "eu-ft",
                  CONVOCA_SOURCE_DIR "/fixtures/eu-ft/payloads/grantsTenders-two-objects.json"});
  unsetenv("CONVOCA_LOG_LEVEL");
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_FALSE(r.out.empty());
  EXPECT_EQ(r.out.find(kSecret), std::string::npos);
  EXPECT_EQ(r.err.find(kSecret), std::string::npos) << r.err;

  Poco::File(token).remove();
  const RunResult missing =
      runConvoca({"--config", config, "parse", "--source", "eu-ft",
                  CONVOCA_SOURCE_DIR "/fixtures/eu-ft/payloads/grantsTenders-two-objects.json"});
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_NE(missing.err.find("source.eu-ft.option.api_token.file: cannot read"), std::string::npos)
      << missing.err;
}

} // namespace
} // namespace convoca::app
