#include "cli.h"
#include "convoca/plugin_host/worker.h"

#include <Poco/Exception.h>
#include <csignal>
#include <cstring>
#include <iostream>

int main(int argc, char** argv) {
  // The hidden worker subcommand skips the application framework entirely.
  if (argc >= 2 && std::strcmp(argv[1], "__worker") == 0) return convoca::plugin_host::workerMain();
  std::signal(SIGPIPE, SIG_IGN); // a closed pipe is an error to handle, not a reason to die
  convoca::app::ConvocaApplication app;
  try {
    app.init(argc, argv);
  } catch (const convoca::app::UsageError& e) {
    std::cerr << "convoca: " << e.what() << "\n";
    return 2;
  } catch (const Poco::Exception& e) {
    std::cerr << "convoca: " << e.displayText() << "\nTry 'convoca --help'.\n";
    return 2;
  }
  return app.run();
}
