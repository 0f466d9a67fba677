// The translation cache: machine translations keyed by mode and source SHA-1,
// so a text is translated once however many harvests see it.
#include "state_impl.h"

#include <Poco/Data/Statement.h>
#include <Poco/Data/Transaction.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

namespace convoca::state {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::useRef;

std::map<std::string, std::string> StateDb::cachedTranslations(const std::string& mode,
                                                               const std::vector<std::string>& sha1s) {
  return impl_->guarded("reading cached " + mode + " translations", [&](Poco::Data::Session& session) {
    std::map<std::string, std::string> found;
    for (const std::string& sha1 : sha1s) {
      std::string translation;
      Poco::Data::Statement select(session);
      select << "SELECT translation FROM translations WHERE mode = ? AND source_sha1 = ?", useRef(mode),
          useRef(sha1), into(translation);
      if (select.execute() > 0) found[sha1] = translation;
    }
    return found;
  });
}

void StateDb::storeTranslations(const std::string& mode, const std::map<std::string, std::string>& bySha1) {
  if (bySha1.empty()) return;
  impl_->guarded("caching " + mode + " translations", [&](Poco::Data::Session& session) {
    const std::string at =
        Poco::DateTimeFormatter::format(Poco::Timestamp(), Poco::DateTimeFormat::ISO8601_FORMAT);
    Poco::Data::Transaction transaction(session);
    for (const auto& [sha1, translation] : bySha1)
      session << "INSERT OR REPLACE INTO translations (mode, source_sha1, translation, created_at) "
                 "VALUES (?, ?, ?, ?)",
          useRef(mode), useRef(sha1), useRef(translation), useRef(at), now;
    transaction.commit();
  });
}

} // namespace convoca::state
