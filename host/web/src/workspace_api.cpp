// Saved searches with their feeds, and harvest health (sources and runs).
#include "workspace_api.h"

#include "api_support.h"
#include "calendar_api.h"
#include "convoca/index/timeutil.h"
#include "formats/atom.h"

#include <Poco/NumberParser.h>
#include <Poco/URI.h>

namespace convoca::web {

namespace {

const std::string kSearchesPrefix = "/api/searches/";
constexpr size_t kMaxListLimit = 100;
constexpr size_t kFeedEntries = 50;
constexpr size_t kMaxRuns = 200;

// ---- saved searches ---------------------------------------------------------

QueryParameters parametersOf(const std::string& query) {
  std::string text = query;
  if (!text.empty() && text.front() == '?') text.erase(0, 1);
  try {
    return Poco::URI("/?" + text).getQueryParameters();
  } catch (const Poco::Exception& error) {
    throw HttpError(HttpStatus::HTTP_UNPROCESSABLE_ENTITY, "query is not a query string: " + error.message());
  }
}

index::SearchRequest searchOf(const state::SavedSearch& saved) {
  QueryParameters parameters;
  for (const auto& pair : parametersOf(saved.query))
    if (pair.first != "offset" && pair.first != "limit" && pair.first != "format") parameters.push_back(pair);
  return searchRequestFromParameters(parameters);
}

Poco::JSON::Object::Ptr savedSearchJson(const state::SavedSearch& saved) {
  const std::string base = kSearchesPrefix + std::to_string(saved.id);
  Poco::JSON::Object::Ptr json = newJsonObject();
  json->set("id", saved.id);
  json->set("name", saved.name);
  json->set("query", saved.query);
  json->set("created_at", saved.createdAt);
  json->set("created_by", saved.createdBy);
  json->set("feed_url", base + "/feed.atom");
  json->set("calendar_url", base + "/calendar.ics");
  return json;
}

Reply createSavedSearch(const Request& request, state::StateDb& db) {
  Poco::JSON::Object::Ptr body = jsonBody(request);
  const std::string name = body->optValue<std::string>("name", "");
  const std::string query = body->optValue<std::string>("query", "");
  if (name.empty() || name.size() > 200)
    throw HttpError(HttpStatus::HTTP_UNPROCESSABLE_ENTITY, "name is required (at most 200 bytes)");
  if (query.size() > 4000) throw HttpError(HttpStatus::HTTP_UNPROCESSABLE_ENTITY, "query is too long");
  try {
    searchOf(state::SavedSearch{0, name, query, "", ""});
  } catch (const BadRequest& error) {
    throw HttpError(HttpStatus::HTTP_UNPROCESSABLE_ENTITY, std::string("query: ") + error.what());
  }
  const state::SavedSearch saved =
      db.addSavedSearch(name, query, request.identity ? request.identity->user : "");
  return createdReply(savedSearchJson(saved), kSearchesPrefix + std::to_string(saved.id));
}

Reply listSavedSearches(const Request& request, state::StateDb& db) {
  const ListWindow window = listWindowFrom(request, kMaxListLimit);
  const std::vector<state::SavedSearch> all = db.savedSearches();
  if (window.csv) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& saved : all)
      rows.push_back({std::to_string(saved.id), saved.name, saved.query, saved.createdAt, saved.createdBy});
    return csvReply("saved-searches", {"id", "name", "query", "created_at", "created_by"}, rows);
  }
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  for (size_t i = window.offset; i < all.size() && i < window.offset + window.limit; ++i)
    list->add(savedSearchJson(all[i]));
  return listReply(all.size(), window, list);
}

