// The command line: options (accepted before or after the subcommand), paths,
// configuration, logging, and dispatch to the subcommands of context.h.
#pragma once

#include "convoca/app/context.h"

#include <Poco/Util/Application.h>

namespace convoca::app {

class ConvocaApplication : public Poco::Util::Application {
protected:
  void defineOptions(Poco::Util::OptionSet& options) override;
  void handleOption(const std::string& name, const std::string& value) override;
  void initialize(Poco::Util::Application& self) override;
  int main(const std::vector<std::string>& args) override;

private:
  void printHelp();
  Context makeContext(const std::vector<std::string>& args);

  bool helpRequested_ = false;
  bool versionRequested_ = false;
  std::string dataDir_;
  std::string configFile_;
  std::string configError_;
  std::vector<std::string> pluginDirs_;
  Options options_;
};

} // namespace convoca::app
