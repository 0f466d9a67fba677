// convoca_parse_bench: the parsing figures of issue 8. For each plugin, the
// MB/s of its parse() over its payload fixtures, beside the floor for the
// same bytes: a plain parse that builds nothing — libxml2's streaming reader
// (the loop `xmllint --stream` runs) for XML, libxml2's HTML parser for HTML,
// Poco's JSON parser for JSON. Both in this process, so neither pays for a
// process start. The plugin runs through the in-process host of the fuzz
// targets (tests/fuzz/fuzz_host.*) with emitted records only counted: the
// host's validation of a record is the host's cost, not the parser's.
//
// Payloads: the plugin's fixtures/<source>/payloads (hand-made, small: 2-13 KB)
// and, where a real payload exists, ../shared/fixtures-real (eu-ft: the SEDIA
// search pages and the grantsTenders excerpt; ted: the eForms SDK notices).
//
//   convoca_parse_bench [--benchmark_format=json] [--benchmark_min_time=0.5]
// tests/bench/run.sh runs it and report.py puts each plugin's ratio
// (plugin MB/s ÷ floor MB/s) in the table.
#include "fuzz_host.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/JSON/Parser.h>
#include <Poco/StreamCopier.h>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <cctype>
#include <cstdio>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>
#include <string>
#include <vector>

extern "C" const convoca_plugin* convoca_plugin_entry_bdns(void);
extern "C" const convoca_plugin* convoca_plugin_entry_declarative(void);
extern "C" const convoca_plugin* convoca_plugin_entry_eu_ft(void);
extern "C" const convoca_plugin* convoca_plugin_entry_feeds(void);
extern "C" const convoca_plugin* convoca_plugin_entry_oai_pmh(void);
extern "C" const convoca_plugin* convoca_plugin_entry_raisc(void);
extern "C" const convoca_plugin* convoca_plugin_entry_ted(void);
extern "C" const convoca_plugin* convoca_plugin_entry_undl(void);
extern "C" const convoca_plugin* convoca_plugin_entry_unpp(void);

