// `convoca serve` and `convoca demo`.
#include "convoca/app/context.h"
#include "convoca/app/harvest_runner.h"
#include "convoca/app/plugin_catalog.h"
#include "convoca/index/indexer.h"
#include "convoca/matching/matching.h"
#include "convoca/state/state_db.h"
#include "convoca/web/search_service.h"
#include "convoca/web/server.h"
#include "index_maintenance.h"
#include "profile_web_service.h"

#include <Poco/AutoPtr.h>
#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>
#include <Poco/Util/LayeredConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>
#include <csignal>
#include <iostream>

namespace convoca::app {
namespace {

sigset_t terminationSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

int serveIndex(Context& context) {
  const std::string listen = !context.options.listen.empty()
                                 ? context.options.listen
                                 : context.config->getString("web.listen", web::kDefaultListen);
  // An empty index is a valid start: the page works and says there is nothing yet.
  prepareIndexForWriting(context, index::IndexerOptions{});
  web::WebServerOptions options;
  options.listen = listen;
  options.assetDir = context.webAssetsDir;
  const std::string auth = context.config->getString("web.auth", "auto");
  if (auth != "auto" && auth != "required")
    throw UsageError("web.auth must be auto (log in only off loopback) or required, not \"" + auth + "\"");
  options.authRequired = auth == "required";
  options.secureCookie = context.config->getBool("web.cookie_secure", false);
  options.metricsTokenFile = context.config->getString("web.metrics_token_file", "");
  options.requestsPerSecond =
      context.config->getDouble("web.rate_limit.per_second", options.requestsPerSecond);
  options.requestBurst = context.config->getDouble("web.rate_limit.burst", options.requestBurst);
  if (options.requestsPerSecond <= 0 || options.requestBurst < 1)
    throw UsageError("web.rate_limit.per_second must be above 0 and web.rate_limit.burst at least 1");
  const int deadlineSeconds = context.config->getInt("web.request_deadline_seconds", 10);
  const int perClient = context.config->getInt("web.max_connections_per_client",
                                               static_cast<int>(options.maxConnectionsPerClient));
  if (deadlineSeconds < 1 || perClient < 0)
    throw UsageError("web.request_deadline_seconds must be at least 1 and web.max_connections_per_client at "
                     "least 0 (no cap)");
  options.requestDeadline = std::chrono::seconds(deadlineSeconds);
  options.maxConnectionsPerClient = static_cast<unsigned>(perClient);
  // Block SIGINT/SIGTERM (Ctrl-C, systemd's stop) before the server starts its
  // threads, so only the sigwait() below receives them.
  const sigset_t signals = terminationSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  Poco::File(context.dataDir).createDirectories();
  web::WebServer server(options, web::makeIndexSearchService(indexForReading(context)),
                        makeProfileService(context), std::make_unique<state::StateDb>(context.statePath()));
  try {
    server.start();
  } catch (const web::ListenError& e) {
    throw UsageError(e.what());
  }
  *context.err << "convoca: serving " << server.url() << " (data in " << context.dataDir
               << "); Ctrl-C stops\n";
  int received = 0;
  sigwait(&signals, &received);
  server.stop();
  return 0;
}

// The sample profiles (fixtures/profiles/*.json) join the demo's state DB, so
// its matches and digests have something to show.
void loadSampleProfiles(const Context& context) {
  const std::string dir = context.fixturesDir + "/profiles";
  if (!Poco::File(dir).exists()) return;
  state::StateDb db(context.statePath());
  std::vector<std::string> files;
  for (Poco::DirectoryIterator it(dir), end; it != end; ++it)
    if (it->isFile() && Poco::Path(it->path()).getExtension() == "json") files.push_back(it->path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const index::Profile profile = matching::readProfileFile(file);
    db.saveProfile(profile.id, profile.title, index::profileToJson(profile));
  }
  *context.err << "convoca demo: " << files.size() << " sample profiles loaded from " << dir << "\n";
}

} // namespace

int runServe(Context& context) {
  return serveIndex(context);
}

int runDemo(Context& context) {
  // The demo keeps its own data folder so it never mixes with real harvests.
  while (context.dataDir.size() > 1 && context.dataDir.back() == '/') context.dataDir.pop_back();
  const std::string suffix = "/demo";
  if (context.dataDir.size() < suffix.size() ||
      context.dataDir.compare(context.dataDir.size() - suffix.size(), suffix.size(), suffix) != 0)
    context.dataDir += suffix;
  context.options.recordDir.clear();
  std::vector<plugin_host::PluginInfo> catalog = discoverPlugins(context);

  // Every source with demo exchanges is replayed from its own folder, with the
  // options of its demo.properties layered over the configuration.
  Poco::File(context.dataDir).createDirectories();
  loadSampleProfiles(context);
  Poco::AutoPtr<Poco::Util::LayeredConfiguration> config(new Poco::Util::LayeredConfiguration);
  config->add(Poco::Util::AbstractConfiguration::Ptr(context.config, true), 0);
  Poco::Util::AbstractConfiguration* original = context.config;
  context.config = config.get();
  bool ok = true, any = false;
  for (const auto& plugin : catalog) {
    const std::string dir = context.fixturesDir + "/" + plugin.id;
    if (!plugin.usable || !Poco::File(dir + "/exchanges").exists()) continue;
    if (Poco::File(dir + "/demo.properties").exists())
      config->add(new Poco::Util::PropertyFileConfiguration(dir + "/demo.properties"), 1);
    context.options.replayDir = dir + "/exchanges";
    HarvestReport report = runHarvestOf(context, catalog, {plugin.id}, "demo");
    printHarvestReport(report, *context.err);
    ok = ok && report.ok();
    any = true;
  }
  context.config = original;
  if (any) updateDigests(context, 0);
  if (!any) throw UsageError("no demo data found in " + context.fixturesDir + "/<source>/exchanges");
  if (!ok) *context.err << "convoca demo: some demo sources failed; see the reports above\n";
  return serveIndex(context);
}

} // namespace convoca::app
