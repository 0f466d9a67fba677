#include "call_api.h"

#include "api_support.h"
#include "convoca/state/state_db.h"

#include <Poco/JSON/Parser.h>

namespace convoca::web {

namespace {

const std::string kPrefix = "/api/calls/";
const std::string kSimilarSuffix = "/similar";
constexpr size_t kMaxSimilar = 20;

// Record ids hold a colon and may hold slashes ("eu-ft:HORIZON-CL5-2024/x"):
// /similar is recognised only as the last segment.
bool endsWithSimilar(const std::string& path) {
  return path.size() > kPrefix.size() + kSimilarSuffix.size() &&
         path.compare(path.size() - kSimilarSuffix.size(), kSimilarSuffix.size(), kSimilarSuffix) == 0;
}

Poco::JSON::Array::Ptr changesJson(state::StateDb* state, const std::string& id) {
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  if (!state) return list;
  for (const state::RecordChange& change : state->history(id)) {
    Poco::JSON::Object::Ptr item = newJsonObject();
    item->set("run_id", change.runId);
    item->set("changed_at", change.changedAt);
    item->set("source", change.source);
    item->set("field", change.field);
    item->set("before", change.before);
    item->set("after", change.after);
    list->add(item);
  }
  return list;
}

Reply callReply(const index::Hit& hit, state::StateDb* state) {
  Poco::JSON::Object::Ptr record =
      Poco::JSON::Parser().parse(index::recordToJson(hit.record)).extract<Poco::JSON::Object::Ptr>();
  // The linked documents' text can be megabytes; the page links the documents instead.
  record->remove("documents_text");
  Poco::JSON::Object::Ptr json = newJsonObject();
  json->set("call", hitJson(hit));
  json->set("record", record);
  json->set("changes", changesJson(state, hit.record.id));
  return jsonReply(json);
}

Reply similarReply(const Request& request, SearchService& search, const std::string& id) {
  const ListWindow window = listWindowFrom(request, kMaxSimilar);
  if (!search.findById(id)) throw HttpError(HttpStatus::HTTP_NOT_FOUND, "no call '" + id + "'");
  Poco::JSON::Array::Ptr results = new Poco::JSON::Array;
  const size_t limit = parameter(request, "limit").empty() ? 5 : window.limit;
  for (const index::Hit& hit : search.similar(id, limit)) results->add(hitJson(hit));
  Poco::JSON::Object::Ptr json = newJsonObject();
  json->set("results", results);
  return jsonReply(json);
}

} // namespace

Reply callController(const Request& request, SearchService& search, state::StateDb* state) {
  if (endsWithSimilar(request.path)) {
    const std::string id =
        request.path.substr(kPrefix.size(), request.path.size() - kPrefix.size() - kSimilarSuffix.size());
    return similarReply(request, search, id);
  }
  if (!request.query.empty()) throw BadRequest("a call's page takes no parameters");
  const std::string id = request.path.substr(kPrefix.size());
  std::optional<index::Hit> hit = search.findById(id);
  if (!hit) throw HttpError(HttpStatus::HTTP_NOT_FOUND, "no call '" + id + "'");
  return callReply(*hit, state);
}

} // namespace convoca::web
