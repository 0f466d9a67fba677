#include "scenario_report.h"

#include <gtest/gtest.h>
#include <iostream>
#include <map>
#include <mutex>
#include <vector>

namespace convoca::testing {
namespace {

struct Scenario {
  std::vector<std::string> injected;
  std::vector<std::string> held;
  bool passed = true;
};

// Test name -> what it reported, in the order the tests ran.
struct Ledger {
  std::mutex mutex;
  std::vector<std::string> order;
  std::map<std::string, Scenario> scenarios;

  Scenario& current() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string name =
        info ? std::string(info->test_suite_name()) + "." + info->name() : std::string("(outside a test)");
    if (!scenarios.count(name)) order.push_back(name);
    return scenarios[name];
  }
};

Ledger& ledger() {
  static Ledger instance;
  return instance;
}

// Prints the table once every test has run; the pass/fail of each scenario comes
// from GoogleTest itself, not from the claims.
class SummaryPrinter : public ::testing::EmptyTestEventListener {
  void OnTestEnd(const ::testing::TestInfo& info) override {
    Ledger& book = ledger();
    std::lock_guard lock(book.mutex);
    const std::string name = std::string(info.test_suite_name()) + "." + info.name();
    auto found = book.scenarios.find(name);
    if (found != book.scenarios.end()) found->second.passed = !info.result()->Failed();
  }

  void OnTestProgramEnd(const ::testing::UnitTest&) override {
    Ledger& book = ledger();
    std::lock_guard lock(book.mutex);
    if (book.order.empty()) return;
    std::cout << "\n==== hardening scenarios: what was injected, what held ====\n";
    int failed = 0;
    for (const std::string& name : book.order) {
      const Scenario& s = book.scenarios[name];
      if (!s.passed) ++failed;
      std::cout << (s.passed ? "[HELD]   " : "[FAILED] ") << name << "\n";
      for (const auto& line : s.injected) std::cout << "    injected: " << line << "\n";
      for (const auto& line : s.held)
        std::cout << (s.passed ? "    held:     " : "    claimed:  ") << line << "\n";
    }
    std::cout << "==== " << book.order.size() - failed << " of " << book.order.size()
              << " scenarios held ====\n"
              << std::flush;
  }
};

// Registered when this file is linked, i.e. as soon as a test calls injected()/held().
const bool registered = [] {
  ::testing::UnitTest::GetInstance()->listeners().Append(new SummaryPrinter);
  return true;
}();

void remember(const char* key, const std::string& what, std::vector<std::string> Scenario::*list) {
  (void)registered;
  std::size_t count = 0;
  {
    Ledger& book = ledger();
    std::lock_guard lock(book.mutex);
    auto& lines = book.current().*list;
    lines.push_back(what);
    count = lines.size();
  }
  // Numbered keys: GoogleTest keeps one value per property name.
  ::testing::Test::RecordProperty(std::string(key) + "." + std::to_string(count), what);
}

} // namespace

void injected(const std::string& what) {
  remember("injected", what, &Scenario::injected);
}

void held(const std::string& what) {
  remember("held", what, &Scenario::held);
}

} // namespace convoca::testing
