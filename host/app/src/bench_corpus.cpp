// The benchmark corpus generator. What the figures below are modelled on
// (measured once, 2026-11-27, with a throw-away Python script over the files;
// nothing from them is copied here):
//
//   ../shared/eval-real/cordis/he-projects-sample-every8th.jsonl (2,237 projects)
//     title words p10/p50/p90 5/10/17; objective words 197/272/296;
//     keywords per record 0/5/10; EU contribution log-normal, median 1.50 M EUR, sigma 1.41.
//   ../shared/fixtures-real/eu-ft-sedia-search/mock-portal-topics-AarhusAI.json
//     through `convoca parse --source eu-ft` (52 records): title words 6/12/19,
//     summary 18/35/41, text 89/141/156 (cut by the repository author at 1,200
//     chars; uncut destination texts 222/344/1039), deadlines 1/1/2 (6 of 52
//     two-stage), keywords 0/4/8, one action type each, budgets 12-60 M EUR.
//   Function words (indexes/data/stopwords/en.txt) are 37% of the words of the
//   CORDIS objectives and 35% of the eu-ft texts; the CORDIS objectives hold
//   25,514 distinct words.
//   Concepts (ConceptVocabulary::find, 2026-11-28): mentions per 100 words 3.2
//     (CORDIS objectives) and 8.1 (eu-ft topics); distinct concepts per record
//     4.4 and 5.8; the commonest concept in 48% of records, the median one in
//     0.4% and 3.8%. Records are about a few concepts (bench_corpus_words.h, Topic).
//   The repository's own fixtures/<source>/payloads through `convoca parse`:
//     the id, url and code styles of each source (bdns, raisc, ted, unpp, undl,
//     feeds, declarative).
//
// Words come from the project's own data, compiled into convoca::text: the
// stopword lists and the concept vocabulary (indexes/data). Determinism: only
// std::mt19937_64 (its output is fixed by the standard) and distributions
// written here; the std:: distributions are implementation-defined and differ
// between standard libraries.
#include "bench_corpus.h"

#include "bench_corpus_words.h"
#include "convoca/index/timeutil.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <Poco/UTF8String.h>
#include <algorithm>
#include <array>
#include <cmath>
#include <future>
#include <ostream>
#include <random>
#include <set>
#include <thread>

namespace convoca::app::bench {
namespace {

using index::Record;

constexpr int64_t kDay = 86400;

// ---------------------------------------------------------------------------
// Dates.

// "YYYY-MM-DDTHH:MM:SS" wall-clock on the UTC day of `unixSeconds`, made an
// instant in `zone` (its offset on that day, summer time included).
std::string localInstant(int64_t unixSeconds, const char* wallClock, const std::string& zone) {
  const Poco::DateTime day(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(unixSeconds)));
  return *index::timeutil::localToRfc3339(zone,
                                          Poco::DateTimeFormatter::format(day, "%Y-%m-%d") + "T" + wallClock);
}

std::string dayOf(int64_t unixSeconds, const char* format) {
  return Poco::DateTimeFormatter::format(
      Poco::DateTime(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(unixSeconds))), format);
}

// ---------------------------------------------------------------------------
// Sources: their share of the office's records, languages and styles.

enum class Source { EuFt, Bdns, Raisc, Ted, Unpp, Undl, Feeds, Declarative };

struct SourceStyle {
  const char* id;
  double share;
  std::array<double, 4> languages; // ca es en fr
  double budgetChance;
  double budgetMedian; // EUR
  double budgetSigma;
  const char* zone;
  const char* cutOff; // the usual deadline time
};

const std::array<SourceStyle, 8> kSources{{
    {"eu-ft", 0.30, {0, 0, 1, 0}, 0.75, 6e6, 1.3, "Europe/Brussels", "17:00:00"},
    {"bdns", 0.18, {0.10, 0.90, 0, 0}, 0.85, 2.5e5, 1.6, "Europe/Madrid", "23:59:59"},
    {"raisc", 0.10, {0.85, 0.15, 0, 0}, 0.30, 8e4, 1.4, "Europe/Madrid", "23:59:59"},
    {"ted", 0.14, {0.03, 0.30, 0.42, 0.25}, 0.80, 4e5, 1.5, "Europe/Brussels", "12:00:00"},
    {"unpp", 0.07, {0, 0.08, 0.80, 0.12}, 0.40, 1.5e5, 1.0, "UTC", "23:59:59"},
    {"undl", 0.05, {0, 0.10, 0.75, 0.15}, 0, 0, 0, "UTC", "00:00:00"},
    {"feeds", 0.10, {0.15, 0.10, 0.65, 0.10}, 0.15, 1e6, 1.2, "Europe/Brussels", "14:00:00"},
    {"declarative", 0.06, {0.15, 0.15, 0.60, 0.10}, 0.40, 2e6, 1.2, "Europe/Brussels", "14:00:00"},
}};

