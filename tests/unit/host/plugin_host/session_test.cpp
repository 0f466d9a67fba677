#include "convoca/plugin_host/session.h"

#include <convoca/plugin.hpp>
#include <fstream>
#include <gtest/gtest.h>

namespace {

// A plugin written with the C++ adapter, linked into the test.
class ScriptedPlugin : public convoca::sdk::Plugin {
public:
  using Plugin::Plugin;
  void harvest() override {
    const std::string mode = host().option("mode", "good");
    if (mode == "throw") throw std::runtime_error("boom from the plugin");
    if (mode == "format") throw convoca::sdk::Error(CONVOCA_SOURCE_FORMAT, "page 2 is not JSON");
    host().emit(R"({"id":"scripted:1","source":"scripted","kind":"call","title":"Urban greening"})");
    bool accepted = host().emit(R"({"id":"scripted:2","source":"scripted","kind":"call"})");
    host().info(accepted ? "accepted" : "rejected as expected");
    host().setCursor("page", std::to_string(std::stoi(host().cursor("page").value_or("0")) + 1));
    if (host().localToRfc3339("Europe/Brussels", "2024-02-07T17:00:00") != "2024-02-07T17:00:00+01:00")
      throw convoca::sdk::Error(CONVOCA_INTERNAL, "time service wrong");
    if (host().htmlToText("<p>a&amp;b</p>") != "a&b")
      throw convoca::sdk::Error(CONVOCA_INTERNAL, "html service wrong");
  }
  void parse(const std::string& name, const std::string& data) override {
    host().emit(R"({"id":"scripted:)" + name + R"(","source":"scripted","kind":"document","title":")" + data +
                "\"}");
  }
};

} // namespace

CONVOCA_PLUGIN_DEFINE_NAMED(scripted, ScriptedPlugin, "scripted", "0.1.0", "scripted test plugin", "[]",
                            CONVOCA_CAP_HARVEST | CONVOCA_CAP_PARSE)

namespace convoca::plugin_host {
namespace {

struct CollectingEvents : SessionEvents {
  std::vector<std::string> records, rejections, logs;
  void record(const std::string& json) override { records.push_back(json); }
  void rejected(const std::string& reason) override { rejections.push_back(reason); }
  void log(int, const std::string& message) override { logs.push_back(message); }
  void progress(uint64_t, uint64_t) override {}
};

SessionOutcome harvestWith(const std::string& mode, CollectingEvents& events,
                           std::map<std::string, std::string> cursors = {}) {
  static LoadedPlugin plugin = loadLinkedPlugin(&convoca_plugin_entry_scripted, "scripted (linked)");
  SessionConfig config;
  config.options["mode"] = mode;
  config.cursors = std::move(cursors);
  PluginSession session(plugin, config, events);
  return session.harvest();
}

TEST(Session, ValidatesRecordsAndFillsFetchedAt) {
  CollectingEvents events;
  SessionOutcome outcome = harvestWith("good", events);
  EXPECT_EQ(outcome.status, CONVOCA_OK) << outcome.message;
  ASSERT_EQ(events.records.size(), 1u);
  EXPECT_NE(events.records[0].find("\"fetched_at\""), std::string::npos);
  ASSERT_EQ(events.rejections.size(), 1u);
  EXPECT_NE(events.rejections[0].find("title"), std::string::npos);
  EXPECT_EQ(outcome.accepted, 1u);
  EXPECT_EQ(outcome.rejected, 1u);
  EXPECT_EQ(events.logs, std::vector<std::string>{"rejected as expected"});
}

TEST(Session, CursorsStartFromTheStoredValues) {
  CollectingEvents events;
  SessionOutcome outcome = harvestWith("good", events, {{"page", "41"}, {"other", "x"}});
  EXPECT_EQ(outcome.cursors.at("page"), "42");
  EXPECT_EQ(outcome.cursors.at("other"), "x");
}

TEST(Session, ExceptionsBecomeStatusesWithTheirMessage) {
  CollectingEvents events;
  SessionOutcome crashed = harvestWith("throw", events);
  EXPECT_EQ(crashed.status, CONVOCA_INTERNAL);
  EXPECT_EQ(crashed.message, "boom from the plugin");
  SessionOutcome format = harvestWith("format", events);
  EXPECT_EQ(format.status, CONVOCA_SOURCE_FORMAT);
  EXPECT_EQ(format.message, "page 2 is not JSON");
}

TEST(Session, ParseReadsFilesAndRefusesTheNetwork) {
  static LoadedPlugin plugin = loadLinkedPlugin(&convoca_plugin_entry_scripted, "scripted (linked)");
  const std::string file = ::testing::TempDir() + "payload-1";
  std::ofstream(file) << "Saved payload";
  CollectingEvents events;
  PluginSession session(plugin, {}, events);
  SessionOutcome outcome = session.parse({file});
  EXPECT_EQ(outcome.status, CONVOCA_OK) << outcome.message;
  ASSERT_EQ(events.records.size(), 1u);
  EXPECT_NE(events.records[0].find("Saved payload"), std::string::npos);
  SessionOutcome missing = session.parse({"/nonexistent/file.json"});
  EXPECT_NE(missing.status, CONVOCA_OK);
  EXPECT_NE(missing.message.find("/nonexistent/file.json"), std::string::npos);
}

} // namespace
} // namespace convoca::plugin_host
