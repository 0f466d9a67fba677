// One convocatoria (call) of the BDNS → record: from a detail payload
// (GET /convocatorias?vpd=GE&numConv=<code>) or, for parse() only, from a row
// of a search page (which has no dates, budget or eligibility).
#pragma once

#include "call_record.h"

#include <Poco/JSON/Object.h>
#include <convoca/plugin.hpp>
#include <string>

namespace bdns {

// Throws FieldError (json_fields.h) naming the field for a detail without
// codigoBDNS or descripcion, a field of the wrong type, or an unreadable date.
CallRecord recordFromDetail(const convoca::sdk::Host& host, const Poco::JSON::Object& detail);

// A search row: numeroConvocatoria, descripcion, descripcionLeng, nivel1..3.
CallRecord recordFromSearchRow(const Poco::JSON::Object& row);

// The BDNS code of a search row (numeroConvocatoria); throws FieldError when absent.
std::string codeOfSearchRow(const Poco::JSON::Object& row);

} // namespace bdns
