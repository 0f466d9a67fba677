// `convoca eval sdg FILE` and `convoca eval match [DIR]`: quality on labelled data.
#include "convoca/app/context.h"

namespace convoca::app {

int runEval(Context& context) {
  if (context.args.empty()) throw UsageError("eval needs what to evaluate: sdg FILE.csv or match [DIR]");
  const std::string what = context.args.front();
  context.args.erase(context.args.begin());
  if (what == "sdg") return runEvalSdg(context);
  if (what == "match") return runEvalMatch(context);
  throw UsageError("unknown evaluation '" + what + "': sdg or match");
}

} // namespace convoca::app
