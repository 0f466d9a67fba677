#include "harvest_support.h"

#include "cli_runner.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/NumberParser.h>
#include <Poco/StreamCopier.h>
#include <csignal>
#include <gtest/gtest.h>
#include <sstream>

namespace convoca::testing {
namespace {

std::string readWhole(const std::string& path) {
  Poco::FileInputStream in(path);
  std::string text;
  Poco::StreamCopier::copyToString(in, text);
  return text;
}

Poco::JSON::Object::Ptr parseObject(const std::string& json) {
  return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

std::string stringify(const Poco::JSON::Object::Ptr& object) {
  std::ostringstream out;
  object->stringify(out);
  return out.str();
}

} // namespace

std::string demoSearchBody() {
  return readWhole(CONVOCA_SOURCE_DIR "/fixtures/eu-ft/exchanges/0002-api.tech.ec.europa.eu-search.body");
}

std::string demoSearchPage(std::size_t first, std::size_t count, int pageNumber, std::size_t total) {
  static const std::string body = demoSearchBody();
  Poco::JSON::Object::Ptr page = parseObject(body);
  const Poco::JSON::Array::Ptr all = page->getArray("results");
  auto results = Poco::makeShared<Poco::JSON::Array>();
  for (std::size_t i = first; i < first + count && i < all->size(); ++i) results->add(all->get(i));
  page->set("results", results);
  page->set("totalResults", static_cast<Poco::UInt64>(total));
  page->set("pageNumber", pageNumber);
  page->set("pageSize", static_cast<Poco::UInt64>(count));
  return stringify(page);
}

Snapshot snapshotOf(const std::string& dataDir, const std::string& source) {
  const CliResult r =
      runConvoca(dataDir, {"search", "--json", "--limit", "10000", "--filter", "source=" + source, ""});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  Snapshot snapshot;
  if (r.exitCode != 0) return snapshot;
  const Poco::JSON::Array::Ptr results = parseObject(r.out)->getArray("results");
  for (std::size_t i = 0; i < results->size(); ++i) {
    Poco::JSON::Object::Ptr record = results->getObject(static_cast<unsigned>(i));
    record->remove("score");
    record->remove("snippet");
    const std::string id = record->getValue<std::string>("id");
    EXPECT_EQ(snapshot.count(id), 0u) << "record " << id << " appears twice";
    snapshot[id] = stringify(record);
  }
  return snapshot;
}

LastRun lastRunOf(const std::string& dataDir, const std::string& source) {
  const CliResult r = runConvoca(dataDir, {"status", "--json"});
  LastRun run;
  Poco::JSON::Object::Ptr status;
  try {
    status = parseObject(r.out);
  } catch (const Poco::Exception& error) {
    ADD_FAILURE() << "status --json is not JSON: " << error.displayText() << "\n" << r.out << r.err;
    return run;
  }
  const Poco::JSON::Array::Ptr sources = status->getArray("sources");
  for (std::size_t i = 0; sources && i < sources->size(); ++i) {
    const Poco::JSON::Object::Ptr entry = sources->getObject(static_cast<unsigned>(i));
    if (entry->getValue<std::string>("source") != source || !entry->has("last_run")) continue;
    const Poco::JSON::Object::Ptr last = entry->getObject("last_run");
    run.found = true;
    run.outcome = last->getValue<std::string>("outcome");
    run.message = last->optValue<std::string>("message", "");
    run.fetched = last->optValue<Poco::Int64>("fetched", 0);
    run.rejected = last->optValue<Poco::Int64>("rejected", 0);
    run.errors = last->optValue<Poco::Int64>("errors", 0);
    run.durationMs = last->optValue<Poco::Int64>("duration_ms", 0);
  }
  return run;
}

void copyDataDirectory(const std::string& from, const std::string& to) {
  Poco::File(from).copyTo(to);
}

std::vector<int> processesWithEnvironment(const std::string& name, const std::string& value) {
  const std::string wanted = name + "=" + value;
  std::vector<int> pids;
  for (Poco::DirectoryIterator entry(std::string("/proc")), end; entry != end; ++entry) {
    int pid = 0;
    if (!Poco::NumberParser::tryParse(entry.name(), pid)) continue;
    try {
      // A zombie has no live code left: its parent simply has not reaped it yet.
      const std::string stat = readWhole(entry.path().toString() + "/stat");
      const std::size_t afterName = stat.rfind(')');
      if (afterName != std::string::npos && stat.compare(afterName + 1, 3, " Z ") == 0) continue;
      const std::string environment = readWhole(entry.path().toString() + "/environ");
      std::istringstream variables(environment);
      for (std::string variable; std::getline(variables, variable, '\0');)
        if (variable == wanted) pids.push_back(pid);
    } catch (const Poco::Exception&) {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

void killProcesses(const std::vector<int>& pids) {
  for (int pid : pids) ::kill(pid, SIGKILL);
}

} // namespace convoca::testing
