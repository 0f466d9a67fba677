// What a hardening scenario did to convoca and what held, for the summary the
// hardening suites print at the end of their run (README "Hardening").
//
//     TEST(Faults, ServerResetsTheConnection) {
//       injected("connection reset after the headers on every page request");
//       ... run the harvest, assert ...
//       held("run counted as failed with reason 'connection reset'");
//       held("the 53 earlier records are unchanged (ids and contents)");
//     }
//
// Each line is also stored as a GoogleTest property ("injected", "held"), so
// --gtest_output=json carries it. A scenario whose assertions fail is listed as
// FAILED with what it claimed, so the table never shows a claim as held when
// the test behind it did not pass.
#pragma once

#include <string>

namespace convoca::testing {

// What the running test does to the system under test (call once or more).
void injected(const std::string& what);
// One property that was checked and holds (call after the assertion that shows it).
void held(const std::string& what);

} // namespace convoca::testing
