// `convoca profile add|list|show|export|rm`, `convoca match`, `convoca digest`
// and `convoca feedback`: profiles stored in the state DB and matched against the index.
#include "convoca/app/context.h"
#include "convoca/index/matcher.h"
#include "convoca/matching/matching.h"
#include "convoca/state/state_db.h"
#include "index_maintenance.h"
#include "translation_setup.h"

#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <ostream>

namespace convoca::app {
namespace {

state::StateDb openState(const Context& context) {
  Poco::File(context.dataDir).createDirectories();
  return state::StateDb(context.statePath());
}

const std::string& argument(const Context& context, size_t index, const char* what) {
  if (context.args.size() <= index) throw UsageError(std::string("missing ") + what);
  return context.args[index];
}

int addProfile(Context& context, state::StateDb& db) {
  if (context.args.size() < 2) throw UsageError("profile add needs one or more profile files (JSON)");
  for (size_t i = 1; i < context.args.size(); ++i) {
    const index::Profile profile = matching::readProfileFile(context.args[i]);
    const bool replaced = db.profile(profile.id).has_value();
    db.saveProfile(profile.id, profile.title, index::profileToJson(profile));
    *context.out << (replaced ? "replaced " : "added ") << profile.id << " — " << profile.title << "\n";
  }
  return 0;
}

int listProfiles(Context& context, state::StateDb& db) {
  const std::vector<state::StoredProfile> profiles = db.profiles();
  if (context.options.json) {
    Poco::JSON::Array list;
    for (const auto& stored : profiles)
      list.add(Poco::JSON::Parser().parse(stored.document).extract<Poco::JSON::Object::Ptr>());
    list.stringify(*context.out);
    *context.out << "\n";
    return 0;
  }
  if (profiles.empty()) *context.out << "no profiles yet: convoca profile add FILE\n";
  for (const auto& stored : profiles) *context.out << stored.id << "  " << stored.title << "\n";
  return 0;
}

int showProfile(Context& context, state::StateDb& db, bool exportOnly) {
  const std::string& id = argument(context, 1, "profile ID");
  const std::optional<state::StoredProfile> stored = db.profile(id);
  if (!stored) {
    *context.err << "convoca profile: no profile '" << id << "' (convoca profile list shows them)\n";
    return 1;
  }
  *context.out << stored->document << "\n";
  if (!exportOnly) {
    const std::vector<state::Feedback> feedback = db.feedback(id);
    *context.err << "stored " << stored->createdAt << ", updated " << stored->updatedAt << "; "
                 << feedback.size() << " feedback verdict(s)\n";
  }
  return 0;
}

int removeProfile(Context& context, state::StateDb& db) {
  const std::string& id = argument(context, 1, "profile ID");
  if (!db.removeProfile(id)) {
    *context.err << "convoca profile: no profile '" << id << "'\n";
    return 1;
  }
  *context.out << "removed " << id << "\n";
  return 0;
}

void printExplanation(std::ostream& out, const index::Match& match) {
  if (!match.terms.empty()) {
    out << "   terms:";
    for (const auto& term : match.terms)
      out << " " << term.word << (term.via == "profile" ? "" : " [" + term.via + "]");
    out << "\n";
  }
  for (const auto& matched : match.concepts) {
    out << "   concept " << matched.label << ":";
    for (const auto& word : matched.profileWords) out << " «" << word << "»";
    out << " ~";
    for (const auto& word : matched.recordWords) out << " «" << word << "»";
    out << "\n";
  }
  if (!match.sharedSdgs.empty()) {
    out << "   SDGs:";
    for (int goal : match.sharedSdgs) out << " " << goal;
    out << "\n";
  }
  for (const auto& gate : match.gates) out << "   ✓ " << gate.gate << ": " << gate.detail << "\n";
}

} // namespace

int runProfile(Context& context) {
  const std::string& verb = argument(context, 0, "a profile verb: add, list, show, export or rm");
  state::StateDb db = openState(context);
  if (verb == "add") return addProfile(context, db);
  if (verb == "list") return listProfiles(context, db);
  if (verb == "show") return showProfile(context, db, false);
  if (verb == "export") return showProfile(context, db, true);
  if (verb == "rm") return removeProfile(context, db);
  throw UsageError("unknown profile verb '" + verb + "': add, list, show, export or rm");
}

int runMatch(Context& context) {
  if (context.options.profile.empty()) throw UsageError("match needs --profile FILE|ID");
  state::StateDb db = openState(context);
  index::Profile profile = matching::loadProfile(context.options.profile, &db);
  if (context.options.includeClosed) profile.includeClosed = true;
  TranslationSetup translation = makeTranslation(context, &db);
  index::MatchRequest request = matching::requestFor(profile, &db, translation.translator.get());
  request.limit = context.options.limit.value_or(20);
  index::Matcher matcher(indexForReading(context));
  const index::MatchResult result = matcher.match(request);
  std::ostream& out = *context.out;
  if (context.options.json) {
    matching::resultToJson(result, profile)->stringify(out);
    out << "\n";
    return 0;
  }
  out << profile.title << " (" << profile.id << ", read in " << result.language << "): " << result.total
      << " matching call" << (result.total == 1 ? "" : "s") << "\n";
  size_t rank = 0;
  for (const auto& match : result.matches) {
    out << ++rank << ". [fit " << match.fit << "] " << match.hit.record.title << "\n   "
        << match.hit.record.id << " · " << match.hit.status;
    if (match.hit.nextDeadline) out << " · next deadline " << *match.hit.nextDeadline;
    out << "\n";
    printExplanation(out, match);
  }
  return 0;
}

int runDigest(Context& context) {
  if (context.options.profile.empty()) throw UsageError("digest needs --profile ID");
  state::StateDb db = openState(context);
  const index::Profile profile = matching::loadProfile(context.options.profile, &db);
  const std::vector<state::DigestEntry> entries = db.digest(profile.id, context.options.limit.value_or(50));
  std::ostream& out = *context.out;
  if (context.options.json) {
    Poco::JSON::Object document(Poco::JSON_PRESERVE_KEY_ORDER);
    document.set("profile", profile.id);
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& entry : entries) {
      Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      item->set("created_at", entry.createdAt);
      item->set("run", entry.runId);
      item->set("change", entry.change);
      item->set("match", Poco::JSON::Parser().parse(entry.match));
      list->add(item);
    }
    document.set("entries", list);
    document.stringify(out);
    out << "\n";
    return 0;
  }
  if (entries.empty()) out << "nothing new for " << profile.id << " since its digests began\n";
  for (const auto& entry : entries)
    out << entry.createdAt << "  " << entry.change << "  " << entry.recordId << "  " << entry.title << "\n";
  return 0;
}

