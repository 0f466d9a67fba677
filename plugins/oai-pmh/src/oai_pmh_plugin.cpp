// The oai-pmh source plugin: any OAI-PMH 2.0 repository, oai_dc metadata,
// configured by base_url. Built on the shared OAI core (plugins/oai-pmh/core).
#include "dc_mapping.h"

#include <convoca/plugin.hpp>
#include <oai/harvester.h>
#include <oai/options.h>

namespace oaipmh {
namespace {

using convoca::sdk::Error;
using convoca::sdk::Host;

constexpr const char* kOptionsJson = R"json([
{"name":"base_url","type":"string","default":"","help":"the repository's OAI-PMH base URL, e.g. https://repository.example.org/oai (required)"},
{"name":"metadata_prefix","type":"string","default":"oai_dc","help":"metadata format to request; the plugin reads its Dublin Core elements"},
{"name":"set","type":"string","default":"","help":"setSpec to harvest; empty = the whole repository"},
{"name":"from","type":"string","default":"","help":"first run only: harvest records changed since this UTC date (YYYY-MM-DD); empty = everything. Later runs continue from the stored cursor"},
{"name":"kind","type":"string","default":"document","help":"record kind to emit: document, call, topic or tender"},
{"name":"language","type":"string","default":"","help":"ISO 639-1 language for records whose dc:language is missing or unreadable; empty = detected by convoca"},
{"name":"granularity","type":"string","default":"auto","help":"datestamp granularity: auto (ask Identify), YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ"},
{"name":"window_days","type":"int","default":"0","help":"split the from..now range into windows of this many days (0 = one request list)"}
])json";

MappingOptions mappingOptionsFrom(const Host& host) {
  MappingOptions options;
  options.kind = oai::stringOption(host, "kind", options.kind);
  if (options.kind != "document" && options.kind != "call" && options.kind != "topic" &&
      options.kind != "tender")
    throw Error(CONVOCA_CONFIG,
                "option kind must be document, call, topic or tender, not \"" + options.kind + "\"");
  const std::string language = oai::stringOption(host, "language", "");
  options.language = language.empty() ? "" : languageCode(language);
  if (!language.empty() && options.language.empty())
    throw Error(CONVOCA_CONFIG, "option language must be an ISO 639-1 code such as en, es, ca or fr, not \"" +
                                    language + "\"");
  return options;
}

oai::IncrementalPlan planFrom(const Host& host) {
  oai::IncrementalPlan plan;
  plan.baseUrl = oai::urlOption(host, "base_url", "", true);
  plan.metadataPrefix = oai::stringOption(host, "metadata_prefix", plan.metadataPrefix);
  if (plan.metadataPrefix.empty()) throw Error(CONVOCA_CONFIG, "option metadata_prefix must not be empty");
  plan.set = oai::stringOption(host, "set", "");
  plan.firstFrom = oai::datestampOption(host, "from");
  plan.granularity = oai::granularityOption(host, "granularity");
  plan.windowDays = oai::intOption(host, "window_days", 0, 0, 3660);
  return plan;
}

class OaiPmhPlugin : public convoca::sdk::Plugin {
public:
  using convoca::sdk::Plugin::Plugin;

  void harvest() override {
    const MappingOptions mapping = mappingOptionsFrom(host());
    const oai::IncrementalPlan plan = planFrom(host());
    oai::RecordEmitter emitter(host());
    oai::harvestIncrementally(host(), plan, [&](const oai::Response& page, const std::string& name) {
      for (const auto& record : recordsOfPage(page, name, mapping, host())) emitter.emitOnce(record);
    });
    reportCounts(emitter);
  }

  void parse(const std::string& name, const std::string& data) override {
    const MappingOptions mapping = mappingOptionsFrom(host());
    const oai::Response page(name, data);
    if (!oai::carriesRecords(page, name, host())) return;
    // Mapped whole before anything is emitted.
    const auto records = recordsOfPage(page, name, mapping, host());
    oai::RecordEmitter emitter(host());
    for (const auto& record : records) emitter.emitOnce(record);
    reportCounts(emitter);
  }

private:
  void reportCounts(const oai::RecordEmitter& emitter) const {
    host().info("oai-pmh: " + std::to_string(emitter.emitted()) + " records emitted, " +
                std::to_string(emitter.rejected()) + " rejected by the host");
  }
};

} // namespace
} // namespace oaipmh

CONVOCA_PLUGIN_DEFINE(oai_pmh, oaipmh::OaiPmhPlugin, "oai-pmh", "1.0.0",
                      "Any OAI-PMH 2.0 repository (Dublin Core, oai_dc), configured by base_url",
                      oaipmh::kOptionsJson,
                      CONVOCA_CAP_HARVEST | CONVOCA_CAP_PARSE | CONVOCA_CAP_INCREMENTAL |
                          CONVOCA_CAP_DOCUMENTS)
