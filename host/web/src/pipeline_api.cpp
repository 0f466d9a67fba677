// /api/pipeline: where each call stands for the office, per profile.
#include "api_support.h"
#include "workspace_api.h"

namespace convoca::web {

namespace {

constexpr size_t kMaxEntries = 500;

std::string textField(const Poco::JSON::Object::Ptr& body, const std::string& name, size_t maxBytes) {
  if (!body->has(name) || body->isNull(name)) return "";
  const Poco::Dynamic::Var value = body->get(name);
  if (!value.isString()) throw HttpError(HttpStatus::HTTP_UNPROCESSABLE_ENTITY, name + " must be a string");
  std::string text = value.extract<std::string>();
  if (text.size() > maxBytes)
    throw HttpError(HttpStatus::HTTP_UNPROCESSABLE_ENTITY,
                    name + " is too long (at most " + std::to_string(maxBytes) + " bytes)");
  return text;
}

state::PipelineEntry entryFromBody(const Request& request) {
  Poco::JSON::Object::Ptr body = jsonBody(request);
  state::PipelineEntry entry;
  entry.recordId = textField(body, "record_id", 1000);
  entry.profileId = textField(body, "profile_id", 200);
  entry.owner = textField(body, "owner", 200);
  entry.notes = textField(body, "notes", 20000);
  if (entry.recordId.empty()) throw HttpError(HttpStatus::HTTP_UNPROCESSABLE_ENTITY, "record_id is required");
  const std::string stateName = textField(body, "state", 50);
  const auto parsedState = state::parsePipelineState(stateName);
  if (!parsedState)
    throw HttpError(HttpStatus::HTTP_UNPROCESSABLE_ENTITY,
                    "state must be interesting, preparing, submitted or discarded, not \"" + stateName +
                        "\"");
  entry.state = *parsedState;
  const std::string reasonName = textField(body, "reason", 50);
  if (!reasonName.empty()) {
    entry.reason = state::parseDiscardReason(reasonName);
    if (!entry.reason)
      throw HttpError(
          HttpStatus::HTTP_UNPROCESSABLE_ENTITY,
          "reason must be not-eligible, no-cofinancing, deadline-too-close, no-partner, out-of-scope "
          "or other, not \"" +
              reasonName + "\"");
  }
  if (request.identity) entry.updatedBy = request.identity->user;
  return entry;
}

// The entry with the call's title, programme, status and next deadline now
// (null when the call is no longer in the index).
Poco::JSON::Object::Ptr entryJson(const state::PipelineEntry& entry, SearchService& search) {
  Poco::JSON::Object::Ptr json = newJsonObject();
  json->set("record_id", entry.recordId);
  json->set("profile_id", entry.profileId);
  json->set("state", state::toString(entry.state));
  json->set("owner", entry.owner);
  json->set("notes", entry.notes);
  json->set("reason",
            entry.reason ? Poco::Dynamic::Var(state::toString(*entry.reason)) : Poco::Dynamic::Var());
  json->set("updated_at", entry.updatedAt);
  json->set("updated_by", entry.updatedBy);
  const std::optional<index::Hit> hit = search.findById(entry.recordId);
  if (hit) {
    Poco::JSON::Object::Ptr call = hitJson(*hit);
    for (const char* key : {"title", "programme", "next_deadline", "status", "url"})
      json->set(key, call->get(key));
  } else {
    for (const char* key : {"title", "programme", "next_deadline", "url"})
      json->set(key, Poco::Dynamic::Var());
    json->set("status", "unknown");
  }
  return json;
}

state::PipelineFilter filterFrom(const Request& request) {
  state::PipelineFilter filter;
  for (const auto& [name, value] : request.query) {
    if (name == "profile") filter.profileId = value;
    if (name == "owner") filter.owner = value;
    if (name == "record_id") filter.recordId = value;
    if (name == "state") {
      filter.state = state::parsePipelineState(value);
      if (!filter.state) throw BadRequest("state must be interesting, preparing, submitted or discarded");
    }
  }
  return filter;
}

Reply listEntries(const Request& request, state::StateDb& db, SearchService& search) {
  const ListWindow window = listWindowFrom(request, kMaxEntries, {"profile", "state", "owner", "record_id"});
  const std::vector<state::PipelineEntry> entries = db.pipelineEntries(filterFrom(request));
  if (window.csv) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& entry : entries) {
      Poco::JSON::Object::Ptr json = entryJson(entry, search);
      std::vector<std::string> row;
      for (const char* key : {"title", "programme", "record_id", "profile_id", "state", "reason", "owner",
                              "notes", "next_deadline", "status", "updated_at", "updated_by", "url"})
        row.push_back(cellText(json->get(key)));
      rows.push_back(std::move(row));
    }
    return csvReply("pipeline",
                    {"title", "programme", "record_id", "profile_id", "state", "reason", "owner", "notes",
                     "next_deadline", "status", "updated_at", "updated_by", "url"},
                    rows);
  }
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  for (size_t i = window.offset; i < entries.size() && i < window.offset + window.limit; ++i)
    list->add(entryJson(entries[i], search));
  return listReply(entries.size(), window, list);
}

Reply saveEntry(const Request& request, state::StateDb& db, SearchService& search) {
  const state::PipelineEntry entry = entryFromBody(request);
  if (!search.findById(entry.recordId))
    throw HttpError(HttpStatus::HTTP_NOT_FOUND, "no call '" + entry.recordId + "'");
  try {
    return jsonReply(entryJson(db.savePipelineEntry(entry), search));
  } catch (const std::invalid_argument& error) {
    throw HttpError(HttpStatus::HTTP_UNPROCESSABLE_ENTITY, error.what());
  }
}

Reply removeEntry(const Request& request, state::StateDb& db) {
  listWindowFrom(request, 1, {"record_id", "profile_id"});
  const std::string recordId = parameter(request, "record_id");
  if (recordId.empty()) throw BadRequest("record_id is required");
  if (!db.removePipelineEntry(recordId, parameter(request, "profile_id")))
    throw HttpError(HttpStatus::HTTP_NOT_FOUND, "that call is not in the pipeline");
  return noContentReply();
}

} // namespace

Reply pipelineController(const Request& request, state::StateDb& state, SearchService& search) {
  if (request.method == "PUT") return saveEntry(request, state, search);
  if (request.method == "DELETE") return removeEntry(request, state);
  return listEntries(request, state, search);
}

} // namespace convoca::web
