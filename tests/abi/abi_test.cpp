#include <convoca/plugin.hpp>
#include <gtest/gtest.h>

extern "C" int convoca_abi_pins_compiled(void);

namespace {

TEST(Abi, LayoutPinsCompiledAsC) {
  EXPECT_EQ(convoca_abi_pins_compiled(), 100);
}

// The C++ adapter must fill the same descriptor a C author would.
class NoopPlugin : public convoca::sdk::Plugin {
public:
  using Plugin::Plugin;
};

TEST(Abi, AdapterDescriptorCarriesVersionAndSize) {
  constexpr convoca_plugin d =
      convoca::sdk::describe<NoopPlugin>("noop", "1.0.0", "noop", "[]", CONVOCA_CAP_PARSE);
  EXPECT_EQ(d.struct_size, sizeof(convoca_plugin));
  EXPECT_EQ(d.abi_major, CONVOCA_PLUGIN_ABI_MAJOR);
  EXPECT_EQ(d.abi_minor, CONVOCA_PLUGIN_ABI_MINOR);
  EXPECT_NE(d.create, nullptr);
  EXPECT_NE(d.parse, nullptr);
  EXPECT_EQ(d.harvest, nullptr) << "harvest is NULL without CONVOCA_CAP_HARVEST";
}

} // namespace