struct Programme {
  const char* code;
  const char* name;
  double weight;
  std::array<const char*, 3> callPatterns; // {Y} is the year
};

const std::array<Programme, 10> kEuProgrammes{{
    {"HORIZON",
     "Horizon Europe",
     0.52,
     {"HORIZON-CL{C}-{Y}-0{N}", "HORIZON-MSCA-{Y}-0{N}", "HORIZON-MISS-{Y}-0{N}"}},
    {"ERASMUS",
     "Erasmus+",
     0.08,
     {"ERASMUS-EDU-{Y}-PI-ALL-INNO", "ERASMUS-YOUTH-{Y}-CB", "ERASMUS-SPORT-{Y}-SCP"}},
    {"DIGITAL",
     "Digital Europe Programme",
     0.07,
     {"DIGITAL-{Y}-AI-0{N}", "DIGITAL-{Y}-SKILLS-0{N}", "DIGITAL-ECCC-{Y}-DEPLOY-CYBER-0{N}"}},
    {"LIFE", "LIFE Programme", 0.06, {"LIFE-{Y}-SAP-CLIMA", "LIFE-{Y}-SAP-ENV", "LIFE-{Y}-CET"}},
    {"CERV",
     "Citizens, Equality, Rights and Values",
     0.05,
     {"CERV-{Y}-CHAR-LITI", "CERV-{Y}-CITIZENS-TOWN", "CERV-{Y}-EQUAL"}},
    {"CEF",
     "Connecting Europe Facility",
     0.04,
     {"CEF-T-{Y}-SIMOBGEN", "CEF-E-{Y}-PCI", "CEF-DIG-{Y}-5GSTAGES"}},
    {"EU4H", "EU4Health Programme", 0.04, {"EU4H-{Y}-PJ-0{N}", "EU4H-{Y}-OG-0{N}", "EU4H-{Y}-JA-0{N}"}},
    {"CREA",
     "Creative Europe",
     0.05,
     {"CREA-CULT-{Y}-COOP", "CREA-MEDIA-{Y}-DEVSLATE", "CREA-CROSS-{Y}-INNOVLAB"}},
    {"SMP",
     "Single Market Programme",
     0.05,
     {"SMP-COSME-{Y}-CLUSTER", "SMP-COSME-{Y}-TOURSME", "SMP-FOOD-{Y}-AGRISMP"}},
    {"EMFAF",
     "European Maritime, Fisheries and Aquaculture Fund",
     0.04,
     {"EMFAF-{Y}-PIA-FLAG", "EMFAF-{Y}-PIA-OR", "EMFAF-{Y}-PIA-BLUEINVEST"}},
}};

const std::array<const char*, 3> kHorizonActions{"HORIZON-RIA Research and Innovation Actions",
                                                 "HORIZON-IA Innovation Actions",
                                                 "HORIZON-CSA Coordination and Support Actions"};

const std::array<const char*, 8> kSpanishBodies{"AYUNTAMIENTO DE BARCELONA",
                                                "DIPUTACIÓN PROVINCIAL DE BARCELONA",
                                                "GENERALITAT DE CATALUNYA",
                                                "ÁREA METROPOLITANA DE BARCELONA",
                                                "MINISTERIO DE CIENCIA, INNOVACIÓN Y UNIVERSIDADES",
                                                "SECRETARÍA DE ESTADO DE VIVIENDA Y AGENDA URBANA",
                                                "AYUNTAMIENTO DE GIRONA",
                                                "CONSELL COMARCAL DEL VALLÈS OCCIDENTAL"};

