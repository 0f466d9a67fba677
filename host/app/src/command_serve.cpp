// `convoca serve` and `convoca demo`.
#include "convoca/app/context.h"
#include "convoca/app/harvest_runner.h"
#include "convoca/app/plugin_catalog.h"
#include "convoca/index/indexer.h"
#include "convoca/web/search_service.h"
#include "convoca/web/server.h"

#include <Poco/File.h>
#include <Poco/Logger.h>
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
  if (!Poco::File(context.indexPath()).exists()) {
    // An empty index is a valid start: the page works and says there is nothing yet.
    Poco::File(context.dataDir).createDirectories();
    index::Indexer create(context.indexPath());
  }
  web::WebServerOptions options;
  options.listen = listen;
  options.assetDir = context.webAssetsDir;
  // Block SIGINT/SIGTERM (Ctrl-C, systemd's stop) before the server starts its
  // threads, so only the sigwait() below receives them.
  const sigset_t signals = terminationSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  web::WebServer server(options, web::makeIndexSearchService(context.indexPath()));
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

} // namespace

int runServe(Context& context) {
  return serveIndex(context);
}

int runDemo(Context& context) {
  // The demo keeps its own data folder so it never mixes with real harvests.
  if (context.config->getString("convoca.data", "").empty() &&
      context.dataDir.find("/demo") == std::string::npos)
    context.dataDir += "/demo";
  const std::string exchanges = context.fixturesDir + "/demo/exchanges";
  if (!Poco::File(exchanges).exists()) throw UsageError("demo fixtures not found in " + exchanges);
  context.options.replayDir = exchanges;
  context.options.recordDir.clear();
  std::vector<plugin_host::PluginInfo> catalog = discoverPlugins(context);
  HarvestReport report = runHarvestOf(context, catalog, {"eu-ft"}, "demo");
  printHarvestReport(report, *context.err);
  if (!report.ok()) {
    *context.err << "convoca demo: the demo harvest failed; see the report above\n";
    return 1;
  }
  return serveIndex(context);
}

} // namespace convoca::app
