// The record both OAI plugins emit (schema v1, see plugins/sdk/README.md), and
// an emitter that hands each id to the host at most once per run.
#pragma once

#include <convoca/plugin.hpp>
#include <string>
#include <unordered_set>
#include <vector>

namespace oai {

// Unknown is empty and left out of the JSON.
struct DocumentRecord {
  std::string id;
  std::string source;
  std::string kind = "document";
  std::string title;
  std::string summary;
  std::string text;
  std::string url;
  std::string language;
  std::vector<std::string> keywords;
  std::vector<std::string> tags;
  std::vector<std::string> documents; // URLs
};

std::string toJson(const DocumentRecord& record);

// Appends `value` unless it is empty or already present (compared case-insensitively).
void addUnique(std::vector<std::string>& values, const std::string& value);

class RecordEmitter {
public:
  explicit RecordEmitter(const convoca::sdk::Host& host) : host_(host) {}

  // False when the id was already emitted this run (a restarted list sends pages again).
  bool emitOnce(const DocumentRecord& record);
  size_t emitted() const { return ids_.size(); }
  size_t rejected() const { return rejected_; }

private:
  const convoca::sdk::Host& host_;
  std::unordered_set<std::string> ids_;
  size_t rejected_ = 0;
};

} // namespace oai
