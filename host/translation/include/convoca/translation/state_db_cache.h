// The translation cache kept in the state DB (table `translations`), so a text
// is translated once however many harvests see it.
#pragma once

#include "convoca/translation/translator.h"

namespace convoca::state {
class StateDb;
}

namespace convoca::translation {

class StateDbTranslationCache : public TranslationCache {
public:
  // `db` must outlive the cache. Its errors (state::StateError) propagate.
  explicit StateDbTranslationCache(state::StateDb& db) : db_(db) {}

  std::map<std::string, std::string> lookup(const std::string& route,
                                            const std::vector<std::string>& sha1s) override;
  void store(const std::string& route, const std::map<std::string, std::string>& bySha1) override;

private:
  state::StateDb& db_;
};

} // namespace convoca::translation
