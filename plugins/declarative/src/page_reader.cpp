#include "page_reader.h"

#include "json_pointer.h"
#include "markup.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <algorithm>
#include <sstream>

namespace declarative {
namespace {

using convoca::sdk::Error;
using convoca::sdk::Host;

// Where the selectors of one item (or one detail page) are evaluated.
class Scope {
public:
  virtual ~Scope() = default;
  // Plain-text values of what `selector` selects.
  virtual std::vector<std::string> values(const std::string& selector) const = 0;
  // Longer text (summary, text): block structure kept, markup removed by the host.
  virtual std::vector<std::string> prose(const std::string& selector) const = 0;
};

class MarkupScope : public Scope {
public:
  MarkupScope(const MarkupDocument& document, xmlNodePtr node, const Host& host)
      : document_(document), node_(node), host_(host) {}

  std::vector<std::string> values(const std::string& selector) const override {
    return document_.strings(selector, node_);
  }
  std::vector<std::string> prose(const std::string& selector) const override {
    if (!document_.isHtml()) return values(selector);
    std::vector<std::string> out;
    for (const auto& html : document_.markup(selector, node_))
      if (auto text = host_.htmlToText(html); !text.empty()) out.push_back(std::move(text));
    return out.empty() ? values(selector) : out; // a string-valued XPath has no markup
  }

private:
  const MarkupDocument& document_;
  xmlNodePtr node_;
  const Host& host_;
};

class JsonScope : public Scope {
public:
  JsonScope(Poco::Dynamic::Var item, const Host& host) : item_(std::move(item)), host_(host) {}

