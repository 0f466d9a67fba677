// The shared fake host (tests/unit/plugins/support) for the OAI plugins
// (oai-pmh, undl): construct it with the plugin's static entry.
#pragma once

#include "plugin_test_host.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timespan.h>
#include <string>

namespace oai_test {

using convoca::plugin_testing::Answer;
using convoca::plugin_testing::FakeHost;
using convoca::plugin_testing::readFile;
using convoca::plugin_testing::realFixturesDir;
using convoca::plugin_testing::SeenPart;
using convoca::plugin_testing::SeenRequest;

// The UTC date `days` days before today, YYYY-MM-DD.
inline std::string daysAgoUtc(int days) {
  return Poco::DateTimeFormatter::format(Poco::DateTime() - Poco::Timespan(days, 0, 0, 0, 0), "%Y-%m-%d");
}

} // namespace oai_test
