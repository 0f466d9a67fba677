#include "payload.h"

#include "grants_tenders.h"
#include "json_fields.h"
#include "payload_handler.h"
#include "sedia_search.h"

#include <Poco/JSON/Parser.h>
#include <sstream>

namespace euft {
namespace {

using convoca::sdk::Error;

constexpr const char* kExpectedShapes =
    "a SEDIA search response ({\"results\":[{\"metadata\":{...}}, ...]}) or a grantsTenders dump "
    "({\"fundingData\":{\"GrantTenderObj\":[...]}})";

Poco::JSON::Object::Ptr rootObject(const Poco::Dynamic::Var& root) {
  if (root.type() != typeid(Poco::JSON::Object::Ptr)) return nullptr;
  return root.extract<Poco::JSON::Object::Ptr>();
}

} // namespace

PayloadSummary readPayload(const std::string& name, const std::string& data, ParseContext& context,
                           RecordCollector& collector, Emitter& emitter, const ReadOptions& options) {
  auto handler = Poco::makeShared<PayloadHandler>([&](const Poco::JSON::Object& object) {
    std::optional<Candidate> candidate;
    try {
      candidate = candidateFromGrantTender(object, context);
    } catch (const Poco::Exception& e) { // a value of an unexpected type: lose the object, not the file
      context.host().warn(name + ": skipped a GrantTenderObj: " + e.displayText());
    }
    if (!candidate || (candidate->record.kind == "tender" && !options.includeTenders)) return;
    emitter.emitOnce(*candidate);
  });
  // Parsed from a stream so that, on an error, how far the parser read gives the position.
  std::istringstream in(data);
  try {
    Poco::JSON::Parser parser(handler);
    parser.parse(in);
  } catch (const Poco::Exception& e) {
    in.clear();
    const auto read = in.tellg();
    const size_t offset = read < 0 ? data.size() : static_cast<size_t>(read);
    throw Error(CONVOCA_SOURCE_FORMAT, name + ": not valid JSON at " +
                                           convoca::sdk::textPosition(data, offset) + " (" + e.displayText() +
                                           "); expected " + kExpectedShapes);
  }
  if (handler->sawGrantTenderArray()) {
    context.host().debug(name + ": grantsTenders dump with " + std::to_string(handler->grantTenderCount()) +
                         " objects");
    return PayloadSummary{PayloadKind::GrantsTendersDump, handler->grantTenderCount(), std::nullopt};
  }
  const auto root = rootObject(handler->asVar());
  if (!root || !isSearchResponse(*root))
    throw Error(CONVOCA_SOURCE_FORMAT, name + ": unrecognised JSON; expected " + kExpectedShapes);
  PayloadSummary summary;
  summary.items = arrayOf(*root, "results")->size();
  if (auto total = integerFrom(firstTextOf(*root, "totalResults"))) summary.totalResults = *total;
  for (auto& candidate : candidatesFromSearchResponse(*root, context)) collector.add(std::move(candidate));
  return summary;
}

PayloadSummary emitPayload(const std::string& name, const std::string& data, ParseContext& context,
                           Emitter& emitter) {
  RecordCollector collector;
  const PayloadSummary summary = readPayload(name, data, context, collector, emitter);
  for (const auto& candidate : collector.take()) emitter.emitOnce(candidate);
  return summary;
}

} // namespace euft
