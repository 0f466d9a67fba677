#include "convoca/matching/matching.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

namespace convoca::matching {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Array::Ptr stringArray(const std::vector<std::string>& values) {
  Array::Ptr array = new Array;
  for (const auto& value : values) array->add(value);
  return array;
}

Object::Ptr explanationJson(const index::Match& match) {
  Object::Ptr explanation = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  Array::Ptr terms = new Array;
  for (const auto& term : match.terms) {
    Object::Ptr item = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    item->set("word", term.word);
    item->set("via", term.via);
    terms->add(item);
  }
  explanation->set("terms", terms);
  Array::Ptr concepts = new Array;
  for (const auto& matched : match.concepts) {
    Object::Ptr item = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    item->set("id", matched.id);
    item->set("label", matched.label);
    item->set("profile_words", stringArray(matched.profileWords));
    item->set("record_words", stringArray(matched.recordWords));
    concepts->add(item);
  }
  explanation->set("concepts", concepts);
  Array::Ptr sdgs = new Array;
  for (int goal : match.sharedSdgs) sdgs->add(goal);
  explanation->set("sdgs", sdgs);
  Array::Ptr gates = new Array;
  for (const auto& gate : match.gates) {
    Object::Ptr item = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    item->set("gate", gate.gate);
    item->set("passed", true);
    item->set("detail", gate.detail);
    gates->add(item);
  }
  explanation->set("gates", gates);
  if (match.hit.nextDeadline) explanation->set("deadline", *match.hit.nextDeadline);
  return explanation;
}

} // namespace

Object::Ptr matchToJson(const index::Match& match) {
  Object::Ptr o = Poco::JSON::Parser()
                      .parse(index::recordToJson(match.hit.record, match.hit.status))
                      .extract<Object::Ptr>();
  o->remove("documents_text"); // indexed for matching, too long to show
  if (o->has("analysis")) o->getObject("analysis")->remove("english");
  if (match.hit.nextDeadline) o->set("next_deadline", *match.hit.nextDeadline);
  o->set("score", match.score);
  o->set("fit", match.fit);
  o->set("explanation", explanationJson(match));
  return o;
}

Object::Ptr resultToJson(const index::MatchResult& result, const index::Profile& profile) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("profile", profile.id);
  o->set("title", profile.title);
  o->set("language", result.language);
  o->set("total", static_cast<Poco::UInt64>(result.total));
  Array::Ptr matches = new Array;
  for (const auto& match : result.matches) matches->add(matchToJson(match));
  o->set("matches", matches);
  return o;
}

} // namespace convoca::matching