std::string feedOf(const state::SavedSearch& saved, SearchService& search, const std::string& selfUrl,
                   const std::string& language) {
  index::SearchRequest request = searchOf(saved);
  request.sort = index::SortOrder::Newest;
  request.offset = 0;
  request.limit = kFeedEntries;
  const index::SearchResult result = search.search(request);
  AtomFeed feed;
  feed.id = "tag:convoca,2026:search:" + std::to_string(saved.id);
  feed.title = "convoca — " + saved.name;
  feed.subtitle = saved.query;
  feed.selfLink = selfUrl;
  feed.language = language;
  for (const index::Hit& hit : result.hits) {
    AtomEntry entry;
    entry.id = "tag:convoca,2026:call:" + hit.record.id;
    entry.title = hit.record.title;
    entry.updated = hit.record.fetchedAt.empty()
                        ? index::timeutil::formatInstant(index::timeutil::now(), "UTC")
                        : hit.record.fetchedAt;
    entry.link = hit.record.url;
    entry.summary = hit.record.programme + (hit.nextDeadline ? " · " + *hit.nextDeadline : "") +
                    (hit.record.summary.empty() ? "" : "\n" + hit.record.summary.substr(0, 600));
    if (!hit.record.programme.empty()) entry.categories.push_back(hit.record.programme);
    if (feed.updated.empty() || entry.updated > feed.updated) feed.updated = entry.updated;
    feed.entries.push_back(std::move(entry));
  }
  if (feed.updated.empty()) feed.updated = index::timeutil::formatInstant(index::timeutil::now(), "UTC");
  return atomXml(feed);
}

Reply savedSearchResource(const Request& request, state::StateDb& db, SearchService& search) {
  const std::string rest = request.path.substr(kSearchesPrefix.size());
  const size_t slash = rest.find('/');
  int64_t id = 0;
  if (!Poco::NumberParser::tryParse64(rest.substr(0, slash), id))
    throw HttpError(HttpStatus::HTTP_NOT_FOUND, "no saved search '" + rest.substr(0, slash) + "'");
  const std::optional<state::SavedSearch> saved = db.savedSearch(id);
  if (!saved) throw HttpError(HttpStatus::HTTP_NOT_FOUND, "no saved search " + std::to_string(id));
  const std::string what = slash == std::string::npos ? "" : rest.substr(slash + 1);
  if (request.method == "DELETE") {
    if (!what.empty()) throw MethodNotAllowed({"GET", "HEAD"});
    db.removeSavedSearch(id);
    return noContentReply();
  }
  Reply reply;
  if (what.empty()) {
    if (!request.query.empty()) throw BadRequest("a saved search takes no parameters");
    return jsonReply(savedSearchJson(*saved));
  } else if (what == "feed.atom") {
    const std::string language = parameter(request, "lang", "ca");
    if (language != "ca" && language != "es" && language != "en")
      throw BadRequest("lang must be ca, es or en");
    reply.contentType = "application/atom+xml; charset=utf-8";
    reply.body = feedOf(*saved, search, request.path, language);
  } else if (what == "calendar.ics") {
    index::SearchRequest searchRequest = searchOf(*saved);
    searchRequest.sort = index::SortOrder::Deadline;
    searchRequest.offset = 0;
    searchRequest.limit = 2000;
    reply.contentType = "text/calendar; charset=utf-8";
    reply.body =
        deadlinesIcs("convoca — " + saved->name, search.search(searchRequest).hits, index::timeutil::now());
  } else {
    throw HttpError(HttpStatus::HTTP_NOT_FOUND, "no such resource: " + what);
  }
  return reply;
}

// ---- harvest health ---------------------------------------------------------

Poco::JSON::Object::Ptr countsJson(const state::SourceCounts& counts) {
  Poco::JSON::Object::Ptr json = newJsonObject();
  json->set("fetched", counts.fetched);
  json->set("new", counts.added);
  json->set("updated", counts.updated);
  json->set("unchanged", counts.unchanged);
  json->set("rejected", counts.rejected);
  json->set("errors", counts.errors);
  json->set("kept", counts.kept);
  return json;
}

Poco::JSON::Object::Ptr sourceRunJson(const state::SourceRun& run) {
  Poco::JSON::Object::Ptr json = newJsonObject();
  json->set("source", run.source);
  json->set("outcome", state::toString(run.outcome));
  json->set("counts", countsJson(run.counts));
  json->set("duration_ms", run.durationMs);
  json->set("message", run.message);
  json->set("started_at", run.startedAt);
  json->set("finished_at", run.finishedAt);
  return json;
}

std::map<std::string, size_t> documentsPerSource(SearchService& search) {
  index::SearchRequest request;
  request.limit = 0;
  std::map<std::string, size_t> counts;
  const index::SearchResult result = search.search(request);
  if (auto found = result.facets.find("source"); found != result.facets.end())
    for (const auto& value : found->second) counts[value.value] = value.count;
  return counts;
}

} // namespace

