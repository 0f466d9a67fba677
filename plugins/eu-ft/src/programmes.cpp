#include "programmes.h"

#include <iterator>

namespace euft {
namespace {

struct Entry {
  const char* frameworkCode;
  Programme programme;
};

// Codes as the portal's search index and grantsTenders.json use them (see
// data-sources.md §1a); names as staff know the programmes.
constexpr Entry kProgrammes[] = {
    {"43108390", {"HORIZON", "Horizon Europe"}},
    {"43152860", {"DIGITAL", "Digital Europe"}},
    {"43252405", {"LIFE", "LIFE"}},
    {"43251567", {"CEF", "Connecting Europe Facility"}},
    {"43353764", {"ERASMUS", "Erasmus+"}},
    {"43251589", {"CERV", "Citizens, Equality, Rights and Values"}},
    {"43251814", {"CREA", "Creative Europe"}},
    {"43332642", {"EU4H", "EU4Health"}},
    {"43254019", {"ESF", "European Social Fund+"}},
    {"43254037", {"ESC", "European Solidarity Corps"}},
    {"43392145", {"EMFAF", "European Maritime, Fisheries and Aquaculture Fund"}},
    {"43089234", {"INNOVFUND", "Innovation Fund"}},
    {"44773066", {"JTM", "Just Transition Mechanism"}},
    {"44416173", {"I3", "Interregional Innovation Investments"}},
    {"43252476", {"SMP", "Single Market Programme"}},
    {"43298916", {"EURATOM", "Euratom Research and Training Programme"}},
    {"44181033", {"EDF", "European Defence Fund"}},
    {"43252368", {"ISF", "Internal Security Fund"}},
    {"43251447", {"AMIF", "Asylum, Migration and Integration Fund"}},
    {"43251530", {"BMVI", "Border Management and Visa Instrument"}},
    {"43298203", {"UCPM", "Union Civil Protection Mechanism"}},
    {"43252386", {"JUST", "Justice Programme"}},
    {"43637601", {"PPPA", "Pilot projects and preparatory actions"}},
    {"45532249", {"EUBA", "EU bodies and agencies"}},
    {"45876777", {"NDICI", "NDICI-Global Europe"}},
    {"111111", {"PROSPECT", "EU External Action"}},
    {"43253967", {"RENEWFM", "Union Renewable Energy Financing Mechanism"}},
    {"43252433", {"PERICLES", "Pericles IV"}},
    {"43252517", {"SOCPL", "Social prerogatives and specific competencies lines"}},
    {"43298664", {"AGRIP", "Promotion of agricultural products"}},
    {"43251842", {"EUAF", "Union Anti-Fraud Programme"}},
    {"43252449", {"RFCS", "Research Fund for Coal and Steel"}},
};

} // namespace

const Programme* programmeByCode(const std::string& frameworkProgrammeCode) {
  for (const auto& entry : kProgrammes)
    if (frameworkProgrammeCode == entry.frameworkCode) return &entry.programme;
  return nullptr;
}

} // namespace euft
