// Reads one saved or fetched payload of either kind and emits its records.
#pragma once

#include "emitter.h"
#include "parse_context.h"

#include <cstdint>
#include <optional>
#include <string>

namespace euft {

enum class PayloadKind { SearchResponse, GrantsTendersDump };

struct PayloadSummary {
  PayloadKind kind = PayloadKind::SearchResponse;
  size_t items = 0;                    // results of the page, or objects of the dump
  std::optional<int64_t> totalResults; // a search response's totalResults, when given
};

struct ReadOptions {
  bool includeTenders = true; // false drops type-0 objects of a dump
};

// Detects the kind by content, not by name: a SEDIA search response
// ({"results":[{"metadata":{...}}]}) or a grantsTenders dump
// ({"fundingData":{"GrantTenderObj":[...]}}). Search rows are collected and
// deduplicated (current copy over legacy copy) before they are emitted; dump
// objects are emitted as they are read. `name` only labels error messages.
// Throws convoca::sdk::Error(CONVOCA_SOURCE_FORMAT) for malformed JSON or any
// other shape.
PayloadSummary emitPayload(const std::string& name, const std::string& data, ParseContext& context,
                           Emitter& emitter);

// As emitPayload(), but for a search response the candidates go to `collector`
// (so pages of one harvest are deduplicated together) instead of being emitted.
PayloadSummary readPayload(const std::string& name, const std::string& data, ParseContext& context,
                           RecordCollector& collector, Emitter& emitter, const ReadOptions& options = {});

} // namespace euft
