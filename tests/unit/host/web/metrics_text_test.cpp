// The exposition writer and the HTTP instruments, checked by the strict
// parser of metrics_parser.h.
#include "metrics_http.h"
#include "metrics_parser.h"
#include "metrics_text.h"

#include <gtest/gtest.h>
#include <stdexcept>
#include <thread>

namespace convoca::web::testing {
namespace {

using metrics::ExpositionWriter;
using metrics::HistogramData;
using metrics::MetricType;

TEST(MetricsText, WritesHelpTypeAndSamplesOfAFamily) {
  ExpositionWriter writer;
  writer.family("convoca_things_total", MetricType::Counter, "Things seen.");
  writer.sample({{"source", "eu-ft"}}, 3);
  writer.sample({{"source", "ted"}}, 0);
  EXPECT_EQ(writer.text(), "# HELP convoca_things_total Things seen.\n"
                           "# TYPE convoca_things_total counter\n"
                           "convoca_things_total{source=\"eu-ft\"} 3\n"
                           "convoca_things_total{source=\"ted\"} 0\n");
}

TEST(MetricsText, EscapesLabelValuesAndHelpText) {
  ExpositionWriter writer;
  writer.family("convoca_odd", MetricType::Gauge, "Back\\slash and\nnew line, \"quotes\" kept.");
  writer.sample({{"path", "C:\\dir \"x\"\nnext"}}, 1);
  EXPECT_NE(writer.text().find("# HELP convoca_odd Back\\\\slash and\\nnew line, \"quotes\" kept.\n"),
            std::string::npos);
  EXPECT_NE(writer.text().find("convoca_odd{path=\"C:\\\\dir \\\"x\\\"\\nnext\"} 1\n"), std::string::npos);
  const Exposition parsed = parseExposition(writer.text());
  EXPECT_EQ(parsed.families.at("convoca_odd").samples.at(0).labels.at("path"), "C:\\dir \"x\"\nnext");
}

TEST(MetricsText, FormatsValuesAsPrometheusReadsThem) {
  EXPECT_EQ(metrics::formatValue(0), "0");
  EXPECT_EQ(metrics::formatValue(1732700000), "1732700000");
  EXPECT_EQ(metrics::formatValue(0.25), "0.25");
  EXPECT_EQ(metrics::formatValue(0.1), "0.1");
  EXPECT_EQ(metrics::formatValue(INFINITY), "+Inf");
  EXPECT_EQ(metrics::formatValue(-INFINITY), "-Inf");
  EXPECT_EQ(metrics::formatValue(NAN), "NaN");
}

TEST(MetricsText, RefusesBadNamesCountersWithoutTotalAndRepeatedFamilies) {
  ExpositionWriter writer;
  EXPECT_THROW(writer.family("9lives", MetricType::Gauge, "x"), std::invalid_argument);
  EXPECT_THROW(writer.family("convoca-dash", MetricType::Gauge, "x"), std::invalid_argument);
  EXPECT_THROW(writer.family("convoca_runs", MetricType::Counter, "x"), std::invalid_argument);
  writer.family("convoca_ok", MetricType::Gauge, "x");
  EXPECT_THROW(writer.family("convoca_ok", MetricType::Gauge, "x"), std::invalid_argument);
  EXPECT_THROW(writer.sample({{"__reserved", "x"}}, 1), std::invalid_argument);
  EXPECT_THROW(writer.sample({{"bad-label", "x"}}, 1), std::invalid_argument);
  EXPECT_THROW(writer.sample({{"a", "1"}, {"a", "2"}}, 1), std::invalid_argument);
  EXPECT_THROW(ExpositionWriter().sample({}, 1), std::invalid_argument);
}

TEST(MetricsText, WritesCumulativeHistogramBucketsEndingInInf) {
  ExpositionWriter writer;
  writer.family("convoca_wait_seconds", MetricType::Histogram, "Waits.");
  HistogramData data;
  data.upperBounds = {0.1, 1};
  data.bucketCounts = {2, 3};
  data.overflow = 1;
  data.sum = 7.5;
  writer.histogram({{"route", "/"}}, data);
  EXPECT_EQ(writer.text(), "# HELP convoca_wait_seconds Waits.\n"
                           "# TYPE convoca_wait_seconds histogram\n"
                           "convoca_wait_seconds_bucket{route=\"/\",le=\"0.1\"} 2\n"
                           "convoca_wait_seconds_bucket{route=\"/\",le=\"1\"} 5\n"
                           "convoca_wait_seconds_bucket{route=\"/\",le=\"+Inf\"} 6\n"
                           "convoca_wait_seconds_sum{route=\"/\"} 7.5\n"
                           "convoca_wait_seconds_count{route=\"/\"} 6\n");
  EXPECT_NO_THROW(parseExposition(writer.text()));
  EXPECT_THROW(writer.histogram({{"le", "1"}}, data), std::invalid_argument);
}

TEST(MetricsText, CountsRequestsByRouteMethodAndStatusWithLatency) {
  metrics::HttpMetrics http;
  http.record("/api/search", "GET", 200, 0.003);
  http.record("/api/search", "GET", 200, 0.2);
  http.record("/api/search", "GET", 400, 20);
  http.record(metrics::kUnroutedLabel, "BREW", 404, 0.001);
  ExpositionWriter writer;
  http.writeTo(writer);
  const Exposition parsed = parseExposition(writer.text());
  using L = std::map<std::string, std::string>;
  EXPECT_EQ(parsed.value("convoca_http_requests_total",
                         L{{"route", "/api/search"}, {"method", "GET"}, {"code", "200"}}),
            2);
  EXPECT_EQ(parsed.value("convoca_http_requests_total",
                         L{{"route", "/api/search"}, {"method", "GET"}, {"code", "400"}}),
            1);
  EXPECT_EQ(parsed.value("convoca_http_requests_total",
                         L{{"route", "unrouted"}, {"method", "OTHER"}, {"code", "404"}}),
            1);
  EXPECT_EQ(parsed.value("convoca_http_request_duration_seconds_bucket",
                         L{{"route", "/api/search"}, {"le", "0.005"}}),
            1);
  EXPECT_EQ(parsed.value("convoca_http_request_duration_seconds_bucket",
                         L{{"route", "/api/search"}, {"le", "0.25"}}),
            2);
  EXPECT_EQ(
      parsed.value("convoca_http_request_duration_seconds_bucket", L{{"route", "/api/search"}, {"le", "10"}}),
      2);
  EXPECT_EQ(parsed.value("convoca_http_request_duration_seconds_count", L{{"route", "/api/search"}}), 3);
  EXPECT_NEAR(*parsed.value("convoca_http_request_duration_seconds_sum", L{{"route", "/api/search"}}), 20.203,
              1e-9);
}

TEST(MetricsText, CountsEveryRequestRecordedFromManyThreads) {
  metrics::HttpMetrics http;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&http] {
      for (int i = 0; i < 1000; ++i) http.record("/", "GET", 200, 0.001);
    });
  for (std::thread& thread : threads) thread.join();
  ExpositionWriter writer;
  http.writeTo(writer);
  EXPECT_EQ(
      parseExposition(writer.text()).value("convoca_http_request_duration_seconds_count", {{"route", "/"}}),
      4000);
}

