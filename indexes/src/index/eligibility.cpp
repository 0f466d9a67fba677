#include "eligibility.h"

#include "index_support.h"

#include <algorithm>
#include <map>
#include <utility>

namespace convoca::index::detail {
namespace {

// Lower-cased fragments (accents kept as sources write them, both forms where
// sources vary) -> the class they name. Order does not matter: every fragment
// found adds its class.
const std::vector<std::pair<const char*, const char*>>& fragments() {
  static const std::vector<std::pair<const char*, const char*>> table{
      // Local authorities.
      {"entidades locales", "local-authority"},
      {"entidad local", "local-authority"},
      {"entitats locals", "local-authority"},
      {"ens locals", "local-authority"},
      {"ens local", "local-authority"},
      {"ayuntamiento", "local-authority"},
      {"ajuntament", "local-authority"},
      {"municipi", "local-authority"},
      {"municipio", "local-authority"},
      {"municipal", "local-authority"},
      {"local authorit", "local-authority"},
      {"local government", "local-authority"},
      {"cities", "local-authority"},
      {"collectivités", "local-authority"},
      {"collectivites", "local-authority"},
      {"communes", "local-authority"},
      {"consell comarcal", "local-authority"},
      {"diputació", "local-authority"},
      {"diputación", "local-authority"},
      {"àrea metropolitana", "local-authority"},
      {"área metropolitana", "local-authority"},
      {"metropolitan", "local-authority"},
      // Regional authorities.
      {"comunidades autónomas", "regional-authority"},
      {"comunitats autònomes", "regional-authority"},
      {"regional authorit", "regional-authority"},
      {"régions", "regional-authority"},
      // Other public bodies.
      {"public bod", "public-body"},
      {"public authorit", "public-body"},
      {"public entit", "public-body"},
      {"administraciones públicas", "public-body"},
      {"administració pública", "public-body"},
      {"administracions públiques", "public-body"},
      {"sector público", "public-body"},
      {"sector públic", "public-body"},
      {"organismos públicos", "public-body"},
      {"organismes públics", "public-body"},
      {"government", "public-body"},
      // Non-profits.
      {"sin ánimo de lucro", "non-profit"},
      {"sense ànim de lucre", "non-profit"},
      {"non-profit", "non-profit"},
      {"not-for-profit", "non-profit"},
      {"non profit", "non-profit"},
      {"ngo", "non-profit"},
      {"ong", "non-profit"},
      {"asociaciones", "non-profit"},
      {"associacions", "non-profit"},
      {"fundaciones", "non-profit"},
      {"fundacions", "non-profit"},
      {"civil society", "non-profit"},
      {"sans but lucratif", "non-profit"},
      // BDNS's beneficiary types.
      {"personas jurídicas que no desarrollan actividad económica", "non-economic-legal-person"},
      {"persones jurídiques que no desenvolupen activitat econòmica", "non-economic-legal-person"},
      {"legal entit", "any-legal-entity"},
      {"legal person", "any-legal-entity"},
      {"any organisation", "any-legal-entity"},
      {"any organization", "any-legal-entity"},
      // Research and universities.
      {"universit", "university"},
      {"higher education", "university"},
      {"research organi", "research"},
      {"research centre", "research"},
      {"centros de investigación", "research"},
      {"centres de recerca", "research"},
      // Businesses.
      {"pyme", "company"},
      {"empresa", "company"},
      {"sme", "company"},
      {"enterprise", "company"},
      {"compan", "company"},
      {"business", "company"},
      {"actividad económica", "company"},
      {"activitat econòmica", "company"},
      {"autónomo", "company"},
      {"autònom", "company"},
      // People.
      {"personas físicas", "natural-person"},
      {"persones físiques", "natural-person"},
      {"natural person", "natural-person"},
      {"individuals", "natural-person"},
  };
  return table;
}

bool containsWord(const std::string& text, const std::string& fragment) {
  // Short fragments ("ong", "sme") must be whole words; longer ones are stems.
  const bool whole = fragment.size() <= 4;
  for (size_t at = text.find(fragment); at != std::string::npos; at = text.find(fragment, at + 1)) {
    const bool startOk = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
    const size_t end = at + fragment.size();
    const bool endOk = !whole || end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end]));
    if (startOk && endOk) return true;
  }
  return false;
}

} // namespace

std::vector<std::string> entityClassesOf(const std::string& entityText) {
  const std::string text = lowerCase(entityText);
  std::vector<std::string> classes;
  for (const auto& [fragment, entityClass] : fragments()) {
    if (!containsWord(text, fragment)) continue;
    // "no desarrollan actividad económica" is not a company.
    if (std::string(entityClass) == "company" &&
        (containsWord(text, "no desarrollan") || containsWord(text, "no desenvolupen")))
      continue;
    if (std::find(classes.begin(), classes.end(), entityClass) == classes.end())
      classes.emplace_back(entityClass);
  }
  return classes;
}

std::vector<std::string> classesAcceptedFor(const std::string& profileEntityType) {
  static const std::map<std::string, std::vector<std::string>> accepted{
      {"local-authority",
       {"local-authority", "public-body", "non-economic-legal-person", "any-legal-entity"}},
      {"regional-authority",
       {"regional-authority", "public-body", "non-economic-legal-person", "any-legal-entity"}},
      {"public-body", {"public-body", "non-economic-legal-person", "any-legal-entity"}},
      {"ngo", {"non-profit", "non-economic-legal-person", "any-legal-entity"}},
      {"non-profit", {"non-profit", "non-economic-legal-person", "any-legal-entity"}},
      {"university", {"university", "research", "any-legal-entity"}},
      {"research", {"research", "any-legal-entity"}},
      {"company", {"company", "any-legal-entity"}},
      {"sme", {"company", "any-legal-entity"}},
  };
  // Other names people give the same types.
  static const std::map<std::string, std::string> synonyms{{"municipality", "local-authority"},
                                                           {"city", "local-authority"},
                                                           {"local-government", "local-authority"},
                                                           {"metropolitan-authority", "local-authority"},
                                                           {"regional-government", "regional-authority"},
                                                           {"region", "regional-authority"},
                                                           {"public-authority", "public-body"},
                                                           {"public-administration", "public-body"},
                                                           {"nonprofit", "non-profit"},
                                                           {"civil-society", "ngo"},
                                                           {"non-governmental-organisation", "ngo"},
                                                           {"higher-education", "university"},
                                                           {"research-organisation", "research"},
                                                           {"research-organization", "research"},
                                                           {"enterprise", "company"},
                                                           {"business", "company"}};
  std::string type = lowerCase(profileEntityType);
  std::replace(type.begin(), type.end(), '_', '-');
  std::replace(type.begin(), type.end(), ' ', '-');
  if (auto synonym = synonyms.find(type); synonym != synonyms.end()) type = synonym->second;
  auto found = accepted.find(type);
  if (found != accepted.end()) return found->second;
  return {type, "any-legal-entity"};
}

} // namespace convoca::index::detail
