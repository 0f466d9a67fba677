// The English SDG term lists and query systems, reduced to plain terms per goal.
#pragma once

#include <string>
#include <vector>

namespace convoca::train_sdg {

struct SdgTerm {
  std::string system; // sdgo, siris, sdsn, aurora, elsevier, auckland, osdg-interim
  int goal = 0;
  std::string text;
};

// Every term in file order (deterministic). Query syntax (Scopus W/n, boolean
// operators, <phrase>, {phrase}, "phrase", truncation *) is reduced to the phrases;
// a phrase right after NOT is left out.
std::vector<SdgTerm> readSdgTerms(const std::string& dataDir);

} // namespace convoca::train_sdg
