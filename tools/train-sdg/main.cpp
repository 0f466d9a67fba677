// convoca-train-sdg: builds indexes/data/sdg-model.tsv from ../shared/vocab-real.
// See indexes/EVALUATION-SDG.md for the method and the exact command. It never
// reads the benchmark: hyper-parameters and the decision rule come from
// cross-validation on the oro gold set.
#include "convoca/index/sdg_model.h"
#include "cross_validation.h"

#include <Poco/FileStream.h>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

using convoca::train_sdg::TrainOptions;

struct Arguments {
  std::string dataDir = "../shared/vocab-real";
  std::string output;
  int folds = 5;
  double minimumFloor = 0;
  std::vector<std::string> selectOn{"oro", "aurora-survey"};
  bool singleLabelPositives = false;
  uint32_t seed = 20240712;
  convoca::train_sdg::CorpusOptions corpus;
  TrainOptions train;
  std::string commandLine;
};

const char* kUsage =
    "usage: convoca-train-sdg [--data DIR] [--out MODEL.tsv] [--folds K] [--seed N] [--min-floor P]\n"
    "                         [--select-on SET,SET...] [--single-label-positives]\n"
    "                         [--l2 X] [--iterations N] [--min-df N] [--prune X] [--no-balance]\n"
    "                         [--nb-weight X] [--nb-alpha X] [--one-vs-rest]\n"
    "                         [--terms-per-doc N] [--shuffle-terms] [--no-paired-texts]\n"
    "                         [--query-features none|labelled|all] [--query-scale X]\n"
    "                         [--weight SOURCE=X]...\n"
    "  Cross-validates on the oro gold set (K folds, 0 = none), picks the decision rule there,\n"
    "  then trains on everything and writes the model (when --out is given). The rule's floor\n"
    "  (no goal below probability P) is at least --min-floor. SET: oro, aurora-survey, sdg-texts:en\n"
    "  (held-out pairs the rule is chosen on; default oro,aurora-survey).\n"
    "  SOURCE: oro, aurora-survey, sdg-texts, sdg-texts:ca, terms, terms:sdgo, ... (default weight 1)\n";

std::vector<std::string> splitList(const std::string& list) {
  std::vector<std::string> items;
  std::stringstream stream(list);
  for (std::string item; std::getline(stream, item, ',');) items.push_back(item);
  return items;
}

Arguments parseArguments(int argc, char** argv) {
  Arguments args;
  args.commandLine = "convoca-train-sdg";
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    args.commandLine += " " + flag;
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(flag + " needs a value");
      args.commandLine += std::string(" ") + argv[i + 1];
      return argv[++i];
    };
    if (flag == "--data")
      args.dataDir = value();
    else if (flag == "--out")
      args.output = value();
    else if (flag == "--folds")
      args.folds = std::stoi(value());
    else if (flag == "--select-on")
      args.selectOn = splitList(value());
    else if (flag == "--min-floor")
      args.minimumFloor = std::stod(value());
    else if (flag == "--seed")
      args.seed = args.corpus.seed = static_cast<uint32_t>(std::stoul(value()));
    else if (flag == "--l2")
      args.train.l2 = std::stod(value());
    else if (flag == "--iterations")
      args.train.iterations = std::stoi(value());
    else if (flag == "--min-df")
      args.train.minDf = std::stoi(value());
    else if (flag == "--nb-weight")
      args.train.nbWeight = std::stod(value());
    else if (flag == "--nb-alpha")
      args.train.nbAlpha = std::stod(value());
    else if (flag == "--prune")
      args.train.pruneBelow = std::stod(value());
    else if (flag == "--no-balance")
      args.train.balanceGoals = false;
    else if (flag == "--one-vs-rest")
      args.train.oneVsRest = true;
    else if (flag == "--terms-per-doc")
      args.corpus.termsPerDoc = std::stoul(value());
    else if (flag == "--no-paired-texts")
      args.corpus.pairSdgTexts = false;
    else if (flag == "--single-label-positives")
      args.singleLabelPositives = true;
    else if (flag == "--query-scale")
      args.train.queryScale = std::stod(value());
    else if (flag == "--query-features") {
      const std::string which = value();
      if (which == "none")
        args.corpus.queryFeatures = convoca::train_sdg::QueryFeatures::None;
      else if (which == "labelled")
        args.corpus.queryFeatures = convoca::train_sdg::QueryFeatures::LabelledTexts;
      else if (which == "all")
        args.corpus.queryFeatures = convoca::train_sdg::QueryFeatures::All;
      else
        throw std::invalid_argument("--query-features wants none, labelled or all");
    } else if (flag == "--shuffle-terms")
      args.corpus.shuffleTerms = true;
    else if (flag == "--weight") {
      const std::string pair = value();
      const size_t equals = pair.find('=');
      if (equals == std::string::npos) throw std::invalid_argument("--weight wants SOURCE=X");
      args.train.sourceWeights[pair.substr(0, equals)] = std::stod(pair.substr(equals + 1));
    } else
      throw std::invalid_argument("unknown option " + flag);
  }
  return args;
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : "+") + item;
  return text;
}

