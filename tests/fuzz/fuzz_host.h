// What every fuzz target shares: a plugin host for parse() and the rule that
// decides what counts as a bug.
//
// A plugin reports bad input with a status (CONVOCA_SOURCE_FORMAT, ...) and a
// message. CONVOCA_INTERNAL is what the SDK's adapter returns for an exception
// that is not convoca::sdk::Error (a Poco::Exception, std::out_of_range, ...):
// by plugin.h's own definition a bug, so the targets abort on it, as they do
// on a failure without a message.
#pragma once

#include <convoca/plugin.h>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace convoca::fuzz {

using Options = std::map<std::string, std::string>;

// What the host does with an emitted record: validate it with
// convoca::index::recordFromJson (the fuzz targets), or only count it (the
// parse benchmark, tests/bench/parse_bench.cpp, which times the plugin alone).
enum class Emitted { Validated, Counted };

// Runs `entry`'s parse() on one payload through an in-process host that
// handles emitted records as `emitted` says, answers every HTTP request with
// a 404 and converts HTML and times with convoca's own record library (as
// host/plugin_host does). Returns the status, and the number of records
// emitted in `records`; aborts (a fuzz finding) on a plugin bug as described above.
int parseWithPlugin(convoca_plugin_entry_fn entry, const std::string& name, const std::string& payload,
                    const Options& options = {}, Emitted emitted = Emitted::Validated,
                    uint64_t* records = nullptr);

// Prints `what` and the message to stderr, then aborts: libFuzzer saves the input.
[[noreturn]] void finding(const std::string& what, const std::string& message);

inline std::string textOf(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

} // namespace convoca::fuzz
