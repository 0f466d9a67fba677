// Who may apply, reduced to a few classes the matcher can gate on. Sources
// state eligible entities as free text in their own language ("PERSONAS
// JURÍDICAS QUE NO DESARROLLAN ACTIVIDAD ECONÓMICA", "Local authorities",
// "entitats sense ànim de lucre"); the indexer stores the classes each one
// names as XENT terms, and a profile's entity types accept some classes.
#pragma once

#include <string>
#include <vector>

namespace convoca::index::detail {

// Classes: local-authority, regional-authority, public-body, non-profit,
// non-economic-legal-person, any-legal-entity, research, university, company,
// natural-person. An entry may name several; an unrecognised one names none.
std::vector<std::string> entityClassesOf(const std::string& entityText);

// The classes a profile entity type ("local-authority", "regional-authority",
// "public-body", "ngo", "university", "research", "company", "sme") can apply as.
std::vector<std::string> classesAcceptedFor(const std::string& profileEntityType);

} // namespace convoca::index::detail
