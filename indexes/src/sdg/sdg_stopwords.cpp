// Short lists on purpose: only words that carry no topic, so that pairs such as
// "access to water" become the feature "access water". Elided articles
// (l', d', qu') are split off by the tokeniser and listed here.
#include "sdg_stopwords.h"

#include <unordered_set>

namespace convoca::index::sdg {
namespace {

using WordSet = std::unordered_set<std::string>;

const WordSet& englishStopwords() {
  static const WordSet words{
      "a",      "about",   "above",   "after",   "again",      "against", "all",    "also",    "am",
      "an",     "and",     "any",     "are",     "as",         "at",      "be",     "because", "been",
      "before", "being",   "below",   "between", "both",       "but",     "by",     "can",     "could",
      "did",    "do",      "does",    "doing",   "down",       "during",  "each",   "etc",     "few",
      "for",    "from",    "further", "had",     "has",        "have",    "having", "he",      "her",
      "here",   "hers",    "herself", "him",     "himself",    "his",     "how",    "however", "i",
      "if",     "in",      "into",    "is",      "it",         "its",     "itself", "just",    "may",
      "me",     "might",   "more",    "most",    "much",       "must",    "my",     "myself",  "no",
      "nor",    "not",     "now",     "of",      "off",        "on",      "once",   "one",     "only",
      "or",     "other",   "our",     "ours",    "ourselves",  "out",     "over",   "own",     "per",
      "same",   "shall",   "she",     "should",  "so",         "some",    "such",   "than",    "that",
      "the",    "their",   "theirs",  "them",    "themselves", "then",    "there",  "these",   "they",
      "this",   "those",   "through", "thus",    "to",         "too",     "under",  "until",   "up",
      "upon",   "us",      "very",    "via",     "was",        "we",      "were",   "what",    "when",
      "where",  "whether", "which",   "while",   "who",        "whom",    "whose",  "why",     "will",
      "with",   "within",  "without", "would",   "yet",        "you",     "your",   "yours",   "s",
      "t",      "ll",      "re",      "ve",      "d",          "m"};
  return words;
}

const WordSet& catalanStopwords() {
  static const WordSet words{
      "a",       "al",      "als",      "amb",     "ambdós", "aquell", "aquella",   "aquelles", "aquells",
      "aquest",  "aquesta", "aquestes", "aquests", "així",   "cada",   "com",       "contra",   "d",
      "de",      "del",     "dels",     "des",     "dins",   "durant", "e",         "el",       "ella",
      "elles",   "ells",    "els",      "em",      "en",     "entre",  "era",       "eren",     "es",
      "és",      "està",    "estan",    "ha",      "han",    "havia",  "hi",        "i",        "ja",
      "jo",      "l",       "la",       "les",     "li",     "lo",     "los",       "m",        "mateix",
      "mateixa", "més",     "n",        "na",      "ni",     "no",     "nosaltres", "o",        "on",
      "per",     "però",    "pel",      "pels",    "perquè", "qual",   "quals",     "quan",     "que",
      "qui",     "qu",      "s",        "sense",   "ser",    "seu",    "seus",      "seva",     "seves",
      "si",      "sobre",   "són",      "també",   "t",      "tot",    "tota",      "totes",    "tots",
      "un",      "una",     "unes",     "uns",     "va",     "van",    "vostè",     "ha",       "han",
      "hauran",  "haurà",   "sigui",    "siguin",  "fins"};
  return words;
}

const WordSet& spanishStopwords() {
  static const WordSet words{
      "a",        "al",    "algo",  "algunas", "algunos", "ante",   "antes", "aquel",   "aquella", "aquellas",
      "aquellos", "así",   "cada",  "como",    "con",     "contra", "cual",  "cuales",  "cuando",  "de",
      "del",      "desde", "donde", "durante", "e",       "el",     "él",    "ella",    "ellas",   "ellos",
      "en",       "entre", "era",   "eran",    "es",      "esa",    "esas",  "ese",     "eso",     "esos",
      "esta",     "está",  "están", "estas",   "este",    "esto",   "estos", "fue",     "fueron",  "ha",
      "han",      "hasta", "hay",   "la",      "las",     "le",     "les",   "lo",      "los",     "más",
      "mismo",    "misma", "muy",   "ni",      "no",      "nos",    "o",     "para",    "pero",    "por",
      "porque",   "que",   "qué",   "quien",   "quienes", "se",     "sea",   "sean",    "según",   "ser",
      "si",       "sí",    "sin",   "sobre",   "son",     "su",     "sus",   "también", "tanto",   "todas",
      "todo",     "todos", "u",     "un",      "una",     "unas",   "uno",   "unos",    "y",       "ya"};
  return words;
}

const WordSet& frenchStopwords() {
  static const WordSet words{
      "a",     "à",      "afin",  "ai",    "au",    "aux",   "avec",  "c",      "ce",    "ceci",  "cela",
      "celle", "celles", "celui", "ces",   "cet",   "cette", "ceux",  "chaque", "comme", "d",     "dans",
      "de",    "des",    "du",    "elle",  "elles", "en",    "entre", "est",    "et",    "été",   "être",
      "eux",   "il",     "ils",   "j",     "je",    "l",     "la",    "le",     "les",   "leur",  "leurs",
      "lui",   "m",      "mais",  "même",  "n",     "ne",    "ni",    "nos",    "notre", "nous",  "on",
      "ont",   "ou",     "où",    "par",   "pas",   "pour",  "qu",    "que",    "qui",   "s",     "sa",
      "sans",  "se",     "ses",   "si",    "son",   "sont",  "sous",  "sur",    "t",     "toute", "toutes",
      "tous",  "tout",   "un",    "une",   "vers",  "y",     "ainsi", "aussi",  "dont",  "leur",  "lors",
      "selon", "soit",   "sera",  "seront"};
  return words;
}

} // namespace

bool isStopword(std::string_view language, const std::string& word) {
  if (language == "ca") return catalanStopwords().count(word) > 0;
  if (language == "es") return spanishStopwords().count(word) > 0;
  if (language == "fr") return frenchStopwords().count(word) > 0;
  return englishStopwords().count(word) > 0;
}

} // namespace convoca::index::sdg