void printResult(const char* title, const convoca::index::SdgBenchmarkResult& result) {
  std::cout << title << " (" << result.rows << " pairs)\n"
            << convoca::index::formatAccuraciesCsv(result.accuracies);
}

void printRule(const convoca::index::SdgDecisionRule& rule) {
  std::printf("rule: floor %.2f, min_probability %.2f, relative_to_best %.2f, max_rank %d\n", rule.floor,
              rule.minProbability, rule.relativeToBest, rule.maxRank);
}

} // namespace

int main(int argc, char** argv) {
  using namespace convoca::train_sdg;
  try {
    const Arguments args = parseArguments(argc, argv);
    const Corpus corpus = loadCorpus(args.dataDir, args.corpus);
    std::cerr << "corpus: " << corpus.docs.size() << " documents, " << corpus.heldOutCount
              << " held-out papers, " << corpus.patterns.size() << " term patterns\n";
    convoca::index::SdgDecisionRule rule;
    convoca::index::SdgDecisionRule tagRule;
    std::string cvSummary;
    if (args.folds > 1) {
      const CrossValidation cv = crossValidate(corpus, args.train, args.folds, args.seed);
      for (const auto& [source, accuracy] : cv.topOneAccuracy)
        std::printf("cv: top-1 accuracy on held-out %s documents %.1f %%\n", source.c_str(), accuracy);
      const Positives positives =
          args.singleLabelPositives ? Positives::SingleLabelOnly : Positives::EveryLabel;
      std::vector<std::vector<convoca::index::SdgBenchmarkRow>> selection;
      for (const std::string& set : args.selectOn) selection.push_back(buildPairs(corpus, set, positives));
      const RuleChoice choice = chooseRule(selection, cv.probabilities, args.minimumFloor);
      printRule(choice.rule);
      std::printf("cv: score (mean over %s of the mean per-goal accuracy) %.1f\n",
                  joined(args.selectOn).c_str(), choice.score);
      for (const char* set : {"oro", "aurora-survey", "sdg-texts:en"}) {
        const auto setPairs = buildPairs(corpus, set, positives);
        printResult((std::string("cv: chosen rule, ") + set + " pairs").c_str(),
                    evaluateRule(setPairs, cv.probabilities, choice.rule));
        printResult((std::string("cv: rank 1 only, ") + set + " pairs").c_str(),
                    evaluateRule(setPairs, cv.probabilities, {0, 1.01, 1.0, 1}));
        const RuleChoice own = chooseRule({setPairs}, cv.probabilities, args.minimumFloor);
        std::printf("cv: %s alone would choose (average %.1f) ", set, own.score);
        printRule(own.rule);
      }
      rule = choice.rule;
      // Tagging lists every goal a text is about: its rule is chosen on the
      // multi-label gold set with every label a positive.
      tagRule =
          chooseRule({buildPairs(corpus, "oro", Positives::EveryLabel)}, cv.probabilities, args.minimumFloor)
              .rule;
      std::printf("tag ");
      printRule(tagRule);
      char buffer[200];
      std::snprintf(buffer, sizeof buffer, "; %d-fold cv, rule chosen on %s pairs: average %.1f", args.folds,
                    joined(args.selectOn).c_str(), choice.score);
      cvSummary = buffer;
    }
    if (args.output.empty()) return 0;
    std::vector<const TrainingDoc*> all;
    for (const TrainingDoc& doc : corpus.docs) all.push_back(&doc);
    convoca::index::SdgModel model = trainSdgModel(all, args.train);
    model.rule = rule;
    model.tagRule = tagRule;
    model.queries = corpus.queries;
    model.description = args.commandLine + cvSummary;
    Poco::FileOutputStream out(args.output);
    out << convoca::index::formatSdgModel(model);
    std::cerr << "wrote " << args.output << ": " << model.featureCount() << " features\n";
    return 0;
  } catch (const std::invalid_argument& error) {
    std::cerr << "convoca-train-sdg: " << error.what() << "\n" << kUsage;
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "convoca-train-sdg: " << error.what() << "\n";
    return 1;
  }
}
