// One result per call. The records of one call (clusterKeyOf: the same call
// from several sources) share the term kCluster + key, and every match
// collapses on a value holding their key. Every record has kCollapseKey; only
// records whose call has another record in the same database have
// kLocalCollapseKey (schema.h says why). Invariant kept here: a document
// whose cluster term has another document in its database has the local key.
// A member left alone by a delete or an edit keeps it, which costs nothing.
#pragma once

#include <string>
#include <xapian.h>

namespace convoca::index::detail {

// The document's kCluster term; empty when it has none.
std::string clusterTermOf(const Xapian::Document& document);

// Writes `document` as the record of `uniqueTerm` (replace_document), with
// kLocalCollapseKey when other records share its cluster term, and gives the
// value to the members that lack it (the first one, when a second joins).
Xapian::docid storeInCluster(Xapian::WritableDatabase& database, const std::string& uniqueTerm,
                             Xapian::Document& document);

// The slot a match of `database` collapses on: kLocalCollapseKey on one
// database, whose writer kept the invariant; kCollapseKey across shards.
Xapian::valueno collapseSlotFor(const Xapian::Database& database);

} // namespace convoca::index::detail
