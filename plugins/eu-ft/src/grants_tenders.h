// Parser of one object of grantsTenders.json (fundingData.GrantTenderObj[]).
#pragma once

#include "emitter.h"
#include "parse_context.h"

#include <Poco/JSON/Object.h>
#include <optional>

namespace euft {

// The record of one grant (type 1/2), cascade call (8) or tender (0); nullopt
// for an object without an identifier or of another type.
std::optional<Candidate> candidateFromGrantTender(const Poco::JSON::Object& object, ParseContext& context);

} // namespace euft
