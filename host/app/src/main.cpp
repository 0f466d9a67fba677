#include "cli.h"
#include "convoca/plugin_host/address_sanitizer.h"
#include "convoca/plugin_host/worker.h"

#include <Poco/Exception.h>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <execinfo.h>
#include <iostream>
#if defined(CONVOCA_ADDRESS_SANITIZER) || defined(CONVOCA_THREAD_SANITIZER)
#include <sanitizer/common_interface_defs.h>
#endif

#if defined(CONVOCA_ADDRESS_SANITIZER)
// In the sanitizer builds (the CI preset), convoca started by hand, by a test or
// by the package's maintainer scripts runs with the same options as under ctest:
// LeakSanitizer off (Poco's and Xapian's process-lifetime singletons are not yet
// sorted from real leaks), every other ASan check on. ASAN_OPTIONS overrides.
extern "C" const char* __asan_default_options() {
  return "detect_leaks=0";
}
#endif

namespace {

// std::terminate (an exception leaving a thread or a destructor) says which
// exception, as GCC's handler does, and first where it was: the unwinder calls
// terminate before it unwinds anything, so the stack still holds the throw.
// The sanitizer builds print it symbolised; others print addresses for
// addr2line. One CI run of the demo ended in SIGABRT with nothing to go on.
[[noreturn]] void terminateWithStack() {
  std::cerr << "convoca: fatal: std::terminate called; stack:" << std::endl;
#if defined(CONVOCA_ADDRESS_SANITIZER) || defined(CONVOCA_THREAD_SANITIZER)
  __sanitizer_print_stack_trace();
#else
  void* frames[64];
  backtrace_symbols_fd(frames, backtrace(frames, 64), 2);
#endif
  __gnu_cxx::__verbose_terminate_handler(); // prints the exception, then aborts
  std::abort();
}

} // namespace

int main(int argc, char** argv) {
  std::set_terminate(terminateWithStack);
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
