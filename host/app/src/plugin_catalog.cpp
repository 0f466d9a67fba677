#include "convoca/app/plugin_catalog.h"

#include "convoca/plugin_host/supervisor.h"

#include <Poco/Path.h>
#include <set>

namespace convoca::app {
namespace {

class SilentListener : public plugin_host::WorkerListener {
public:
  void record(const std::string&) override {}
  void rejected(const std::string&) override {}
  void log(int, const std::string&) override {}
};

plugin_host::PluginInfo describeInWorker(const Context& context, const std::string& path) {
  plugin_host::WorkerJob job;
  job.mode = plugin_host::WorkerMode::Describe;
  job.pluginPath = path;
  job.deadlineMs = 15000;
  SilentListener listener;
  plugin_host::WorkerResult result = plugin_host::runWorker(context.executable, job, listener);
  if (result.end != plugin_host::WorkerEnd::Finished) {
    plugin_host::PluginInfo info;
    info.path = path;
    info.refusal = path + ": " + plugin_host::workerEndName(result.end) + " while loading: " + result.message;
    return info;
  }
  result.plugin.path = path;
  return result.plugin;
}

} // namespace

std::vector<plugin_host::PluginInfo> discoverPlugins(const Context& context) {
  std::vector<plugin_host::PluginInfo> catalog;
  std::set<std::string> seen;
  for (const auto& path : plugin_host::pluginFilesIn(context.pluginDirs)) {
    plugin_host::PluginInfo info =
        context.options.inProcess ? plugin_host::loadPlugin(path).info : describeInWorker(context, path);
    if (info.id.empty()) info.id = Poco::Path(path).getBaseName();
    if (info.usable && !seen.insert(info.id).second) {
      info.usable = false;
      info.refusal = path + ": another plugin with id '" + info.id + "' was found first";
    }
    catalog.push_back(std::move(info));
  }
  return catalog;
}

const plugin_host::PluginInfo& requirePlugin(const std::vector<plugin_host::PluginInfo>& catalog,
                                             const std::string& id) {
  std::string known;
  for (const auto& info : catalog) {
    if (info.id == id && info.usable) return info;
    if (info.usable) known += (known.empty() ? "" : ", ") + info.id;
  }
  for (const auto& info : catalog)
    if (info.id == id) throw UsageError("plugin '" + id + "' is refused: " + info.refusal);
  throw UsageError("no plugin with id '" + id + "' (found: " + (known.empty() ? "none" : known) +
                   "); add its directory with --plugin-dir");
}

} // namespace convoca::app
