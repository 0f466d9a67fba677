#include "recording.h"

#include "files.h"
#include "json_io.h"

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/NumberFormatter.h>
#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/String.h>
#include <Poco/URI.h>
#include <algorithm>
#include <cctype>

namespace convoca::http::detail {
namespace {

const std::string kExchangeSuffix = ".exchange.json";

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<std::string> exchangeFileNames(const std::string& dir) {
  std::vector<std::string> names;
  Poco::File(dir).list(names);
  names.erase(std::remove_if(names.begin(), names.end(),
                             [](const std::string& name) { return !endsWith(name, kExchangeSuffix); }),
              names.end());
  std::sort(names.begin(), names.end());
  return names;
}

// "host-lastsegment" with only file-name-safe characters, so a directory
// listing reads like the harvest that produced it.
std::string slugFor(const std::string& url) {
  std::string slug;
  try {
    const Poco::URI uri(url);
    std::vector<std::string> segments;
    uri.getPathSegments(segments);
    slug = uri.getHost();
    if (!segments.empty()) slug += "-" + segments.back();
  } catch (const Poco::SyntaxException&) {
    slug = "request";
  }
  for (char& c : slug)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '_';
  return slug.substr(0, 80);
}

Poco::JSON::Object::Ptr requestToJson(const Request& request) {
  Poco::JSON::Object::Ptr json = orderedObject();
  json->set("method", Poco::toUpper(request.method));
  json->set("url", request.url);
  if (!request.parts.empty()) {
    Poco::JSON::Array::Ptr parts = new Poco::JSON::Array;
    for (const Part& part : request.parts) {
      Poco::JSON::Object::Ptr entry = orderedObject();
      entry->set("name", part.name);
      entry->set("content_type", part.contentType.empty() ? "text/plain" : part.contentType);
      entry->set("data", part.data);
      parts->add(entry);
    }
    json->set("parts", parts);
  } else if (!request.body.empty()) {
    json->set("body", request.body);
  }
  return json;
}

} // namespace

ExchangeRecorder::ExchangeRecorder(std::string dir) : dir_(std::move(dir)) {
  Poco::File(dir_).createDirectories();
  for (const std::string& name : exchangeFileNames(dir_)) {
    int sequence = 0;
    if (Poco::NumberParser::tryParse(name.substr(0, name.find('-')), sequence))
      nextSequence_ = std::max(nextSequence_, sequence + 1);
  }
}

void ExchangeRecorder::save(const Request& request, const Response& response) {
  std::string name;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    name = Poco::NumberFormatter::format0(nextSequence_++, 4) + "-" + slugFor(request.url);
  }
  Poco::JSON::Object::Ptr answer = orderedObject();
  answer->set("status", response.status);
  answer->set("headers", headersToJson(response.headers));
  answer->set("body_file", name + ".body");
  if (response.finalUrl != request.url) answer->set("final_url", response.finalUrl);

  Poco::JSON::Object::Ptr exchange = orderedObject();
  exchange->set("request", requestToJson(request));
  exchange->set("response", answer);

  // Body first: a reader that sees the exchange file finds its body too.
  writeFileAtomically(Poco::Path(dir_, name + ".body").toString(), response.body);
  writeFileAtomically(Poco::Path(dir_, name + kExchangeSuffix).toString(), toJsonText(exchange));
}

ExchangeReplayer::ExchangeReplayer(const std::string& dir) {
  if (!Poco::File(dir).exists() || !Poco::File(dir).isDirectory())
    throw HttpError(ErrorKind::NoRecording, "replay directory " + dir + " does not exist");
  for (const std::string& name : exchangeFileNames(dir)) exchanges_.push_back(load(dir, name));
}

ExchangeReplayer::Exchange ExchangeReplayer::load(const std::string& dir, const std::string& fileName) {
  const std::string path = Poco::Path(dir, fileName).toString();
  try {
    const Poco::JSON::Object::Ptr json = parseJsonObject(readWholeFile(path));
    const Poco::JSON::Object::Ptr request = json->getObject("request");
    const Poco::JSON::Object::Ptr response = json->getObject("response");
    if (!request || !response) throw Poco::DataFormatException("needs \"request\" and \"response\" objects");

    Exchange exchange;
    exchange.method = Poco::toUpper(request->getValue<std::string>("method"));
    exchange.url = request->getValue<std::string>("url");
    if (request->has("body")) exchange.body = request->getValue<std::string>("body");
    if (Poco::JSON::Array::Ptr parts = request->getArray("parts")) {
      for (std::size_t i = 0; i < parts->size(); ++i) {
        const Poco::JSON::Object::Ptr part = parts->getObject(static_cast<unsigned>(i));
        if (!part) throw Poco::DataFormatException("each part must be an object");
        exchange.parts.push_back({part->getValue<std::string>("name"),
                                  part->optValue<std::string>("content_type", ""),
                                  part->getValue<std::string>("data")});
      }
    }

    Response& answer = exchange.response;
    answer.status = response->getValue<int>("status");
    answer.headers = headersFromJson(response->getArray("headers"));
    answer.contentType = headerValue(answer.headers, "Content-Type");
    answer.finalUrl = response->optValue<std::string>("final_url", exchange.url);
    const std::string bodyFile = response->optValue<std::string>("body_file", "");
    if (!bodyFile.empty()) answer.body = readWholeFile(Poco::Path(dir, bodyFile).toString());
    return exchange;
  } catch (const Poco::Exception& error) {
    throw HttpError(ErrorKind::NoRecording,
                    "cannot read recorded exchange " + path + ": " + error.displayText());
  }
}

bool ExchangeReplayer::matches(const Exchange& exchange, const Request& request) {
  if (exchange.method != Poco::toUpper(request.method) || exchange.url != request.url) return false;
  if (!request.parts.empty()) {
    return std::equal(exchange.parts.begin(), exchange.parts.end(), request.parts.begin(),
                      request.parts.end(),
                      [](const Part& a, const Part& b) { return a.name == b.name && a.data == b.data; });
  }
  if (!exchange.parts.empty()) return false;
  if (request.body.empty()) return !exchange.body || exchange.body->empty();
  return exchange.body && *exchange.body == request.body;
}

std::optional<Response> ExchangeReplayer::answer(const Request& request) {
  std::lock_guard<std::mutex> lock(mutex_);
  Exchange* lastMatch = nullptr;
  for (Exchange& exchange : exchanges_) {
    if (!matches(exchange, request)) continue;
    if (!exchange.served) {
      exchange.served = true;
      return exchange.response;
    }
    lastMatch = &exchange;
  }
  if (lastMatch) return lastMatch->response;
  return std::nullopt;
}

} // namespace convoca::http::detail
