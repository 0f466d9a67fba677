// The declarative source plugin: sources written as JSON definitions (URL,
// pagination, XPath or JSON-pointer selectors, date formats), no compiling.
// See plugins/declarative/README.md for the definition format.
#include "catalog.h"
#include "harvest.h"

#include <convoca/plugin.hpp>

namespace declarative {
namespace {

constexpr const char* kOptionsJson = R"json([
{"name":"definitions_json","type":"string","default":"","help":"extra definitions: the JSON text of one definition object or an array of them (see the plugin README); added to the shipped ones"},
{"name":"builtin","type":"bool","default":"true","help":"use the definitions shipped with convoca (European Urban Initiative, URBACT, Interreg Euro-MED)"},
{"name":"only","type":"list","default":"","help":"harvest only these definition ids (comma-separated); empty = all"}
])json";

class DeclarativePlugin : public convoca::sdk::Plugin {
public:
  using convoca::sdk::Plugin::Plugin;

  void harvest() override {
    const auto definitions = definitionsFor(host());
    Emitter emitter(host());
    harvestAll(definitions, host(), emitter);
    reportCounts(emitter);
  }

  void parse(const std::string& name, const std::string& data) override {
    const auto definitions = definitionsFor(host());
    Emitter emitter(host());
    parsePayload(definitions, name, data, host(), emitter);
    reportCounts(emitter);
  }

private:
  void reportCounts(const Emitter& emitter) const {
    host().info("declarative: " + std::to_string(emitter.emitted()) + " records emitted, " +
                std::to_string(emitter.rejected()) + " rejected by the host");
  }
};

} // namespace
} // namespace declarative

CONVOCA_PLUGIN_DEFINE(declarative, declarative::DeclarativePlugin, "declarative", "1.0.0",
                      "Sources written as JSON definitions (HTML/XML via XPath, JSON via JSON pointer): "
                      "European Urban Initiative, URBACT, Interreg Euro-MED calls",
                      declarative::kOptionsJson, CONVOCA_CAP_HARVEST | CONVOCA_CAP_PARSE)
