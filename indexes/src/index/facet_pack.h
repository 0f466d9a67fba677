// The kFacetPack value: every value the facet counts read, in one slot.
//
// A search counts facets over every matching record (facets.h). Reading eight
// slots per record was 40 % of a search at 100k records: each slot is its own
// value stream, walked separately for every match. One packed value is one
// read; unpacking it is a few byte comparisons. The separate slots stay: sorts,
// filters, the matcher and remote shards (whose stock xapian-tcpsrv runs only
// Xapian's own ValueCountMatchSpy) read them.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <xapian.h>

namespace convoca::index::detail {

// The packed slots, in packing order.
enum class PackedFacet : size_t {
  Source,
  Programme,
  Language,
  Kind,
  SdgGoals,
  DeadlineList,
  OpenFrom,
  OpenUntil,
  Count
};

// Values of one record's packed slots ("" = the slot is empty), indexed by PackedFacet.
using FacetPackFields = std::array<std::string_view, static_cast<size_t>(PackedFacet::Count)>;

// The slot each packed field copies.
Xapian::valueno slotOf(PackedFacet field);

// The kFacetPack value of `document`, made from its own values of the packed
// slots, so the two can never disagree.
std::string facetPackOf(const Xapian::Document& document);

// The fields of a kFacetPack value, viewing `packed`; nullopt if it is not one
// (an empty or truncated value).
std::optional<FacetPackFields> unpackFacets(std::string_view packed);

} // namespace convoca::index::detail
