// The shared fake host (tests/unit/plugins/support), bound to the bdns plugin.
#pragma once

#include "plugin_test_host.h"

#include <string>

extern "C" const convoca_plugin* convoca_plugin_entry_bdns(void);

namespace bdns_test {

using convoca::plugin_testing::Answer;
using convoca::plugin_testing::readFile;
using convoca::plugin_testing::realFixturesDir;
using convoca::plugin_testing::SeenPart;
using convoca::plugin_testing::SeenRequest;

class FakeHost : public convoca::plugin_testing::FakeHost {
public:
  FakeHost() : convoca::plugin_testing::FakeHost(&convoca_plugin_entry_bdns) {}
};

} // namespace bdns_test
