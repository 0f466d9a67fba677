#include "convoca/translation/state_db_cache.h"

#include "convoca/state/state_db.h"

namespace convoca::translation {

std::map<std::string, std::string> StateDbTranslationCache::lookup(const std::string& route,
                                                                   const std::vector<std::string>& sha1s) {
  return db_.cachedTranslations(route, sha1s);
}

void StateDbTranslationCache::store(const std::string& route,
                                    const std::map<std::string, std::string>& bySha1) {
  db_.storeTranslations(route, bySha1);
}

} // namespace convoca::translation
