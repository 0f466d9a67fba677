#include "harvest.h"

#include "row_fields.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>
#include <map>
#include <regex>

namespace raisc {
namespace {

using convoca::sdk::Error;
using convoca::sdk::Host;
using convoca::sdk::HttpResponse;

constexpr int kMaxPageSize = 50000; // SODA 2.1's ceiling for $limit
constexpr const char* kDayFormat = "%Y-%m-%d";

int intOption(const Host& host, const char* name, int fallback, int min, int max) {
  const auto text = host.option(name);
  if (!text) return fallback;
  int value = 0;
  if (!Poco::NumberParser::tryParse(Poco::trim(*text), value) || value < min || value > max)
    throw Error(CONVOCA_CONFIG, std::string("option ") + name + " must be a whole number from " +
                                    std::to_string(min) + " to " + std::to_string(max) + ", not \"" + *text +
                                    "\"");
  return value;
}

std::optional<Poco::DateTime> parseDay(const std::string& text) {
  Poco::DateTime day;
  int zone = 0;
  // Poco's parser skips what it does not expect, so the shape is checked first.
  static const std::regex shape(R"(^\d{4}-\d{2}-\d{2}$)");
  if (!std::regex_match(text, shape) || !Poco::DateTimeParser::tryParse(kDayFormat, text, day, zone))
    return std::nullopt;
  return day;
}

std::vector<Dataset> datasetsOption(const Host& host) {
  const auto text = host.option("datasets");
  if (!text) return {Dataset::Raisc, Dataset::Cido};
  std::vector<Dataset> datasets;
  for (const auto& item : splitList(*text, ',')) {
    const std::string name = Poco::toLower(item);
    if (name == "raisc")
      datasets.push_back(Dataset::Raisc);
    else if (name == "cido")
      datasets.push_back(Dataset::Cido);
    else
      throw Error(CONVOCA_CONFIG, "option datasets lists \"" + item + "\"; the datasets are raisc and cido");
  }
  if (datasets.empty()) throw Error(CONVOCA_CONFIG, "option datasets is empty; list raisc, cido or both");
  return datasets;
}

std::string encoded(const std::string& value) {
  std::string out;
  Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]", out);
  return out;
}

void requireSuccess(const HttpResponse& response, const std::string& what) {
  if (response.status == 200 || (response.fromCache && response.status == 304)) return;
  const bool transient = response.status == 429 || response.status >= 500;
  throw Error(transient ? CONVOCA_RETRY : CONVOCA_NETWORK,
              what + " answered HTTP " + std::to_string(response.status));
}

// One record per id, the last copy winning (a row can move across a page
// boundary when the dataset changes during the run), in order of first sight.
class RecordSet {
public:
  void add(CallRecord record) {
    const auto [found, inserted] = positionOf_.emplace(record.id, records_.size());
    if (inserted)
      records_.push_back(std::move(record));
    else
      records_[found->second] = std::move(record);
  }
  const std::vector<CallRecord>& records() const { return records_; }

private:
  std::vector<CallRecord> records_;
  std::map<std::string, size_t> positionOf_;
};

void harvestDataset(const Host& host, const HarvestOptions& options, Dataset dataset) {
  const std::string key = cursorKeyOf(dataset);
  const std::string since = windowStart(options, host.cursor(key.c_str()));
  const RowReader reader(host);
  RecordSet records;
  std::string latestDay = host.cursor(key.c_str()).value_or("");
  size_t rows = 0;
  for (int page = 0; page < options.maxPages; ++page) {
    host.throwIfCancelled();
    const std::string url = pageUrl(options, dataset, since, page * options.pageSize);
    const HttpResponse response = host.get(url);
    requireSuccess(response, "GET " + url);
    ParsedRows parsed = reader.read(url, response.body, dataset);
    rows += parsed.rows;
    host.progress(rows, 0);
    for (auto& record : parsed.records) records.add(std::move(record));
    latestDay = std::max(latestDay, parsed.latestDay);
    if (parsed.rows < static_cast<size_t>(options.pageSize)) break;
    if (page + 1 == options.maxPages)
      host.warn(std::string(resourceIdOf(dataset)) + ": stopped after max_pages=" +
                std::to_string(options.maxPages) + " pages; the rest of the window waits for the next run");
  }
  size_t rejected = 0;
  for (const auto& record : records.records())
    if (!host.emit(toJson(record))) ++rejected;
  host.info(std::string(resourceIdOf(dataset)) + " since " + since + ": " + std::to_string(rows) + " rows, " +
            std::to_string(records.records().size()) + " records, " + std::to_string(rejected) +
            " rejected by the host");
  if (!latestDay.empty()) host.setCursor(key.c_str(), latestDay);
}

} // namespace

