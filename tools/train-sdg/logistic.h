// Multinomial logistic regression on tf-idf features, fitted with L-BFGS, and its
// conversion to the shipped model format (index::SdgModel).
#pragma once

#include "convoca/index/sdg_model.h"
#include "corpus.h"

#include <map>
#include <string>
#include <vector>

namespace convoca::train_sdg {

struct TrainOptions {
  double l2 = 1e-4;         // on the weights, not the intercepts
  int iterations = 300;     // L-BFGS iterations at most
  int minDf = 2;            // features in fewer training documents are left out
  double pruneBelow = 0.02; // centred weights smaller than this are not stored
  bool balanceGoals = true; // every goal gets the same total training weight
  // A multinomial naive Bayes model on the same rows, added to the regression's
  // weights with this factor (0: regression only), smoothed with nbAlpha.
  double nbWeight = 0;
  // One-vs-rest: a sigmoid per goal, every labelled goal a positive, instead of
  // one softmax over the goals with the labels sharing the target.
  bool oneVsRest = false;
  double nbAlpha = 0.1;
  // The query-hit features "q:<goal>" (sdg_queries.h) have their idf multiplied
  // by this: how loud a hit is next to the words of a text (the stored idf
  // carries the factor, so the tagger needs no extra setting).
  double queryScale = 1;
  // Weight of each source's documents: exact source name, else its part before ':'.
  std::map<std::string, double> sourceWeights;
};

double sourceWeight(const TrainOptions& options, const std::string& source);

// Fits the model on `docs`; deterministic (no randomness in the fit).
index::SdgModel trainSdgModel(const std::vector<const TrainingDoc*>& docs, const TrainOptions& options);

} // namespace convoca::train_sdg
