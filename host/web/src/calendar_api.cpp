#include "calendar_api.h"

#include "api_support.h"
#include "convoca/index/timeutil.h"
#include "formats/ics.h"

#include <algorithm>

namespace convoca::web {

namespace {

namespace timeutil = index::timeutil;

constexpr size_t kMaxEvents = 500;
// Calls read per calendar: a year of a busy office's deadlines fits easily.
constexpr size_t kMaxCalls = 2000;
constexpr int64_t kDefaultDays = 365;

struct DeadlineEvent {
  const index::Hit* hit = nullptr;
  int64_t at = 0;
  size_t stage = 0; // position in the record's deadline list
};

std::string dayOf(int64_t instant) {
  const std::string key = timeutil::dayKey(instant, timeutil::kHomeZone); // YYYYMMDD
  return key.substr(0, 4) + "-" + key.substr(4, 2) + "-" + key.substr(6, 2);
}

// The search behind a calendar: the request's search parameters, soonest
// deadline first, within [deadline_from, deadline_to] (default: today to a year on).
index::SearchRequest calendarSearch(const QueryParameters& parameters) {
  for (const auto& [name, value] : parameters)
    if (name == "sort" || name == "offset" || name == "limit")
      throw BadRequest("a calendar takes no " + name + " among its search parameters");
  index::SearchRequest request = searchRequestFromParameters(parameters);
  const int64_t now = timeutil::now();
  if (!request.deadlineFrom) request.deadlineFrom = dayOf(now);
  if (!request.deadlineTo) request.deadlineTo = dayOf(now + kDefaultDays * 86400);
  request.sort = index::SortOrder::Deadline;
  request.offset = 0;
  request.limit = kMaxCalls;
  return request;
}

// Every deadline of the hits whose day (Europe/Madrid) lies in the request's range.
std::vector<DeadlineEvent> eventsIn(const std::vector<index::Hit>& hits,
                                    const index::SearchRequest& request) {
  std::vector<DeadlineEvent> events;
  for (const index::Hit& hit : hits) {
    const auto& deadlines = hit.record.deadlines;
    for (size_t stage = 0; stage < deadlines.size(); ++stage) {
      const std::optional<int64_t> at = timeutil::parseInstant(deadlines[stage]);
      if (!at) continue;
      const std::string day = dayOf(*at);
      if ((request.deadlineFrom && day < *request.deadlineFrom) ||
          (request.deadlineTo && day > *request.deadlineTo))
        continue;
      events.push_back({&hit, *at, stage});
    }
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const DeadlineEvent& a, const DeadlineEvent& b) { return a.at < b.at; });
  return events;
}

std::string instantText(int64_t at) {
  return timeutil::formatInstant(at, timeutil::kHomeZone);
}

Poco::JSON::Object::Ptr eventJson(const DeadlineEvent& event) {
  const index::Record& record = event.hit->record;
  Poco::JSON::Object::Ptr json = newJsonObject();
  json->set("record_id", record.id);
  json->set("title", record.title);
  json->set("programme",
            record.programme.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(record.programme));
  json->set("deadline", instantText(event.at));
  json->set("stage", event.stage + 1);
  json->set("stages", record.deadlines.size());
  json->set("status", event.hit->status);
  json->set("url", record.url.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(record.url));
  return json;
}

Reply calendarList(const Request& request, SearchService& search) {
  const ListWindow window = listWindowFrom(request, kMaxEvents, {"q",
                                                                 "lang",
                                                                 "deadline_from",
                                                                 "deadline_to",
                                                                 "budget_min",
                                                                 "budget_max",
                                                                 "posted_within_days",
                                                                 "source",
                                                                 "programme",
                                                                 "status",
                                                                 "language",
                                                                 "kind",
                                                                 "sdg",
                                                                 "country",
                                                                 "keyword",
                                                                 "call",
                                                                 "topic",
                                                                 "entity",
                                                                 "tag",
                                                                 "priority",
                                                                 "action",
                                                                 "id"});
  const index::SearchRequest searchRequest = calendarSearch(parametersWithout(request.query, {}));
  const index::SearchResult result = search.search(searchRequest);
  const std::vector<DeadlineEvent> events = eventsIn(result.hits, searchRequest);
  if (window.csv) {
    std::vector<std::vector<std::string>> rows;
    for (const DeadlineEvent& event : events) {
      const index::Record& record = event.hit->record;
      rows.push_back({instantText(event.at),
                      std::to_string(event.stage + 1) + "/" + std::to_string(record.deadlines.size()),
                      record.title, record.programme, event.hit->status, record.id, record.url});
    }
    return csvReply("calendar", {"deadline", "stage", "title", "programme", "status", "id", "url"}, rows);
  }
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  for (size_t i = window.offset; i < events.size() && i < window.offset + window.limit; ++i)
    list->add(eventJson(events[i]));
  return listReply(events.size(), window, list);
}

} // namespace

Reply calendarController(const Request& request, SearchService& search) {
  if (request.path != "/api/calendar.ics") return calendarList(request, search);
  const index::SearchRequest searchRequest = calendarSearch(request.query);
  const index::SearchResult result = search.search(searchRequest);
  Reply reply;
  reply.contentType = "text/calendar; charset=utf-8";
  reply.body = deadlinesIcs("convoca", result.hits, timeutil::now(), searchRequest.deadlineFrom,
                            searchRequest.deadlineTo);
  return reply;
}

std::string deadlinesIcs(const std::string& calendarName, const std::vector<index::Hit>& hits, int64_t now,
                         const std::optional<std::string>& fromDay, const std::optional<std::string>& toDay) {
  std::vector<CalendarEvent> events;
  for (const index::Hit& hit : hits) {
    const index::Record& record = hit.record;
    for (size_t stage = 0; stage < record.deadlines.size(); ++stage) {
      const std::optional<int64_t> at = timeutil::parseInstant(record.deadlines[stage]);
      if (!at) continue;
      const std::string day = dayOf(*at);
      if ((fromDay && day < *fromDay) || (toDay && day > *toDay)) continue;
      CalendarEvent event;
      event.uidSeed = deadlineUidSeed(record.id, stage);
      event.start = *at;
      event.summary = record.deadlines.size() > 1 ? record.title + " (" + std::to_string(stage + 1) + "/" +
                                                        std::to_string(record.deadlines.size()) + ")"
                                                  : record.title;
      event.description = record.programme + (record.callId.empty() ? "" : " · " + record.callId) + "\n" +
                          record.deadlines[stage] + (record.deadlinesTimeAssumed ? " (time assumed)" : "");
      event.url = record.url;
      event.sequence = icsSequenceFor(*at);
      event.categories = record.programme;
      events.push_back(std::move(event));
    }
  }
  return icsCalendar(calendarName, events, now);
}

} // namespace convoca::web
