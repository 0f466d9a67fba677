#include "facet_pack.h"

#include "convoca/index/schema.h"

namespace convoca::index::detail {
namespace {

namespace s = schema;

constexpr size_t kFieldCount = static_cast<size_t>(PackedFacet::Count);

// Each field is its length, 7 bits a byte, lowest first, high bit set on all
// but the last byte (so lengths up to 127 take one byte), then its bytes.
void appendLength(std::string& packed, size_t length) {
  while (length >= 0x80) {
    packed += static_cast<char>(0x80 | (length & 0x7F));
    length >>= 7;
  }
  packed += static_cast<char>(length);
}

std::optional<size_t> readLength(std::string_view packed, size_t& at) {
  size_t length = 0;
  for (unsigned shift = 0; at < packed.size() && shift < 32; shift += 7) {
    const auto byte = static_cast<unsigned char>(packed[at++]);
    length |= static_cast<size_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return length;
  }
  return std::nullopt;
}

} // namespace

Xapian::valueno slotOf(PackedFacet field) {
  static constexpr Xapian::valueno kSlots[kFieldCount] = {
      s::kFacetSource, s::kFacetProgramme, s::kFacetLanguage, s::kFacetKind,
      s::kSdgGoals,    s::kDeadlineList,   s::kOpenFrom,      s::kOpenUntil};
  return kSlots[static_cast<size_t>(field)];
}

std::string facetPackOf(const Xapian::Document& document) {
  std::string packed;
  for (size_t i = 0; i < kFieldCount; ++i) {
    const std::string value = document.get_value(slotOf(static_cast<PackedFacet>(i)));
    appendLength(packed, value.size());
    packed += value;
  }
  return packed;
}

std::optional<FacetPackFields> unpackFacets(std::string_view packed) {
  FacetPackFields fields;
  size_t at = 0;
  for (auto& field : fields) {
    const std::optional<size_t> length = readLength(packed, at);
    if (!length || *length > packed.size() - at) return std::nullopt;
    field = packed.substr(at, *length);
    at += *length;
  }
  return fields;
}

} // namespace convoca::index::detail