HarvestOptions harvestOptionsFrom(const Host& host) {
  HarvestOptions options;
  options.datasets = datasetsOption(host);
  options.baseUrl = Poco::trim(host.option("base_url", kDefaultBaseUrl));
  while (!options.baseUrl.empty() && options.baseUrl.back() == '/') options.baseUrl.pop_back();
  if (options.baseUrl.rfind("http://", 0) != 0 && options.baseUrl.rfind("https://", 0) != 0)
    throw Error(CONVOCA_CONFIG, "option base_url must be an http(s) URL, not \"" + options.baseUrl + "\"");
  options.pageSize = intOption(host, "page_size", options.pageSize, 1, kMaxPageSize);
  options.maxPages = intOption(host, "max_pages", options.maxPages, 1, 100000);
  options.initialDays = intOption(host, "initial_days", options.initialDays, 1, 36500);
  options.overlapDays = intOption(host, "overlap_days", options.overlapDays, 0, 3650);
  if (const auto since = host.option("since"); since && !Poco::trim(*since).empty()) {
    const std::string day = Poco::trim(*since);
    if (!parseDay(day))
      throw Error(CONVOCA_CONFIG, "option since must be a date YYYY-MM-DD, not \"" + day + "\"");
    options.since = day;
  }
  return options;
}

const char* resourceIdOf(Dataset dataset) {
  return dataset == Dataset::Raisc ? "khxn-nv6a" : "3gku-b36y";
}

const char* dateColumnOf(Dataset dataset) {
  return dataset == Dataset::Raisc ? "data_diari_oficial" : "data_pub";
}

std::string cursorKeyOf(Dataset dataset) {
  return std::string(dataset == Dataset::Raisc ? "raisc" : "cido") + ".latest_day";
}

std::string pageUrl(const HarvestOptions& options, Dataset dataset, const std::string& sinceDay, int offset) {
  const std::string column = dateColumnOf(dataset);
  // :id (Socrata's row id) breaks ties between rows of one day, so pages never overlap or skip.
  return options.baseUrl + "/" + resourceIdOf(dataset) +
         ".json?$where=" + encoded(column + " >= '" + sinceDay + "T00:00:00'") +
         "&$order=" + encoded(column + ",:id") + "&$limit=" + std::to_string(options.pageSize) +
         "&$offset=" + std::to_string(offset);
}

std::string windowStart(const HarvestOptions& options, const std::optional<std::string>& cursor) {
  if (options.since) return *options.since;
  if (cursor) {
    if (const auto day = parseDay(*cursor))
      return Poco::DateTimeFormatter::format(*day - Poco::Timespan(options.overlapDays, 0, 0, 0, 0),
                                             kDayFormat);
  }
  const Poco::DateTime today; // UTC; a day's difference does not matter for a look-back window
  return Poco::DateTimeFormatter::format(today - Poco::Timespan(options.initialDays, 0, 0, 0, 0), kDayFormat);
}

void harvestDatasets(const Host& host, const HarvestOptions& options) {
  for (const Dataset dataset : options.datasets) harvestDataset(host, options, dataset);
}

} // namespace raisc
