#include "convoca/plugin_host/linked_documents.h"

#include "convoca/documents/extract.h"
#include "convoca/index/timeutil.h"

#include <Poco/DigestEngine.h>
#include <Poco/Exception.h>
#include <Poco/SHA1Engine.h>
#include <Poco/URI.h>
#include <convoca/plugin.h>

namespace convoca::plugin_host {
namespace {

std::string childId(const std::string& callId, const std::string& url) {
  Poco::SHA1Engine sha;
  sha.update(url);
  return callId + "#doc-" + Poco::DigestEngine::digestToHex(sha.digest()).substr(0, 10);
}

std::string fileNameOf(const std::string& url) {
  try {
    const std::string path = Poco::URI(url).getPath();
    const size_t slash = path.find_last_of('/');
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    return name.empty() ? url : name;
  } catch (const Poco::Exception&) {
    return url;
  }
}

} // namespace

std::vector<index::Record> fetchLinkedDocuments(index::Record& call, http::Client& client,
                                                const DocumentPolicy& policy, const LogFunction& log) {
  std::vector<index::Record> children;
  if (!policy.fetch || call.kind == "document") return children;
  size_t attempted = 0;
  for (const auto& url : call.documents) {
    if (attempted++ == policy.perRecord) {
      log(CONVOCA_LOG_INFO,
          call.id + ": only the first " + std::to_string(policy.perRecord) + " documents are read");
      break;
    }
    try {
      http::Request request;
      request.url = url;
      const http::Response response = client.fetch(request);
      if (response.status != 200) {
        log(CONVOCA_LOG_WARNING,
            "document " + url + " of " + call.id + " answered " + std::to_string(response.status));
        continue;
      }
      if (response.body.size() > policy.maxBytes) {
        log(CONVOCA_LOG_WARNING, "document " + url + " of " + call.id + " is larger than the document limit");
        continue;
      }
      documents::ExtractedText extracted =
          documents::extractText(response.contentType, response.body, policy.maxTextBytes);
      if (extracted.text.empty()) continue;
      index::Record child;
      child.id = childId(call.id, url);
      child.source = call.source;
      child.kind = "document";
      child.title = !extracted.title.empty() ? extracted.title : fileNameOf(url);
      child.url = url;
      child.text = extracted.text;
      child.language = call.language;
      child.parent = call.id;
      child.fetchedAt = index::timeutil::formatInstant(index::timeutil::now(), "UTC");
      child.contentHash = index::contentHashOf(child);
      if (call.documentsText.size() < policy.maxTotalTextBytes)
        call.documentsText += (call.documentsText.empty() ? "" : "\n") + child.title + "\n" +
                              extracted.text.substr(0, policy.maxTotalTextBytes - call.documentsText.size());
      children.push_back(std::move(child));
    } catch (const http::HttpError& e) {
      // A replay without a recording of the document is normal (demo, tests).
      log(e.kind() == http::ErrorKind::NoRecording ? CONVOCA_LOG_DEBUG : CONVOCA_LOG_WARNING,
          "document " + url + " of " + call.id + ": " + e.what());
      if (e.kind() == http::ErrorKind::Cancelled) break;
    } catch (const documents::ExtractError& e) {
      log(CONVOCA_LOG_WARNING, "document " + url + " of " + call.id + ": " + e.what());
    }
  }
  if (!call.documentsText.empty()) call.contentHash = index::contentHashOf(call);
  return children;
}

} // namespace convoca::plugin_host
