// The fixture of the source-fault scenarios: one good eu-ft harvest from a
// local server is made once and copied into each scenario's data directory;
// the scenario then scripts the server, harvests again and checks what held.
#pragma once

#include "cli_runner.h"
#include "harvest_support.h"
#include "test_server.h"

#include <gtest/gtest.h>
#include <string>

namespace convoca::testing {

class SourceFaults : public ::testing::Test {
protected:
  static void SetUpTestSuite();
  void SetUp() override;

  // `convoca harvest --source eu-ft` against server_, with small timeouts and
  // fast retries plus `extraConfig` (properties lines).
  CliResult harvest(const std::string& extraConfig = "");
  // Requests the server saw for the search endpoint.
  std::size_t searchRequests() const { return server_.requestsTo("/search").size(); }

  // Asserts and reports (held) that the run failed as a whole: exit code 1, the
  // last eu-ft run counted as `outcome` with a reason containing `reason`.
  void expectCountedFailure(const CliResult& result, const std::string& outcome, const std::string& reason);
  // Asserts and reports that the run succeeded (exit 0, outcome ok).
  void expectSuccess(const CliResult& result);
  // Asserts and reports that eu-ft's records are exactly those of the good harvest.
  void expectEarlierRecordsKept();

  std::string data_;
  TestServer server_;
  static std::string* baseData_;
  static Snapshot* before_;
};

} // namespace convoca::testing
