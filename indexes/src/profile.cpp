#include "convoca/index/profile.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace convoca::index {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

[[noreturn]] void fail(const std::string& field, const std::string& problem) {
  throw ProfileError("profile field '" + field + "': " + problem);
}

const std::set<std::string>& knownFields() {
  static const std::set<std::string> fields{"id",          "title",        "language",      "description",
                                            "keywords",    "sdgs",         "programmes",    "budget",
                                            "eligibility", "horizon_days", "include_closed"};
  return fields;
}

std::string requiredString(const Object& object, const std::string& field) {
  if (!object.has(field) || object.isNull(field)) fail(field, "is required");
  Poco::Dynamic::Var value = object.get(field);
  if (!value.isString()) fail(field, "must be a string");
  std::string text = value.toString();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) fail(field, "must not be empty");
  return text;
}

std::string optionalString(const Object& object, const std::string& field) {
  if (!object.has(field) || object.isNull(field)) return {};
  Poco::Dynamic::Var value = object.get(field);
  if (!value.isString()) fail(field, "must be a string");
  return value.toString();
}

std::vector<std::string> stringList(const Object& object, const std::string& field) {
  std::vector<std::string> values;
  if (!object.has(field) || object.isNull(field)) return values;
  Array::Ptr array = object.getArray(field);
  if (!array) fail(field, "must be a list of strings");
  for (size_t i = 0; i < array->size(); ++i) {
    Poco::Dynamic::Var item = array->get(static_cast<unsigned>(i));
    if (!item.isString()) fail(field, "must be a list of strings");
    if (!item.toString().empty()) values.push_back(item.toString());
  }
  return values;
}

std::vector<int> readSdgs(const Object& object) {
  std::vector<int> goals;
  if (!object.has("sdgs") || object.isNull("sdgs")) return goals;
  Array::Ptr array = object.getArray("sdgs");
  if (!array) fail("sdgs", "must be a list of integers 1-17");
  for (size_t i = 0; i < array->size(); ++i) {
    Poco::Dynamic::Var item = array->get(static_cast<unsigned>(i));
    if (!item.isInteger()) fail("sdgs", "must be a list of integers 1-17");
    const int goal = item.convert<int>();
    if (goal < 1 || goal > 17) fail("sdgs", std::to_string(goal) + " is not an SDG (1-17)");
    if (std::find(goals.begin(), goals.end(), goal) == goals.end()) goals.push_back(goal);
  }
  std::sort(goals.begin(), goals.end());
  return goals;
}

std::optional<double> optionalAmount(const Object& object, const std::string& field) {
  if (!object.has(field) || object.isNull(field)) return std::nullopt;
  Poco::Dynamic::Var value = object.get(field);
  if (!value.isNumeric()) fail("budget." + field, "must be a number");
  const double amount = value.convert<double>();
  if (!std::isfinite(amount) || amount < 0) fail("budget." + field, "must be a non-negative number");
  return amount;
}

std::optional<ProfileBudget> readBudget(const Object& object) {
  if (!object.has("budget") || object.isNull("budget")) return std::nullopt;
  Object::Ptr budget = object.getObject("budget");
  if (!budget) fail("budget", "must be an object {min, max, currency}");
  ProfileBudget result;
  result.min = optionalAmount(*budget, "min");
  result.max = optionalAmount(*budget, "max");
  const std::string currency = optionalString(*budget, "currency");
  if (!currency.empty()) result.currency = currency;
  if (result.currency != "EUR") fail("budget.currency", "only EUR is supported (calls are compared in EUR)");
  if (result.min && result.max && *result.min > *result.max) fail("budget", "min is larger than max");
  return result;
}

std::vector<std::string> upperCased(std::vector<std::string> values) {
  for (auto& value : values)
    std::transform(value.begin(), value.end(), value.begin(),
                   [](unsigned char c) { return std::toupper(c); });
  return values;
}

