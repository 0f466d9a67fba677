#include "feed_records.h"

#include "feed_dates.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>
#include <Poco/String.h>
#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>

namespace feeds {
namespace {

constexpr size_t kMaxRawKey = 64;
constexpr size_t kSummaryLength = 300;
constexpr size_t kTitleLength = 160;

std::string sha1Hex(const std::string& text, size_t digits) {
  Poco::SHA1Engine engine;
  engine.update(text);
  return Poco::DigestEngine::digestToHex(engine.digest()).substr(0, digits);
}

bool isUrlSafe(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("-._~:/?#[]@!$&'()*+,;=%", c);
}

// At most `limit` bytes, cut at a space (never inside a UTF-8 sequence) with "…".
std::string shortened(const std::string& text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t cut = text.rfind(' ', limit);
  if (cut == std::string::npos || cut == 0) cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return Poco::trimRight(text.substr(0, cut)) + "\xE2\x80\xA6"; // U+2026
}

class ItemConverter {
public:
  ItemConverter(const std::string& feedKey, const FeedSettings& settings, const convoca::sdk::Host& host)
      : feedKey_(feedKey), settings_(settings), host_(host) {}

  std::optional<ItemRecord> convert(const FeedItem& item) const {
    ItemRecord record;
    record.kind = settings_.kind;
    record.text = plain(item.content.value.empty() ? item.summary : item.content);
    const std::string summary = plain(item.summary.value.empty() ? item.content : item.summary);
    record.summary = shortened(collapsed(summary), kSummaryLength);
    record.title = collapsed(plain(item.title));
    if (record.title.empty()) record.title = shortened(collapsed(summary), kTitleLength);
    if (record.title.empty()) {
      host_.warn("feed item " + (item.guid.empty() ? item.link : item.guid) +
                 " has no title and no text: skipped");
      return std::nullopt;
    }
    const std::string key = !item.guid.empty()   ? item.guid
                            : !item.link.empty() ? item.link
                                                 : record.title + "\n" + item.dateRaw;
    record.id = itemRecordId(feedKey_, key);
    record.url = item.link;
    record.language = languageCode(item.language);
    if (record.language.empty()) record.language = settings_.language;
    record.programme = settings_.programme;
    record.programmeCode = settings_.programmeCode;
    record.published = published(item);
    record.keywords = item.categories;
    record.documents = item.documents;
    return record;
  }

private:
  std::string plain(const FeedText& text) const {
    if (text.value.empty()) return {};
    return Poco::trim(text.isHtml ? host_.htmlToText(text.value) : text.value);
  }

  static std::string collapsed(const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
      if (std::isspace(static_cast<unsigned char>(c))) {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += c;
    }
    return out;
  }

  std::optional<std::string> published(const FeedItem& item) const {
    if (item.dateRaw.empty()) return std::nullopt;
    auto date = item.dateIsRfc822 ? rfc822ToRfc3339(item.dateRaw) : normaliseRfc3339(item.dateRaw);
    if (!date) host_.warn("unreadable feed date \"" + item.dateRaw + "\" (" + feedKey_ + "): left out");
    return date;
  }

  const std::string& feedKey_;
  const FeedSettings& settings_;
  const convoca::sdk::Host& host_;
};

} // namespace

std::string itemRecordId(const std::string& feedKey, const std::string& itemKey) {
  const std::string key = Poco::trim(itemKey);
  const bool keepRaw =
      !key.empty() && key.size() <= kMaxRawKey && std::all_of(key.begin(), key.end(), isUrlSafe);
  return std::string(kSourceId) + ":" + sha1Hex(feedKey, 8) + ":" + (keepRaw ? key : sha1Hex(key, 16));
}

std::string languageCode(const std::string& tag) {
  const std::string primary = Poco::toLower(Poco::trim(tag.substr(0, tag.find_first_of("-_"))));
  const bool letters =
      std::all_of(primary.begin(), primary.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  return letters && primary.size() >= 2 && primary.size() <= 3 ? primary : std::string();
}

std::vector<ItemRecord> recordsOf(const Feed& feed, const std::string& feedKey, const FeedSettings& settings,
                                  const convoca::sdk::Host& host) {
  const ItemConverter converter(feedKey, settings, host);
  std::vector<ItemRecord> records;
  std::set<std::string> seen;
  for (const auto& item : feed.items) {
    auto record = converter.convert(item);
    if (record && seen.insert(record->id).second) records.push_back(std::move(*record));
  }
  return records;
}

} // namespace feeds