  // JSON APIs of CMS sites (WordPress "rendered") carry HTML and entities in
  // titles too, so every value goes through the host's HTML-to-text.
  std::vector<std::string> values(const std::string& selector) const override {
    std::vector<std::string> out;
    const auto found = resolvePointer(item_, selector);
    if (!found) return out;
    auto keep = [&](const Poco::Dynamic::Var& value) {
      if (value.isEmpty() || value.type() == typeid(Poco::JSON::Object::Ptr) ||
          value.type() == typeid(Poco::JSON::Array::Ptr))
        return;
      if (auto text = collapseWhitespace(host_.htmlToText(value.toString())); !text.empty())
        out.push_back(std::move(text));
    };
    if (found->type() == typeid(Poco::JSON::Array::Ptr)) {
      for (const auto& element : *found->extract<Poco::JSON::Array::Ptr>()) keep(element);
    } else {
      keep(*found);
    }
    return out;
  }
  std::vector<std::string> prose(const std::string& selector) const override {
    std::vector<std::string> out;
    const auto found = resolvePointer(item_, selector);
    if (found && found->isString())
      if (auto text = host_.htmlToText(found->toString()); !text.empty()) out.push_back(std::move(text));
    return out;
  }

private:
  Poco::Dynamic::Var item_;
  const Host& host_;
};

std::string joined(const std::vector<std::string>& values, const char* separator) {
  std::string out;
  for (const auto& value : values) out += (out.empty() ? "" : separator) + value;
  return out;
}

std::string first(const std::vector<std::string>& values) {
  return values.empty() ? std::string() : values.front();
}

ItemValues readFields(const Scope& scope, const FieldRules& rules) {
  ItemValues item;
  auto one = [&](const std::string& selector) {
    return selector.empty() ? "" : first(scope.values(selector));
  };
  auto prose = [&](const std::string& selector) {
    return selector.empty() ? "" : joined(scope.prose(selector), "\n\n");
  };
  item.key = one(rules.key);
  item.title = one(rules.title);
  item.url = one(rules.url);
  item.summary = prose(rules.summary);
  item.text = prose(rules.text);
  item.callId = one(rules.callId);
  item.status = one(rules.status);
  if (!rules.keywords.empty()) item.keywords = scope.values(rules.keywords);
  if (rules.deadline) {
    item.deadlineText = joined(scope.values(rules.deadline->selector), " ");
    item.deadlineRule = &*rules.deadline;
  }
  if (rules.opening) {
    item.openingText = joined(scope.values(rules.opening->selector), " ");
    item.openingRule = &*rules.opening;
  }
  return item;
}

Poco::Dynamic::Var parseJson(const std::string& body, const std::string& name) {
  // Parsed from a stream so that, on an error, how far the parser read gives the position.
  std::istringstream in(body);
  try {
    return Poco::JSON::Parser().parse(in);
  } catch (const Poco::Exception& e) {
    in.clear();
    const auto read = in.tellg();
    const size_t offset = read < 0 ? body.size() : static_cast<size_t>(read);
    throw Error(CONVOCA_SOURCE_FORMAT, name + ": not valid JSON at " +
                                           convoca::sdk::textPosition(body, offset) + ": " + e.message());
  }
}

MarkupDocument parseMarkup(const Definition& definition, const std::string& body, const std::string& name) {
  try {
    if (definition.format == PageFormat::Html) return MarkupDocument::html(body, name);
    return MarkupDocument::xml(body, name, definition.namespaces);
  } catch (const MarkupError& e) {
    throw Error(CONVOCA_SOURCE_FORMAT, e.what());
  }
}

// Every selector was compiled at load; what can still fail is a namespace
// prefix missing at evaluation, which is the definition's fault.
template <class Fn> auto definitionFaultsAsConfig(const Definition& definition, Fn&& fn) {
  try {
    return fn();
  } catch (const MarkupError& e) {
    throw Error(CONVOCA_CONFIG, definition.origin + ": " + e.what());
  }
}

} // namespace

ListingPage PageReader::listing(const std::string& body, const std::string& name) const {
  ListingPage page;
  if (definition_.format == PageFormat::Json) {
    const Poco::Dynamic::Var document = parseJson(body, name);
    const auto items = resolvePointer(document, definition_.items);
    // Anything but an array (an API's error object, say) holds no items.
    if (items && items->type() == typeid(Poco::JSON::Array::Ptr))
      for (const auto& item : *items->extract<Poco::JSON::Array::Ptr>())
        page.items.push_back(readFields(JsonScope(item, host_), definition_.fields));
    if (!definition_.pagination.next.empty())
      if (auto next = JsonScope(document, host_).values(definition_.pagination.next); !next.empty())
        page.next = next.front();
    return page;
  }
  const MarkupDocument document = parseMarkup(definition_, body, name);
  return definitionFaultsAsConfig(definition_, [&] {
    for (xmlNodePtr node : document.nodes(definition_.items, nullptr))
      page.items.push_back(readFields(MarkupScope(document, node, host_), definition_.fields));
    if (!definition_.pagination.next.empty())
      if (auto next = document.strings(definition_.pagination.next, nullptr); !next.empty())
        page.next = next.front();
    return page;
  });
}

ItemValues PageReader::detail(const std::string& body, const std::string& name) const {
  const FieldRules& rules = *definition_.detail;
  if (definition_.format == PageFormat::Json)
    return readFields(JsonScope(parseJson(body, name), host_), rules);
  const MarkupDocument document = parseMarkup(definition_, body, name);
  return definitionFaultsAsConfig(definition_,
                                  [&] { return readFields(MarkupScope(document, nullptr, host_), rules); });
}

void fillMissing(ItemValues& item, const ItemValues& detail) {
  auto fill = [](std::string& mine, const std::string& theirs) {
    if (mine.empty()) mine = theirs;
  };
  fill(item.title, detail.title);
  fill(item.summary, detail.summary);
  fill(item.text, detail.text);
  fill(item.callId, detail.callId);
  fill(item.status, detail.status);
  if (item.deadlineText.empty() && !detail.deadlineText.empty()) {
    item.deadlineText = detail.deadlineText;
    item.deadlineRule = detail.deadlineRule;
  }
  if (item.openingText.empty() && !detail.openingText.empty()) {
    item.openingText = detail.openingText;
    item.openingRule = detail.openingRule;
  }
  if (item.keywords.empty()) item.keywords = detail.keywords;
}

} // namespace declarative
