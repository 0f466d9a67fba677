// A fresh directory for one test's state DB, removed afterwards.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <string>

namespace convoca::state::testing {

class TempDbTest : public ::testing::Test {
protected:
  void SetUp() override {
    // Under the test temporary directory (TEST_TMPDIR, else /tmp).
    std::string pattern = ::testing::TempDir() + "convoca-state-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string dbPath() const { return (dir_ / "state.db").string(); }

  std::filesystem::path dir_;
};

} // namespace convoca::state::testing
