// Applies a definition's selectors to one fetched page: the items of a
// listing page (and the link to the next page), or the fields of an item's
// own detail page. XPath for HTML and XML, JSON pointers for JSON.
#pragma once

#include "definition.h"

#include <convoca/plugin.hpp>
#include <optional>
#include <string>
#include <vector>

namespace declarative {

// What the selectors found for one item, as plain text; dates not yet read.
struct ItemValues {
  std::string key;
  std::string title;
  std::string url; // as written on the page (may be relative)
  std::string summary;
  std::string text;
  std::string callId;
  std::string status;
  std::vector<std::string> keywords;
  std::string deadlineText; // the text the deadline formats are searched in
  std::string openingText;
  const DateRule* deadlineRule = nullptr; // the rule that found deadlineText (listing or detail)
  const DateRule* openingRule = nullptr;
};

struct ListingPage {
  std::vector<ItemValues> items;
  std::optional<std::string> next; // next-link pagination: the next page's URL as written
};

// Reads pages of one definition. Throws Error(CONVOCA_SOURCE_FORMAT) naming
// `name` for a page that cannot be read in the definition's format.
class PageReader {
public:
  PageReader(const Definition& definition, const convoca::sdk::Host& host)
      : definition_(definition), host_(host) {}

  ListingPage listing(const std::string& body, const std::string& name) const;
  ItemValues detail(const std::string& body, const std::string& name) const;

private:
  const Definition& definition_;
  const convoca::sdk::Host& host_;
};

// Fills the fields `item` lacks from `detail` (the listing's values win).
void fillMissing(ItemValues& item, const ItemValues& detail);

} // namespace declarative