int runFeedback(Context& context) {
  if (context.options.profile.empty()) throw UsageError("feedback needs --profile ID");
  const std::string& verb = argument(context, 0, "a verdict: relevant, not-relevant, clear, mute or unmute");
  const std::string& subject = argument(context, 1, "a record id (or a programme code for mute/unmute)");
  state::StateDb db = openState(context);
  const index::Profile profile = matching::loadProfile(context.options.profile, &db);
  if (!db.profile(profile.id))
    throw UsageError("feedback is stored for stored profiles: convoca profile add FILE first");
  state::Feedback feedback{profile.id, state::FeedbackSubject::Record, subject, state::Verdict::Relevant, ""};
  if (verb == "mute" || verb == "unmute") feedback.kind = state::FeedbackSubject::Programme;
  if (verb == "clear" || verb == "unmute") {
    const bool cleared = db.clearFeedback(profile.id, feedback.kind, subject);
    *context.out << (cleared ? "cleared " : "nothing to clear on ") << subject << "\n";
    return 0;
  }
  if (verb == "mute")
    feedback.verdict = state::Verdict::Muted;
  else if (const auto verdict = state::parseVerdict(verb))
    feedback.verdict = *verdict;
  else
    throw UsageError("unknown verdict '" + verb + "': relevant, not-relevant, clear, mute or unmute");
  db.setFeedback(feedback);
  *context.out << profile.id << ": " << subject << " " << verb << "\n";
  return 0;
}

} // namespace convoca::app
