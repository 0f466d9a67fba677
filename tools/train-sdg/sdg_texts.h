// The official SDG goal, target and indicator texts (open-sdg translations),
// a parallel corpus: the same key holds the same text in each language.
#pragma once

#include <map>
#include <string>

namespace convoca::train_sdg {

// key ("7-2-title", "7-2-1-title", "7-short") → text, for one language (ca, es, en,
// fr), from global_goals.yml, global_targets.yml and global_indicators.yml.
std::map<std::string, std::string> readSdgTexts(const std::string& dataDir, const std::string& language);

// The goal a key belongs to: the number before its first '-'.
int goalOfSdgTextKey(const std::string& key);

} // namespace convoca::train_sdg
