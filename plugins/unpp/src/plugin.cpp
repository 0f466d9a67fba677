// The unpp source plugin: calls for expression of interest (CFEI) of the UN
// Partner Portal (UNICEF, WFP, UNHCR…), through the public plugin SDK only.
#include "harvest.h"
#include "project_page.h"

#include <convoca/plugin.hpp>

namespace unpp {
namespace {

constexpr const char* kOptionsJson = R"json([
{"name":"api","type":"string","default":"open","help":"open: /api/projects/open/ (what the portal's own table calls); public: /api/public/projects/ (the public list of the 2019 code)"},
{"name":"site_url","type":"string","default":"https://www.unpartnerportal.org","help":"the portal's address, without a trailing path"},
{"name":"page_size","type":"int","default":"50","help":"calls per page, 1 to 100 (the portal's maximum)"},
{"name":"max_pages","type":"int","default":"20","help":"safety stop: at most this many pages per run"}
])json";

class UnppPlugin : public convoca::sdk::Plugin {
public:
  using convoca::sdk::Plugin::Plugin;

  void harvest() override {
    const HarvestOptions options = harvestOptionsFrom(host());
    emitAll(harvestProjects(host(), options));
  }

  void parse(const std::string& name, const std::string& data) override {
    ProjectReader reader(host(), kDefaultSiteUrl);
    emitAll(readProjectPage(name, data, reader).records);
  }

private:
  void emitAll(const std::vector<CallRecord>& records) const {
    size_t rejected = 0;
    for (const auto& record : records)
      if (!host().emit(toJson(record))) ++rejected;
    host().info("unpp: " + std::to_string(records.size() - rejected) + " records emitted, " +
                std::to_string(rejected) + " rejected by the host");
  }
};

} // namespace
} // namespace unpp

CONVOCA_PLUGIN_DEFINE(unpp, unpp::UnppPlugin, "unpp", "1.0.0",
                      "UN Partner Portal: calls for expression of interest of UNICEF, WFP, UNHCR and other "
                      "UN agencies",
                      unpp::kOptionsJson, CONVOCA_CAP_HARVEST | CONVOCA_CAP_PARSE)