const std::array<const char*, 27> kEuCountries{"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL",
                                               "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU",
                                               "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};
const std::array<const char*, 12> kPartnerCountries{"LB", "JO", "MZ", "KE", "ET", "SD",
                                                    "CO", "BD", "NE", "ML", "TR", "UA"};
const std::array<const char*, 5> kCatalanNuts{"ES511", "ES512", "ES513", "ES514", "ES51"};
const std::array<const char*, 4> kFeedProgrammes{"INTERREG", "URBACT", "EUI", ""};

std::string replaceAll(std::string text, const std::string& what, const std::string& with) {
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
    text.replace(at, what.size(), with);
  return text;
}

// ASCII slug of a few words: accents dropped with the bytes that carry them.
std::string slugOf(const std::string& text, size_t maxWords) {
  std::string slug;
  size_t words = 0;
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      slug += c;
    else if (c >= 'A' && c <= 'Z')
      slug += static_cast<char>(c - 'A' + 'a');
    else if (c == ' ' && !slug.empty() && slug.back() != '-') {
      if (++words == maxWords) break;
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "call" : slug;
}

struct Draft {
  Record record;
  Source source;
  Lang lang;
};

void shapeEuFt(Draft& d, Random& random, uint64_t n, int64_t firstDeadline) {
  std::array<double, kEuProgrammes.size()> weights{};
  for (size_t i = 0; i < kEuProgrammes.size(); ++i) weights[i] = kEuProgrammes[i].weight;
  const Programme& programme = kEuProgrammes[random.weighted(weights)];
  std::string call = replaceAll(random.pick(programme.callPatterns), "{Y}", dayOf(firstDeadline, "%Y"));
  call = replaceAll(call, "{C}", std::to_string(random.between(1, 6)));
  call = replaceAll(call, "{N}", std::to_string(random.between(1, 8)));
  Record& r = d.record;
  r.kind = "topic";
  r.programme = programme.name;
  r.programmeCode = programme.code;
  r.callId = call;
  r.topicId = call + "-" + std::to_string(n);
  r.id = "eu-ft:" + r.topicId;
  r.url =
      "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/" +
      r.topicId;
  r.actionTypes.push_back(r.programmeCode == "HORIZON" ? random.pick(kHorizonActions)
                                                       : r.programmeCode + "-PJG Project Grants");
}

void shapeOthers(Draft& d, Random& random, uint64_t n) {
  Record& r = d.record;
  const std::string number = std::to_string(n);
  switch (d.source) {
  case Source::Bdns:
    r.callId = std::to_string(700000 + n);
    r.id = "bdns:" + r.callId;
    r.programme = random.pick(kSpanishBodies);
    r.url = "https://www.infosubvenciones.es/bdnstrans/GE/es/convocatorias/" + r.callId;
    r.eligibleCountries.push_back(random.chance(0.6) ? random.pick(kCatalanNuts) : "ES");
    break;
  case Source::Raisc:
    r.id = "raisc:cido-" + std::to_string(15000000 + n);
    r.programme = "CIDO – Diputació de Barcelona";
    r.programmeCode = "CIDO";
    r.url = "https://cido.diba.cat/subvencions/" + std::to_string(15000000 + n) + "/" + slugOf(r.title, 6);
    r.eligibleCountries.push_back("ES51");
    if (n > 0 && random.chance(0.3)) r.aliases.push_back("bdns:" + std::to_string(700000 + random.below(n)));
    break;
  case Source::Ted: {
    // The notice id is random hex but for its last group, the record number: unique.
    char last[13];
    std::snprintf(last, sizeof last, "%012llx", static_cast<unsigned long long>(n));
    const std::string notice =
        random.hex(8) + "-" + random.hex(4) + "-4" + random.hex(3) + "-" + random.hex(4) + "-" + last;
    r.kind = "tender";
    r.topicId = "LOT-000" + std::to_string(random.between(1, 4));
    r.id = "ted:" + notice + ":" + r.topicId;
    r.callId = std::to_string(100000 + random.below(900000)) + "-2026";
    r.url = "https://ted.europa.eu/en/notice/-/detail/" + r.callId;
    r.eligibleCountries.push_back(random.pick(kEuCountries));
    for (int i = random.between(1, 3); i > 0; --i)
      r.keywords.push_back("CPV " + std::to_string(30000000 + random.below(50000000)));
    break;
  }
  case Source::Unpp:
    r.callId = std::to_string(3000 + n);
    r.id = "unpp:" + r.callId;
    r.programme = "UN Partner Portal";
    r.programmeCode = "UNPP";
    r.url = "https://www.unpartnerportal.org/cfei/open/" + r.callId + "/overview";
    r.eligibleCountries.push_back(random.pick(kPartnerCountries));
    break;
  case Source::Undl:
    r.kind = "document";
    r.id = "undl:A/RES/" + std::to_string(random.between(70, 80)) + "/" + number;
    r.url = "https://digitallibrary.un.org/record/" + std::to_string(9000000 + n);
    break;
  case Source::Feeds:
    r.id = "feeds:" +
           std::string(random.pick(std::array<const char*, 6>{"f23ad74b", "0b9c21e4", "7d41a0c2", "c3e8f015",
                                                              "5a6b7c8d", "e1d2c3b4"})) +
           ":" + [&] {
             char item[17];
             std::snprintf(item, sizeof item, "%016llx", static_cast<unsigned long long>(mix(n)));
             return std::string(item);
           }();
    r.programmeCode = random.pick(kFeedProgrammes);
    r.programme = r.programmeCode;
    r.url = "https://www.urban-initiative.eu/calls-proposals/" + slugOf(r.title, 6) + "-" + number;
    break;
  case Source::Declarative:
    r.id = "declarative:" + std::string(random.chance(0.5) ? "eui-calls" : "interreg-med") + ":" +
           slugOf(r.title, 5) + "-" + number;
    r.programmeCode = random.chance(0.5) ? "EUI" : "INTERREG";
    r.programme = r.programmeCode == "EUI" ? "European Urban Initiative" : "Interreg";
    r.url = "https://www.urban-initiative.eu/calls-proposals/" + slugOf(r.title, 5) + "-" + number;
    break;
  case Source::EuFt:
    break;
  }
}

// 0-3 deadlines: one mostly, two for two-stage calls, three for multi cut-off calls.
int deadlineCount(Random& random, const std::string& kind) {
  if (kind == "document") return 0;
  if (kind == "tender") return random.chance(0.9) ? 1 : 0;
  return static_cast<int>(random.weighted(std::array<double, 4>{0.15, 0.65, 0.15, 0.05}));
}

void addDates(Draft& d, Random& random, int64_t firstDeadline) {
  Record& r = d.record;
  const SourceStyle& style = kSources[static_cast<size_t>(d.source)];
  const int count = deadlineCount(random, r.kind);
  int64_t at = firstDeadline;
  for (int i = 0; i < count; ++i) {
    r.deadlines.push_back(localInstant(at, style.cutOff, style.zone));
    if (d.source == Source::EuFt) r.deadlinesRaw.push_back(dayOf(at, "%Y-%m-%dT00:00:00.000+0000"));
    if (d.source == Source::Bdns || d.source == Source::Raisc)
      r.deadlinesRaw.push_back(dayOf(at, "%d/%m/%Y"));
    at += kDay * (count == 2 ? random.between(120, 210) : random.between(60, 120));
  }
  r.deadlinesTimeAssumed = count > 0 && (d.source == Source::EuFt || d.source == Source::Bdns);
  if (r.kind == "document" || random.chance(0.2)) {
    if (r.kind == "document") // published in the last three years, never ahead of now
      r.published = localInstant(kCorpusNowUnix - kDay * random.between(1, 3 * 365), "00:00:00", "UTC");
    return;
  }
  const int64_t opening = firstDeadline - kDay * random.between(30, 150);
  r.opening = localInstant(opening, "00:00:00", style.zone);
  r.openingTimeAssumed = d.source == Source::EuFt;
  if (random.chance(0.5))
    r.published = localInstant(opening - kDay * random.between(0, 20), "09:00:00", "UTC");
}

void addBudget(Draft& d, Random& random) {
  const SourceStyle& style = kSources[static_cast<size_t>(d.source)];
  if (!random.chance(style.budgetChance)) return;
  const double amount =
      std::max(1000.0, std::round(random.logNormal(style.budgetMedian, style.budgetSigma) / 1000) * 1000);
  d.record.budget = index::Budget{amount, d.source == Source::Unpp && random.chance(0.6) ? "USD" : "EUR"};
}

void addLists(Draft& d, Random& random, const LanguageWords& words, const Topic& topic) {
  Record& r = d.record;
  const int keywords = random.chance(0.15) ? 0 : random.around(4.5, 0.5, 1, 10);
  for (int i = 0; i < keywords; ++i) {
    std::string keyword = keywordOf(random, words, topic);
    if (d.source == Source::Bdns || d.source == Source::Undl) keyword = Poco::UTF8::toUpper(keyword);
    if (std::find(r.keywords.begin(), r.keywords.end(), keyword) == r.keywords.end())
      r.keywords.push_back(keyword);
  }
  if (random.chance(d.source == Source::Undl ? 0.6 : 0.12)) {
    std::set<int> goals;
    for (int i = random.between(1, 3); i > 0; --i) goals.insert(random.between(1, 17));
    r.sdgs.assign(goals.begin(), goals.end());
  }
  if (d.source == Source::EuFt && random.chance(0.2))
    r.eligibleCountries.assign(kEuCountries.begin(), kEuCountries.end());
}

} // namespace

CorpusGenerator::CorpusGenerator(uint64_t seed) : seed_(seed), words_(std::make_unique<CorpusWordTables>()) {}
CorpusGenerator::CorpusGenerator(CorpusGenerator&&) noexcept = default;
CorpusGenerator::~CorpusGenerator() = default;

index::Record CorpusGenerator::record(uint64_t n) const {
  Random random(mix(seed_ ^ mix(n)));
  std::array<double, kSources.size()> shares{};
  for (size_t i = 0; i < kSources.size(); ++i) shares[i] = kSources[i].share;
  Draft d;
  d.source = static_cast<Source>(random.weighted(shares));
  const SourceStyle& style = kSources[static_cast<size_t>(d.source)];
  d.lang = static_cast<Lang>(random.weighted(style.languages));
  const LanguageWords& words = words_->of(d.lang);
  Record& r = d.record;
  r.source = style.id;
  r.kind = "call";
  r.language = kLangCodes[static_cast<size_t>(d.lang)];
  const Topic topic = topicOf(random, words);
  r.title = title(random, words, topic, random.around(10, 0.35, 4, 24));
  r.summary = prose(random, words, topic, random.around(48, 0.3, 15, 120), false);
  r.text = prose(random, words, topic, random.around(300, 0.45, 80, 1500), true);
  const int64_t firstDeadline = kCorpusNowUnix + kDay * random.between(-365, 365);
  if (d.source == Source::EuFt)
    shapeEuFt(d, random, n, firstDeadline);
  else
    shapeOthers(d, random, n);
  if (d.source == Source::EuFt) {
    Random callRandom(fnv1a(r.callId)); // every topic of a call shares its title
    const Topic callTopic = topicOf(callRandom, words);
    r.callTitle = title(callRandom, words, callTopic, callRandom.around(7, 0.3, 3, 14));
  }
  addDates(d, random, firstDeadline);
  addBudget(d, random);
  addLists(d, random, words, topic);
  r.fetchedAt =
      index::timeutil::formatInstant(kCorpusNowUnix - static_cast<int64_t>(random.below(30 * kDay)), "UTC");
  return std::move(d.record);
}

namespace {

// Lines for records [first, first + count), in order.
std::string corpusBatch(const CorpusGenerator& generator, uint64_t first, uint64_t count) {
  std::string lines;
  for (uint64_t n = first; n < first + count; ++n) {
    lines += index::recordToJson(generator.record(n));
    lines += '\n';
  }
  return lines;
}

} // namespace

uint64_t writeCorpus(uint64_t count, uint64_t seed, std::ostream& out) {
  // Records are independent, so batches are made on every core and written in
  // order: the output does not depend on the number of threads.
  constexpr uint64_t kBatch = 1000;
  const unsigned threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  const CorpusGenerator generator(seed);
  uint64_t bytes = 0;
  for (uint64_t first = 0; first < count; first += kBatch * threads) {
    std::vector<std::future<std::string>> batches;
    for (uint64_t start = first; start < std::min(count, first + kBatch * threads); start += kBatch)
      batches.push_back(std::async(std::launch::async, corpusBatch, std::cref(generator), start,
                                   std::min(kBatch, count - start)));
    for (auto& batch : batches) {
      const std::string lines = batch.get();
      out.write(lines.data(), static_cast<std::streamsize>(lines.size()));
      bytes += lines.size();
    }
  }
  out.flush();
  return bytes;
}

} // namespace convoca::app::bench
