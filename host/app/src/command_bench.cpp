// `convoca bench SUBCOMMAND`: tools for the performance suite (issue 8).
// `bench corpus --records N --seed S [--out FILE]` writes a seeded synthetic
// corpus of normalised records (bench_corpus.h) as JSON lines.
#include "bench_corpus.h"
#include "convoca/app/context.h"

#include <Poco/FileStream.h>
#include <chrono>
#include <map>
#include <ostream>

namespace convoca::app {
namespace {

constexpr size_t kDefaultCorpusSeed = 1;

int runBenchCorpus(Context& context) {
  if (context.args.size() > 1)
    throw UsageError("bench corpus takes no arguments besides its options, got '" + context.args[1] + "'");
  if (!context.options.records)
    throw UsageError("bench corpus needs --records N (how many records to write)");
  const uint64_t records = *context.options.records;
  const uint64_t seed = context.options.seed.value_or(kDefaultCorpusSeed);
  const auto started = std::chrono::steady_clock::now();
  uint64_t bytes = 0;
  if (context.options.outFile.empty()) {
    bytes = bench::writeCorpus(records, seed, *context.out);
  } else {
    Poco::FileOutputStream file(context.options.outFile);
    bytes = bench::writeCorpus(records, seed, file);
    file.close();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  *context.err << "bench corpus: " << records << " records, " << bytes << " bytes, seed " << seed << ", "
               << seconds << " s\n";
  return 0;
}

} // namespace

int runBench(Context& context) {
  // One line per subcommand; the benchmark harness adds its own here.
  static const std::map<std::string, int (*)(Context&)> kSubcommands = {{"corpus", runBenchCorpus}};
  std::string known;
  for (const auto& entry : kSubcommands) known += (known.empty() ? "" : ", ") + entry.first;
  if (context.args.empty()) throw UsageError("bench needs a subcommand: " + known);
  auto subcommand = kSubcommands.find(context.args.front());
  if (subcommand == kSubcommands.end())
    throw UsageError("unknown bench subcommand '" + context.args.front() + "'; known: " + known);
  return subcommand->second(context);
}

} // namespace convoca::app
