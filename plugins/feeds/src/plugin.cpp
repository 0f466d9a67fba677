// The feeds source plugin: any RSS 2.0 or Atom 1.0 feed the operator lists
// (URBACT, Interreg Europe, European Urban Initiative, CORDIS…).
#include "harvest.h"

#include <convoca/plugin.hpp>

namespace feeds {
namespace {

constexpr const char* kOptionsJson = R"json([
{"name":"urls","type":"list","default":"","help":"RSS 2.0 or Atom 1.0 feed URLs to harvest, comma-separated"},
{"name":"kind","type":"list","default":"call","help":"record kind: call or document; one value for every feed, or one per URL in the order of urls"},
{"name":"language","type":"list","default":"","help":"ISO 639 language for items whose feed does not declare one (RSS language, xml:lang); one value or one per URL"},
{"name":"programme","type":"list","default":"","help":"programme display name, e.g. URBACT; one value or one per URL"},
{"name":"programme_code","type":"list","default":"","help":"programme short code, e.g. URBACT; one value or one per URL"}
])json";

class FeedsPlugin : public convoca::sdk::Plugin {
public:
  using convoca::sdk::Plugin::Plugin;

  void harvest() override { harvestFeeds(host(), feedSourcesFrom(host())); }

  void parse(const std::string& name, const std::string& data) override {
    parseSavedFeed(host(), name, data);
  }
};

} // namespace
} // namespace feeds

CONVOCA_PLUGIN_DEFINE(feeds, feeds::FeedsPlugin, "feeds", "1.0.0",
                      "Generic RSS 2.0 and Atom 1.0 feeds (URBACT, Interreg Europe, European Urban "
                      "Initiative...), configured by URL list",
                      feeds::kOptionsJson, CONVOCA_CAP_HARVEST | CONVOCA_CAP_PARSE)
