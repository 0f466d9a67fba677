// Template source plugin: copy this folder to start a new source.
//
// It harvests a JSON list of calls from one URL (option "url"):
//   [{"ref": "X-1", "title": "...", "deadline": "2027-03-01T17:00:00", "link": "https://..."}]
// and reads the same payload from a file with `convoca parse --source template FILE`.
// Deadlines without an offset are read as Brussels local time through the host.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <convoca/plugin.hpp>
#include <sstream>

namespace {

const char* const kOptions = R"([
  {"name": "url", "type": "string", "default": "", "help": "address of the JSON list of calls"}
])";

class TemplatePlugin : public convoca::sdk::Plugin {
public:
  using Plugin::Plugin;

  void harvest() override {
    const auto url = host().option("url");
    if (!url || url->empty()) throw convoca::sdk::Error(CONVOCA_CONFIG, "option 'url' is not set");
    convoca::sdk::HttpResponse response = host().get(*url);
    if (response.status != 200)
      throw convoca::sdk::Error(response.status >= 500 ? CONVOCA_RETRY : CONVOCA_SOURCE_FORMAT,
                                "GET " + *url + " answered " + std::to_string(response.status));
    parse("harvest", response.body);
  }

  void parse(const std::string& name, const std::string& data) override {
    Poco::JSON::Array::Ptr calls;
    try {
      calls = Poco::JSON::Parser().parse(data).extract<Poco::JSON::Array::Ptr>();
    } catch (const Poco::Exception& e) {
      throw convoca::sdk::Error(CONVOCA_SOURCE_FORMAT,
                                name + ": expected a JSON array of calls: " + e.displayText());
    }
    for (size_t i = 0; i < calls->size(); ++i) {
      host().throwIfCancelled();
      Poco::JSON::Object::Ptr call = calls->getObject(i);
      if (!call) continue;
      host().emit(toRecord(*call));
      host().progress(i + 1, calls->size());
    }
  }

private:
  std::string toRecord(const Poco::JSON::Object& call) const {
    // JSON_ESCAPE_UNICODE on the record and every array or object in it: Poco
    // 1.11 otherwise writes a string one character at a time (the bundled
    // plugins parse 3-18 % faster with it; BENCHMARKS.md).
    Poco::JSON::Object record(Poco::JSON_ESCAPE_UNICODE);
    record.set("id", "template:" + call.optValue<std::string>("ref", ""));
    record.set("source", "template");
    record.set("kind", "call");
    record.set("title", call.optValue<std::string>("title", ""));
    if (call.has("link")) record.set("url", call.getValue<std::string>("link"));
    if (auto deadline =
            host().localToRfc3339("Europe/Brussels", call.optValue<std::string>("deadline", ""))) {
      Poco::JSON::Array::Ptr deadlines = new Poco::JSON::Array(Poco::JSON_ESCAPE_UNICODE);
      deadlines->add(*deadline);
      record.set("deadlines", deadlines);
    }
    std::ostringstream out;
    record.stringify(out);
    return out.str(); // the host validates it and says why when it refuses it
  }
};

} // namespace

CONVOCA_PLUGIN_DEFINE(template_source, TemplatePlugin, "template", "0.1.0",
                      "Template: a JSON list of calls from one URL", kOptions,
                      CONVOCA_CAP_HARVEST | CONVOCA_CAP_PARSE)