// The parser is the judge of the endpoint's output, so it must itself refuse
// what Prometheus refuses.
TEST(MetricsParser, RefusesMalformedExpositions) {
  const std::vector<std::string> bad{
      "convoca_x 1",                                                    // no final line feed
      "convoca-x 1\n",                                                  // bad metric name
      "convoca_x{9a=\"1\"} 1\n",                                        // bad label name
      "convoca_x{a=\"\\t\"} 1\n",                                       // bad escape
      "convoca_x{a=\"1\"} one\n",                                       // bad value
      "# TYPE convoca_x gauge\n# TYPE convoca_x gauge\nconvoca_x 1\n",  // two TYPEs
      "convoca_x 1\n# TYPE convoca_x gauge\n",                          // TYPE after samples
      "convoca_x{a=\"1\"} 1\nconvoca_y 1\nconvoca_x{a=\"2\"} 1\n",      // family split apart
      "convoca_x 1\nconvoca_x 2\n",                                     // duplicate series
      "# TYPE convoca_x_total counter\nconvoca_x_total -1\n",           // negative counter
      "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_sum 1\nh_count 2\n", // no +Inf bucket
      "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", // not
                                                                                                 // cumulative
      "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n", // +Inf differs from count
  };
  for (const std::string& text : bad) EXPECT_THROW(parseExposition(text), std::runtime_error) << text;
  EXPECT_NO_THROW(parseExposition("# HELP h Hist.\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\n"
                                  "h_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n"));
}

} // namespace
} // namespace convoca::web::testing