ProfileEligibility readEligibility(const Object& object) {
  ProfileEligibility eligibility;
  if (!object.has("eligibility") || object.isNull("eligibility")) return eligibility;
  Object::Ptr o = object.getObject("eligibility");
  if (!o) fail("eligibility", "must be an object {entity_types, countries, regions}");
  eligibility.entityTypes = stringList(*o, "entity_types");
  eligibility.countries = upperCased(stringList(*o, "countries"));
  eligibility.regions = upperCased(stringList(*o, "regions"));
  return eligibility;
}

bool isProfileId(const std::string& id) {
  return !id.empty() && id.size() <= 100 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

Object::Ptr parseObject(const std::string& json) {
  Poco::Dynamic::Var parsed;
  try {
    Poco::JSON::Parser parser;
    parsed = parser.parse(json);
  } catch (const Poco::Exception& e) {
    throw ProfileError("profile is not valid JSON: " + e.displayText());
  }
  if (parsed.type() != typeid(Object::Ptr)) throw ProfileError("a profile must be a JSON object");
  return parsed.extract<Object::Ptr>();
}

Array::Ptr toArray(const std::vector<std::string>& values) {
  Array::Ptr array = new Array;
  for (const auto& value : values) array->add(value);
  return array;
}

} // namespace

Profile profileFromJson(const std::string& json) {
  Object::Ptr object = parseObject(json);
  for (const std::string& name : object->getNames())
    if (!knownFields().count(name)) fail(name, "is not a profile field");
  Profile profile;
  try {
    profile.id = requiredString(*object, "id");
    if (!isProfileId(profile.id)) fail("id", "'" + profile.id + "' must use only a-z, 0-9, '-', '_' and '.'");
    profile.title = requiredString(*object, "title");
    profile.description = requiredString(*object, "description");
    profile.language = optionalString(*object, "language");
    if (!profile.language.empty() && profile.language != "ca" && profile.language != "es" &&
        profile.language != "en" && profile.language != "fr")
      fail("language", "'" + profile.language + "' is not one of ca, es, en, fr");
    profile.keywords = stringList(*object, "keywords");
    profile.sdgs = readSdgs(*object);
    profile.programmes = upperCased(stringList(*object, "programmes"));
    profile.budget = readBudget(*object);
    profile.eligibility = readEligibility(*object);
    if (object->has("horizon_days") && !object->isNull("horizon_days")) {
      Poco::Dynamic::Var days = object->get("horizon_days");
      if (!days.isInteger() || days.convert<int>() < 1 || days.convert<int>() > 3650)
        fail("horizon_days", "must be a whole number of days between 1 and 3650");
      profile.horizonDays = days.convert<int>();
    }
    if (object->has("include_closed") && !object->isNull("include_closed")) {
      Poco::Dynamic::Var flag = object->get("include_closed");
      if (!flag.isBoolean()) fail("include_closed", "must be true or false");
      profile.includeClosed = flag.convert<bool>();
    }
  } catch (const Poco::Exception& e) {
    throw ProfileError("profile " + profile.id + ": " + e.displayText());
  }
  return profile;
}

std::string profileToJson(const Profile& profile) {
  Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  object.set("id", profile.id);
  object.set("title", profile.title);
  if (!profile.language.empty()) object.set("language", profile.language);
  object.set("description", profile.description);
  object.set("keywords", toArray(profile.keywords));
  Array::Ptr sdgs = new Array;
  for (int goal : profile.sdgs) sdgs->add(goal);
  object.set("sdgs", sdgs);
  object.set("programmes", toArray(profile.programmes));
  if (profile.budget) {
    Object::Ptr budget = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    if (profile.budget->min) budget->set("min", *profile.budget->min);
    if (profile.budget->max) budget->set("max", *profile.budget->max);
    budget->set("currency", profile.budget->currency);
    object.set("budget", budget);
  }
  Object::Ptr eligibility = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  eligibility->set("entity_types", toArray(profile.eligibility.entityTypes));
  eligibility->set("countries", toArray(profile.eligibility.countries));
  eligibility->set("regions", toArray(profile.eligibility.regions));
  object.set("eligibility", eligibility);
  object.set("horizon_days", profile.horizonDays);
  object.set("include_closed", profile.includeClosed);
  std::ostringstream out;
  object.stringify(out, 2);
  return out.str();
}

} // namespace convoca::index
