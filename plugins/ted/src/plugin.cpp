// The ted source plugin: TED eForms calls for tenders (one record per lot),
// through the public plugin SDK only.
#include "harvest.h"
#include "notice_handler.h"

#include <convoca/plugin.hpp>

namespace ted {
namespace {

constexpr const char* kOptionsJson = R"json([
{"name":"buyer_countries","type":"list","default":"ESP","help":"buyer countries (ISO 3166-1 alpha-3, as TED writes them) of the default expert query"},
{"name":"notice_types","type":"list","default":"cn-standard,cn-social,cn-desg,subco,pin-cfc-standard,pin-cfc-social","help":"eForms notice types (BT-02) of the default expert query; add pin-only to see announced tenders"},
{"name":"query","type":"string","default":"","help":"TED expert query replacing the buyer-country and notice-type filter; the publication-date window is always added"},
{"name":"since","type":"string","default":"","help":"first publication day to harvest (YYYY-MM-DD); empty: where the last run stopped, else lookback_days ago"},
{"name":"lookback_days","type":"int","default":"30","help":"publication window of a first run without since"},
{"name":"page_size","type":"int","default":"100","help":"notices per search page, 1 to 250"},
{"name":"max_pages","type":"int","default":"20","help":"safety stop: at most this many search pages per run"},
{"name":"search_url","type":"string","default":"https://api.ted.europa.eu/v3/notices/search","help":"TED Search API v3 endpoint"},
{"name":"notice_xml_url","type":"string","default":"https://ted.europa.eu/en/notice/{publication-number}/xml","help":"eForms XML of a published notice; {publication-number} is replaced"}
])json";

class TedPlugin : public convoca::sdk::Plugin {
public:
  using convoca::sdk::Plugin::Plugin;

  void harvest() override {
    const HarvestOptions options = harvestOptionsFrom(host());
    reportCounts(harvestTed(host(), options));
  }

  void parse(const std::string& name, const std::string& data) override {
    EmitCounts counts;
    emitNotice(host(), name, data, "", counts);
    reportCounts(counts);
  }

private:
  void reportCounts(const EmitCounts& counts) const {
    host().info("ted: " + std::to_string(counts.emitted) + " records emitted, " +
                std::to_string(counts.rejected) + " rejected by the host, " + std::to_string(counts.skipped) +
                " notices that are not calls");
  }
};

} // namespace
} // namespace ted

CONVOCA_PLUGIN_DEFINE(ted, ted::TedPlugin, "ted", "1.0.0",
                      "TED (Tenders Electronic Daily): eForms calls for tenders, one record per lot",
                      ted::kOptionsJson, CONVOCA_CAP_HARVEST | CONVOCA_CAP_PARSE | CONVOCA_CAP_INCREMENTAL)