Reply savedSearchController(const Request& request, state::StateDb& state, SearchService& search,
                            const std::string& /*assetDir*/) {
  if (request.path.size() > kSearchesPrefix.size()) return savedSearchResource(request, state, search);
  if (request.method == "POST") return createSavedSearch(request, state);
  return listSavedSearches(request, state);
}

Reply sourcesController(const Request& request, state::StateDb& state, SearchService& search) {
  const ListWindow window = listWindowFrom(request, kMaxListLimit);
  // The newest final row of each source, for its counts and message.
  std::map<std::string, state::SourceRun> latest;
  for (const state::HarvestRun& run : state.recentRuns(50))
    for (const state::SourceRun& row : run.sources)
      if (row.outcome != state::RunOutcome::Running) latest.emplace(row.source, row);
  const std::map<std::string, size_t> documents = documentsPerSource(search);
  std::vector<Poco::JSON::Object::Ptr> items;
  for (const state::SourceInfo& source : state.sources()) {
    Poco::JSON::Object::Ptr json = newJsonObject();
    json->set("id", source.id);
    json->set("version", source.version);
    json->set("last_run_at",
              source.lastRunAt.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(source.lastRunAt));
    json->set("last_outcome", source.lastOutcome ? Poco::Dynamic::Var(state::toString(*source.lastOutcome))
                                                 : Poco::Dynamic::Var());
    json->set("consecutive_failures", source.consecutiveFailures);
    const auto run = latest.find(source.id);
    json->set("counts", run == latest.end() ? countsJson({}) : countsJson(run->second.counts));
    json->set("message", run == latest.end() ? "" : run->second.message);
    const auto count = documents.find(source.id);
    json->set("documents", count == documents.end() ? 0 : count->second);
    items.push_back(json);
  }
  if (window.csv) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& item : items) {
      Poco::JSON::Object::Ptr counts = item->getObject("counts");
      rows.push_back({cellText(item->get("id")), cellText(item->get("last_run_at")),
                      cellText(item->get("last_outcome")), cellText(item->get("consecutive_failures")),
                      cellText(item->get("documents")), cellText(counts->get("fetched")),
                      cellText(counts->get("new")), cellText(counts->get("updated")),
                      cellText(counts->get("rejected")), cellText(item->get("message"))});
    }
    return csvReply("sources",
                    {"source", "last_run_at", "last_outcome", "consecutive_failures", "documents", "fetched",
                     "new", "updated", "rejected", "message"},
                    rows);
  }
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  for (size_t i = window.offset; i < items.size() && i < window.offset + window.limit; ++i)
    list->add(items[i]);
  return listReply(items.size(), window, list);
}

Reply runsController(const Request& request, state::StateDb& state) {
  const ListWindow window = listWindowFrom(request, kMaxListLimit);
  // The list covers the newest kMaxRuns runs; older ones stay in the state DB.
  const std::vector<state::HarvestRun> runs = state.recentRuns(kMaxRuns);
  if (window.csv) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& run : runs)
      for (const auto& row : run.sources)
        rows.push_back({std::to_string(run.id), run.startedAt, run.mode, row.source,
                        state::toString(row.outcome), std::to_string(row.counts.fetched),
                        std::to_string(row.counts.added), std::to_string(row.counts.updated),
                        std::to_string(row.durationMs), row.message});
    return csvReply("runs",
                    {"run", "started_at", "mode", "source", "outcome", "fetched", "new", "updated",
                     "duration_ms", "message"},
                    rows);
  }
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  for (size_t i = window.offset; i < runs.size() && i < window.offset + window.limit; ++i) {
    const state::HarvestRun& run = runs[i];
    Poco::JSON::Object::Ptr json = newJsonObject();
    json->set("id", run.id);
    json->set("started_at", run.startedAt);
    json->set("finished_at", run.finished() ? Poco::Dynamic::Var(run.finishedAt) : Poco::Dynamic::Var());
    json->set("mode", run.mode);
    json->set("ok", run.ok);
    Poco::JSON::Array::Ptr sources = new Poco::JSON::Array;
    for (const auto& row : run.sources) sources->add(sourceRunJson(row));
    json->set("sources", sources);
    list->add(json);
  }
  return listReply(runs.size(), window, list);
}

} // namespace convoca::web
