#include "convoca/plugin_host/loader.h"
#include "test_paths.h"

#include <gtest/gtest.h>

namespace convoca::plugin_host {
namespace {

using testing::testPlugin;

TEST(Loader, RefusesOtherAbiMajorWithBothVersionsInTheReason) {
  LoadedPlugin plugin = loadPlugin(testPlugin("test-bad-abi"));
  EXPECT_FALSE(plugin.info.usable);
  EXPECT_EQ(plugin.info.abiMajor, CONVOCA_PLUGIN_ABI_MAJOR + 1);
  EXPECT_NE(plugin.info.refusal.find("ABI 2.0"), std::string::npos) << plugin.info.refusal;
  EXPECT_NE(plugin.info.refusal.find("ABI 1.0"), std::string::npos) << plugin.info.refusal;
  EXPECT_NE(plugin.info.refusal.find("test-bad-abi.so"), std::string::npos) << plugin.info.refusal;
}

TEST(Loader, AcceptsOlderMinorAndRefusesNewerMinor) {
  EXPECT_EQ(abiRefusal(CONVOCA_PLUGIN_ABI_MAJOR, CONVOCA_PLUGIN_ABI_MINOR, "p.so"), "");
  EXPECT_NE(abiRefusal(CONVOCA_PLUGIN_ABI_MAJOR, CONVOCA_PLUGIN_ABI_MINOR + 1, "p.so").find("newer"),
            std::string::npos);
  EXPECT_NE(abiRefusal(CONVOCA_PLUGIN_ABI_MAJOR - 1, 0, "p.so"), "");
}

TEST(Loader, ReadsTheDescriptorOfAGoodPlugin) {
  LoadedPlugin plugin = loadPlugin(testPlugin("test-crash"));
  ASSERT_TRUE(plugin.info.usable) << plugin.info.refusal;
  EXPECT_EQ(plugin.info.id, "test-crash");
  EXPECT_EQ(plugin.info.version, "1.0.0");
  EXPECT_EQ(plugin.info.abiString(), "1.0");
  EXPECT_TRUE(plugin.info.capabilities & CONVOCA_CAP_HARVEST);
}

TEST(Loader, MissingFileAndNonPluginLibraryAreRefusedWithReasons) {
  LoadedPlugin missing = loadPlugin("/nonexistent/nothing.so");
  EXPECT_FALSE(missing.info.usable);
  EXPECT_NE(missing.info.refusal.find("cannot load"), std::string::npos);
  LoadedPlugin notAPlugin = loadPlugin("libm.so.6");
  EXPECT_FALSE(notAPlugin.info.usable);
  EXPECT_NE(notAPlugin.info.refusal.find("convoca_plugin_entry"), std::string::npos)
      << notAPlugin.info.refusal;
}

TEST(Loader, FindsPluginFilesSortedAndSkipsMissingDirectories) {
  auto files = pluginFilesIn({"/nonexistent", testing::testPluginDir()});
  ASSERT_GE(files.size(), 4u);
  EXPECT_TRUE(std::is_sorted(files.begin(), files.end()));
}

} // namespace
} // namespace convoca::plugin_host
