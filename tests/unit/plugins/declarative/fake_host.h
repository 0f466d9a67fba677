// The shared fake host (tests/unit/plugins/support), bound to the declarative plugin.
#pragma once

#include "plugin_test_host.h"

#include <string>

extern "C" const convoca_plugin* convoca_plugin_entry_declarative(void);

namespace declarative_test {

using convoca::plugin_testing::Answer;
using convoca::plugin_testing::readFile;
using convoca::plugin_testing::SeenPart;
using convoca::plugin_testing::SeenRequest;

class FakeHost : public convoca::plugin_testing::FakeHost {
public:
  FakeHost() : convoca::plugin_testing::FakeHost(&convoca_plugin_entry_declarative) {}
};

// fixtures/declarative/<relative> of the source tree.
inline std::string fixturePath(const std::string& relative) {
  return std::string(CONVOCA_SOURCE_DIR) + "/fixtures/declarative/" + relative;
}

} // namespace declarative_test
