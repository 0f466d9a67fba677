// `convoca plugins` and `convoca parse`.
#include "convoca/app/context.h"
#include "convoca/app/plugin_catalog.h"
#include "convoca/app/settings.h"
#include "convoca/index/record.h"
#include "convoca/index/timeutil.h"
#include "convoca/plugin_host/session.h"
#include "convoca/plugin_host/supervisor.h"

#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <iomanip>
#include <iostream>

namespace convoca::app {
namespace {

Poco::JSON::Array::Ptr capabilityNames(uint64_t capabilities) {
  Poco::JSON::Array::Ptr names = new Poco::JSON::Array;
  if (capabilities & CONVOCA_CAP_HARVEST) names->add(std::string("harvest"));
  if (capabilities & CONVOCA_CAP_PARSE) names->add(std::string("parse"));
  if (capabilities & CONVOCA_CAP_INCREMENTAL) names->add(std::string("incremental"));
  if (capabilities & CONVOCA_CAP_DOCUMENTS) names->add(std::string("documents"));
  return names;
}

Poco::JSON::Object::Ptr pluginJson(const plugin_host::PluginInfo& info) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("id", info.id);
  o->set("version", info.version);
  o->set("abi", info.abiString());
  o->set("state", std::string(info.usable ? "ok" : "refused"));
  if (!info.usable) o->set("reason", info.refusal);
  o->set("path", info.path);
  o->set("description", info.description);
  o->set("capabilities", capabilityNames(info.capabilities));
  try {
    o->set("options", Poco::JSON::Parser().parse(info.optionsJson.empty() ? "[]" : info.optionsJson));
  } catch (const Poco::Exception&) {
    o->set("options", info.optionsJson); // shown as given: the plugin's author should fix it
  }
  return o;
}

// Prints each record as one JSON line with its status computed now.
class PrintingListener : public plugin_host::WorkerListener, public plugin_host::SessionEvents {
public:
  explicit PrintingListener(std::ostream& out) : out_(out), now_(index::timeutil::now()) {}

  void record(const std::string& json) override {
    index::Record record = index::recordFromJson(json);
    out_ << index::recordToJson(record, std::string(index::statusName(index::statusAt(record, now_))))
         << "\n";
    ++printed_;
  }
  void rejected(const std::string& reason) override {
    ++rejected_;
    std::cerr << "rejected record: " << reason << "\n";
  }
  void log(int level, const std::string& message) override {
    if (level >= CONVOCA_LOG_WARNING)
      std::cerr << (level >= CONVOCA_LOG_ERROR ? "error: " : "warning: ") << message << "\n";
  }
  void progress(uint64_t, uint64_t) override {}
  size_t printed() const { return printed_; }
  size_t rejectedCount() const { return rejected_; }

private:
  std::ostream& out_;
  int64_t now_;
  size_t printed_ = 0;
  size_t rejected_ = 0;
};

} // namespace

int runPlugins(Context& context) {
  std::vector<plugin_host::PluginInfo> catalog = discoverPlugins(context);
  std::ostream& out = *context.out;
  if (context.options.json) {
    Poco::JSON::Array array;
    for (const auto& info : catalog) array.add(pluginJson(info));
    array.stringify(out);
    out << "\n";
    return 0;
  }
  if (catalog.empty()) out << "no plugins found in the plugin directories\n";
  for (const auto& info : catalog) {
    out << std::left << std::setw(16) << info.id << std::setw(10) << info.version << "ABI " << std::setw(6)
        << info.abiString() << (info.usable ? "ok       " : "REFUSED  ") << info.description << "\n";
    if (!info.usable) out << "  reason: " << info.refusal << "\n";
  }
  return 0;
}

int runParse(Context& context) {
  if (context.options.sources.size() != 1) throw UsageError("parse needs exactly one --source ID");
  if (context.args.empty()) throw UsageError("parse needs at least one FILE");
  for (const auto& file : context.args)
    if (!Poco::File(file).exists()) throw UsageError("no such file: " + file);
  std::vector<plugin_host::PluginInfo> catalog = discoverPlugins(context);
  const plugin_host::PluginInfo& plugin = requirePlugin(catalog, context.options.sources.front());
  if (!(plugin.capabilities & CONVOCA_CAP_PARSE))
    throw UsageError("plugin " + plugin.id + " cannot parse saved payloads");

  PrintingListener printer(*context.out);
  int status = CONVOCA_INTERNAL;
  std::string message;
  if (context.options.inProcess) {
    plugin_host::LoadedPlugin loaded = plugin_host::loadPlugin(plugin.path);
    plugin_host::SessionConfig config;
    config.options = sourceOptions(context, plugin.id);
    plugin_host::PluginSession session(loaded, config, printer);
    plugin_host::SessionOutcome outcome = session.parse(context.args);
    status = outcome.status;
    message = outcome.message;
  } else {
    plugin_host::WorkerJob job;
    job.mode = plugin_host::WorkerMode::Parse;
    job.pluginPath = plugin.path;
    job.files = context.args;
    job.options = sourceOptions(context, plugin.id); // e.g. the declarative plugin's definitions
    job.deadlineMs = (context.options.timeoutSeconds ? *context.options.timeoutSeconds : 300) * 1000;
    plugin_host::WorkerResult result = plugin_host::runWorker(context.executable, job, printer);
    status = result.end == plugin_host::WorkerEnd::Finished ? result.status : CONVOCA_INTERNAL;
    message = result.end == plugin_host::WorkerEnd::Finished
                  ? result.message
                  : std::string(plugin_host::workerEndName(result.end)) + ": " + result.message;
  }
  context.out->flush();
  if (status != CONVOCA_OK) {
    *context.err << "convoca parse: " << plugin.id << " failed (" << plugin_host::statusWord(status)
                 << "): " << message << "\n";
    return 1;
  }
  if (printer.rejectedCount() > 0) {
    *context.err << "convoca parse: " << printer.rejectedCount() << " record(s) rejected\n";
    return 1;
  }
  return 0;
}

} // namespace convoca::app
