#include "replay_versions.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>
#include <sstream>

namespace convoca::testing::crash {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const std::string kVersionA = CONVOCA_SOURCE_DIR "/fixtures/eu-ft/exchanges";
const std::string kSearchBody = "0002-api.tech.ec.europa.eu-search.body";
const std::string kRecordIdPrefix = "eu-ft:";

Object::Ptr parseFile(const std::string& path) {
  Poco::FileInputStream in(path);
  return Poco::JSON::Parser().parse(in).extract<Object::Ptr>();
}

Object::Ptr deepCopy(const Object::Ptr& object) {
  std::ostringstream text;
  object->stringify(text);
  return Poco::JSON::Parser().parse(text.str()).extract<Object::Ptr>();
}

// metadata.<field> is a one-element array of strings in the search API.
std::string firstOf(const Object::Ptr& metadata, const std::string& field) {
  return metadata->getArray(field)->getElement<std::string>(0);
}

void setFirst(Object::Ptr metadata, const std::string& field, const std::string& value) {
  Array::Ptr values = new Array;
  values->add(value);
  metadata->set(field, values);
}

// A topic the listing did not have: a copy of `model` under a new identifier.
Object::Ptr newTopicLike(const Object::Ptr& model, const std::string& identifier) {
  Object::Ptr topic = deepCopy(model);
  Object::Ptr metadata = topic->getObject("metadata");
  const std::string old = firstOf(metadata, "identifier");
  setFirst(metadata, "identifier", identifier);
  setFirst(metadata, "url", Poco::replace(firstOf(metadata, "url"), old, identifier));
  topic->set("url", Poco::replace(topic->getValue<std::string>("url"), old, identifier));
  setFirst(metadata, "title", "Crash-test topic added by version B");
  return topic;
}

} // namespace

ReplayVersions makeReplayVersions(const std::string& directory) {
  for (Poco::DirectoryIterator it(kVersionA), end; it != end; ++it)
    if (it.name() != kSearchBody) it->copyTo(directory + "/" + it.name());

  Object::Ptr page = parseFile(kVersionA + "/" + kSearchBody);
  const Array::Ptr listed = page->getArray("results");
  Array::Ptr results = new Array;
  ReplayVersions versions;
  versions.a = kVersionA;
  versions.b = directory;
  for (size_t i = 0; i < listed->size(); ++i) {
    Object::Ptr topic = deepCopy(listed->getObject(static_cast<unsigned>(i)));
    Object::Ptr metadata = topic->getObject("metadata");
    const std::string identifier = firstOf(metadata, "identifier");
    if (i == 0) {
      versions.droppedId = kRecordIdPrefix + identifier;
      continue;
    }
    setFirst(metadata, "title", firstOf(metadata, "title") + " (revised call text)");
    if (i == 1) {
      setFirst(metadata, "deadlineDate", "2027-04-22T00:00:00.000+0000");
      versions.movedDeadlineId = kRecordIdPrefix + identifier;
    }
    results->add(topic);
  }
  const std::string added = "CEF-T-2027-CRASH-TEST-NEW";
  results->add(newTopicLike(listed->getObject(2), added));
  versions.addedId = kRecordIdPrefix + added;
  page->set("results", results);
  page->set("totalResults", static_cast<int>(results->size()));

  Poco::FileOutputStream out(directory + "/" + kSearchBody);
  page->stringify(out, 1);
  return versions;
}

} // namespace convoca::testing::crash