namespace convoca::bench {
namespace {

struct Payload {
  std::string name; // the file name: some plugins pick their definition by it
  std::string bytes;
};

struct PluginPayloads {
  const char* source;
  convoca_plugin_entry_fn entry;
  std::vector<std::string> realFolders; // under ../shared/fixtures-real
  std::vector<Payload> payloads;
  size_t bytes = 0;
};

std::string fileText(const std::string& path) {
  Poco::FileInputStream in(path);
  std::string text;
  Poco::StreamCopier::copyToString(in, text);
  return text;
}

void addFolder(PluginPayloads& plugin, const std::string& folder) {
  if (!Poco::File(folder).exists()) return;
  std::vector<std::string> paths;
  for (Poco::DirectoryIterator it(folder), end; it != end; ++it)
    if (it->isFile()) paths.push_back(it->path());
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    Payload payload{Poco::Path(path).getFileName(), fileText(path)};
    plugin.bytes += payload.bytes.size();
    plugin.payloads.push_back(std::move(payload));
  }
}

std::vector<PluginPayloads>& plugins() {
  static std::vector<PluginPayloads> all = [] {
    std::vector<PluginPayloads> list{
        {"bdns", convoca_plugin_entry_bdns, {}, {}},
        {"declarative", convoca_plugin_entry_declarative, {}, {}},
        {"eu-ft", convoca_plugin_entry_eu_ft, {"eu-ft-sedia-search", "eu-ft-grantsTenders"}, {}},
        {"feeds", convoca_plugin_entry_feeds, {}, {}},
        {"oai-pmh", convoca_plugin_entry_oai_pmh, {}, {}},
        {"raisc", convoca_plugin_entry_raisc, {}, {}},
        {"ted", convoca_plugin_entry_ted, {"ted-eforms"}, {}},
        {"undl", convoca_plugin_entry_undl, {}, {}},
        {"unpp", convoca_plugin_entry_unpp, {}, {}},
    };
    for (auto& plugin : list) {
      addFolder(plugin, std::string(CONVOCA_SOURCE_DIR "/fixtures/") + plugin.source + "/payloads");
      for (const auto& real : plugin.realFolders)
        addFolder(plugin, CONVOCA_SOURCE_DIR "/../shared/fixtures-real/" + real);
    }
    return list;
  }();
  return all;
}

enum class Syntax { Json, Xml, Html };

Syntax syntaxOf(const Payload& payload) {
  const auto first = std::find_if(payload.bytes.begin(), payload.bytes.end(),
                                  [](unsigned char c) { return !std::isspace(c); });
  if (first != payload.bytes.end() && (*first == '{' || *first == '[')) return Syntax::Json;
  const std::string head = payload.bytes.substr(0, 200);
  return head.find("<!DOCTYPE html") != std::string::npos || head.find("<html") != std::string::npos
             ? Syntax::Html
             : Syntax::Xml;
}

// Reads every node, as `xmllint --stream` does; returns the node count.
size_t streamXml(const std::string& bytes) {
  xmlTextReaderPtr reader = xmlReaderForMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr,
                                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  size_t nodes = 0;
  while (xmlTextReaderRead(reader) == 1) ++nodes;
  xmlFreeTextReader(reader);
  return nodes;
}

size_t parseHtml(const std::string& bytes) {
  htmlDocPtr document = htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, "UTF-8",
                                       HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  const size_t parsed = document != nullptr;
  xmlFreeDoc(document);
  return parsed;
}

size_t parseJson(const std::string& bytes) {
  Poco::JSON::Parser parser;
  return parser.parse(bytes).isEmpty() ? 0 : 1;
}

void pluginParse(benchmark::State& state, size_t index) {
  const PluginPayloads& plugin = plugins()[index];
  uint64_t records = 0;
  for (auto _ : state) {
    for (const auto& payload : plugin.payloads) {
      uint64_t emitted = 0;
      const int status = fuzz::parseWithPlugin(plugin.entry, payload.name, payload.bytes, {},
                                               fuzz::Emitted::Counted, &emitted);
      if (status != CONVOCA_OK) {
        state.SkipWithError((payload.name + " did not parse").c_str());
        return;
      }
      records += emitted;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * plugin.bytes));
  state.counters["records"] =
      benchmark::Counter(static_cast<double>(records), benchmark::Counter::kAvgIterations);
  state.counters["payload_bytes"] = static_cast<double>(plugin.bytes);
}

void floorParse(benchmark::State& state, size_t index) {
  const PluginPayloads& plugin = plugins()[index];
  for (auto _ : state) {
    for (const auto& payload : plugin.payloads) {
      switch (syntaxOf(payload)) {
      case Syntax::Json:
        benchmark::DoNotOptimize(parseJson(payload.bytes));
        break;
      case Syntax::Xml:
        benchmark::DoNotOptimize(streamXml(payload.bytes));
        break;
      case Syntax::Html:
        benchmark::DoNotOptimize(parseHtml(payload.bytes));
        break;
      }
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * plugin.bytes));
  state.counters["payload_bytes"] = static_cast<double>(plugin.bytes);
}

} // namespace
} // namespace convoca::bench

int main(int argc, char** argv) {
  using namespace convoca::bench;
  if (!Poco::File(CONVOCA_SOURCE_DIR "/../shared/fixtures-real").exists())
    std::fprintf(stderr, "convoca_parse_bench: ../shared/fixtures-real is absent: eu-ft and ted are timed on "
                         "the hand-made fixtures only\n");
  for (size_t i = 0; i < plugins().size(); ++i) {
    const std::string source = plugins()[i].source;
    benchmark::RegisterBenchmark(("parse/" + source).c_str(), pluginParse, i)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("floor/" + source).c_str(), floorParse, i)->Unit(benchmark::kMicrosecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
