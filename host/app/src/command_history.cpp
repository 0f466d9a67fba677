// `convoca history ID`: what changed in a record, harvest by harvest.
#include "convoca/app/context.h"
#include "convoca/state/state_db.h"

#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <ostream>

namespace convoca::app {

int runHistory(Context& context) {
  if (context.args.size() != 1)
    throw UsageError("history needs one record ID, e.g. eu-ft:HORIZON-CL6-2026-04-GOVERNANCE-01");
  const std::string& id = context.args.front();
  if (!Poco::File(context.statePath()).exists())
    throw UsageError("no state DB in " + context.dataDir + ": nothing harvested yet");
  state::StateDb stateDb(context.statePath());
  const std::vector<state::RecordChange> changes = stateDb.history(id);
  std::ostream& out = *context.out;
  if (context.options.json) {
    Poco::JSON::Object document(Poco::JSON_PRESERVE_KEY_ORDER);
    document.set("id", id);
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& change : changes) {
      Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      item->set("changed_at", change.changedAt);
      item->set("run", change.runId);
      item->set("source", change.source);
      item->set("field", change.field);
      item->set("before", change.before);
      item->set("after", change.after);
      list->add(item);
    }
    document.set("changes", list);
    document.stringify(out);
    out << "\n";
    return 0;
  }
  if (changes.empty()) {
    out << "no recorded changes for " << id << " (never harvested, or only bulk-imported)\n";
    return 0;
  }
  out << "history of " << id << "\n";
  for (const auto& change : changes) {
    out << change.changedAt << "  run " << change.runId << "  ";
    if (change.field == "record")
      out << "first seen (" << change.source << ")\n";
    else
      out << change.field << ": " << (change.before.empty() ? "(absent)" : change.before) << " -> "
          << (change.after.empty() ? "(absent)" : change.after) << "\n";
  }
  return 0;
}

} // namespace convoca::app
