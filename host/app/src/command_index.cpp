// `convoca index`, `convoca search` and `convoca harvest`.
#include "convoca/app/context.h"
#include "convoca/app/harvest_runner.h"
#include "convoca/app/plugin_catalog.h"
#include "convoca/index/indexer.h"
#include "convoca/index/searcher.h"
#include "convoca/index/timeutil.h"
#include "convoca/state/state_db.h"
#include "index_maintenance.h"
#include "translation_setup.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <iostream>
#include <map>

namespace convoca::app {
namespace {

index::SortOrder sortOrderNamed(const std::string& name) {
  if (name.empty() || name == "relevance") return index::SortOrder::Relevance;
  if (name == "deadline") return index::SortOrder::Deadline;
  if (name == "newest") return index::SortOrder::Newest;
  throw UsageError("--sort expects relevance, deadline or newest, got '" + name + "'");
}

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
  return text;
}

Poco::JSON::Object::Ptr hitJson(const index::Hit& hit) {
  // The record's own fields, then what the query adds.
  Poco::JSON::Object::Ptr o = Poco::JSON::Parser()
                                  .parse(index::recordToJson(hit.record, hit.status))
                                  .extract<Poco::JSON::Object::Ptr>();
  o->remove("documents_text"); // indexed for matching, too long to print
  o->set("score", hit.percent);
  if (hit.nextDeadline) o->set("next_deadline", *hit.nextDeadline);
  o->set("snippet", hit.snippet.text);
  Poco::JSON::Array::Ptr sources = new Poco::JSON::Array;
  for (const auto& ref : hit.sources) {
    Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    item->set("source", ref.source);
    item->set("id", ref.id);
    item->set("url", ref.url);
    sources->add(item);
  }
  o->set("sources", sources);
  return o;
}

void printHuman(const index::SearchResult& result, const index::SearchRequest& request, std::ostream& out) {
  out << result.total << " result" << (result.total == 1 ? "" : "s") << "\n";
  size_t rank = request.offset;
  for (const auto& hit : result.hits) {
    out << ++rank << ". [" << hit.status << "] " << hit.record.title << "\n   " << hit.record.id;
    if (!hit.record.programme.empty()) out << " · " << hit.record.programme;
    if (hit.nextDeadline) out << " · next deadline " << *hit.nextDeadline;
    out << "\n";
    for (size_t i = 1; i < hit.sources.size(); ++i) out << "   also in " << hit.sources[i].id << "\n";
    if (!hit.record.url.empty()) out << "   " << hit.record.url << "\n";
  }
}

} // namespace

int runIndex(Context& context) {
  if (context.args.size() != 1) throw UsageError("index needs one FILE.jsonl (one record per line)");
  const std::string& file = context.args.front();
  if (!Poco::File(file).exists()) throw UsageError("no such file: " + file);
  Poco::File(context.dataDir).createDirectories();
  state::StateDb stateDb(context.statePath());
  TranslationSetup translation = makeTranslation(context, &stateDb);
  const index::IndexerOptions options = indexerOptionsFor(*translation.translator);
  prepareIndexForWriting(context, options);
  index::Indexer indexer(context.indexPath(), options);
  Poco::FileInputStream in(file);
  std::map<index::UpsertOutcome, size_t> counts;
  size_t lineNumber = 0, rejected = 0;
  for (std::string line; std::getline(in, line);) {
    ++lineNumber;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      ++counts[indexer.upsert(index::recordFromJson(line))];
    } catch (const index::RecordError& e) {
      ++rejected;
      *context.err << file << ":" << lineNumber << ": rejected: " << e.what() << "\n";
    }
  }
  indexer.commit();
  *context.err << "indexed " << file << ": " << counts[index::UpsertOutcome::Added] << " new, "
               << counts[index::UpsertOutcome::Updated] << " updated, "
               << counts[index::UpsertOutcome::Unchanged] << " unchanged, " << rejected << " rejected; "
               << indexer.documentCount() << " documents in the index\n";
  return rejected == 0 ? 0 : 1;
}

int runSearch(Context& context) {
  index::SearchRequest request;
  request.query = joined(context.args);
  for (const auto& [field, value] : context.options.filters) request.filters.emplace_back(field, value);
  if (!context.options.languages.empty()) request.languages = context.options.languages;
  request.limit = context.options.limit.value_or(20);
  request.sort = sortOrderNamed(context.options.sort);
  const std::string database = indexForReading(context);
  if (!Poco::File(database).exists())
    throw UsageError("no index in " + context.dataDir + ": run convoca harvest or convoca index first");
  index::Searcher searcher(database);
  index::SearchResult result;
  try {
    result = searcher.search(request);
  } catch (const index::QueryError& e) {
    throw UsageError(std::string("bad query: ") + e.what());
  }
  if (!context.options.json) {
    printHuman(result, request, *context.out);
    return 0;
  }
  Poco::JSON::Object document(Poco::JSON_PRESERVE_KEY_ORDER);
  document.set("query", request.query);
  document.set("total", static_cast<Poco::UInt64>(result.total));
  Poco::JSON::Array::Ptr results = new Poco::JSON::Array;
  for (const auto& hit : result.hits) results->add(hitJson(hit));
  document.set("results", results);
  Poco::JSON::Object::Ptr facets = new Poco::JSON::Object;
  for (const auto& [name, values] : result.facets) {
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& v : values) {
      Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      item->set("value", v.value);
      item->set("count", static_cast<Poco::UInt64>(v.count));
      list->add(item);
    }
    facets->set(name, list);
  }
  document.set("facets", facets);
  document.stringify(*context.out);
  *context.out << "\n";
  return 0;
}

int runHarvest(Context& context) {
  if (!context.options.replayDir.empty() && !context.options.recordDir.empty())
    throw UsageError("--replay and --record exclude each other");
  if (!context.options.replayDir.empty() && !Poco::File(context.options.replayDir).isDirectory())
    throw UsageError("--replay: no such directory: " + context.options.replayDir);
  std::vector<plugin_host::PluginInfo> catalog = discoverPlugins(context);
  std::vector<std::string> sources =
      context.options.sources.empty() ? defaultSources(context, catalog) : context.options.sources;
  if (sources.empty()) throw UsageError("no source to harvest: no plugin found and none configured");
  HarvestReport report =
      runHarvestOf(context, catalog, sources, context.options.replayDir.empty() ? "harvest" : "replay");
  printHarvestReport(report, *context.err);
  updateDigests(context, report.runId);
  return report.ok() ? 0 : 1;
}

} // namespace convoca::app
