// ted's tests drive the plugin through the shared fake host
// (tests/unit/plugins/support), bound to ted's static entry; the TED search is
// a POST, answered by servePost() per exact body.
#pragma once

#include "plugin_test_host.h"

extern "C" const convoca_plugin* convoca_plugin_entry_ted(void);

namespace ted_test {

using convoca::plugin_testing::Answer;
using convoca::plugin_testing::readFile;
using convoca::plugin_testing::realFixturesDir;
using convoca::plugin_testing::SeenRequest;

class FakeHost : public convoca::plugin_testing::FakeHost {
public:
  FakeHost() : convoca::plugin_testing::FakeHost(convoca_plugin_entry_ted) {}
};

// The ted options of a demo.properties file.
inline std::map<std::string, std::string> demoOptions(const std::string& path) {
  return convoca::plugin_testing::demoOptions(path, "ted");
}

} // namespace ted_test
