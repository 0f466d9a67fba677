// harvest(): the Socrata window, paging by $offset until a short page, cursors,
// errors and cancellation, against a fake host that serves pages by URL.
#include "fake_host.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>
#include <sstream>

namespace raisc_test {
namespace {

const std::string kResource = "https://analisi.transparenciacatalunya.cat/resource/";

std::string raiscUrl(const std::string& since, int limit, int offset) {
  return kResource + "khxn-nv6a.json?$where=data_diari_oficial%20%3E%3D%20%27" + since +
         "T00%3A00%3A00%27&$order=data_diari_oficial%2C%3Aid&$limit=" + std::to_string(limit) +
         "&$offset=" + std::to_string(offset);
}

std::string cidoUrl(const std::string& since, int limit, int offset) {
  return kResource + "3gku-b36y.json?$where=data_pub%20%3E%3D%20%27" + since +
         "T00%3A00%3A00%27&$order=data_pub%2C%3Aid&$limit=" + std::to_string(limit) +
         "&$offset=" + std::to_string(offset);
}

// A RAISC page of rows with these codes, published on `day`.
std::string raiscPage(const std::vector<std::string>& codes, const std::string& day = "2026-10-01") {
  Poco::JSON::Array rows;
  for (const auto& code : codes) {
    Poco::JSON::Object row;
    row.set("codi_raisc", code);
    row.set("t_tol_convocat_ria_catal", "Convocatòria " + code);
    row.set("data_diari_oficial", day + "T00:00:00.000");
    row.set("data_fi_termini_presentaci_sol_licitud", "2027-02-15T00:00:00.000");
    rows.add(row);
  }
  std::ostringstream out;
  rows.stringify(out);
  return out.str();
}

TEST(RaiscHarvest, PagesByOffsetUntilAShortPage) {
  FakeHost host;
  host.setOption("datasets", "raisc");
  host.setOption("since", "2026-09-01");
  host.setOption("page_size", "2");
  host.serve(raiscUrl("2026-09-01", 2, 0), {200, raiscPage({"1", "2"})});
  host.serve(raiscUrl("2026-09-01", 2, 2), {200, raiscPage({"3", "4"}, "2026-11-20")});
  host.serve(raiscUrl("2026-09-01", 2, 4), {200, raiscPage({"5"})});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 3u);
  EXPECT_EQ(host.requests()[2].url, raiscUrl("2026-09-01", 2, 4));
  ASSERT_EQ(host.records().size(), 5u);
  EXPECT_EQ(host.records()[4].id, "raisc:5");
  EXPECT_EQ(host.cursors().at("raisc.latest_day"), "2026-11-20");
  EXPECT_EQ(host.progress().back().first, 5u);
  EXPECT_EQ(host.unreleasedResponses(), 0u);
}

TEST(RaiscHarvest, AnEmptyLastPageEndsAnExactMultiple) {
  FakeHost host;
  host.setOption("datasets", "raisc");
  host.setOption("since", "2026-09-01");
  host.setOption("page_size", "2");
  host.serve(raiscUrl("2026-09-01", 2, 0), {200, raiscPage({"1", "2"})});
  host.serve(raiscUrl("2026-09-01", 2, 2), {200, "[]"});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.requests().size(), 2u);
  EXPECT_EQ(host.records().size(), 2u);
}

TEST(RaiscHarvest, HarvestsBothDatasetsByDefault) {
  FakeHost host;
  host.setOption("since", "2026-09-01");
  host.serve(raiscUrl("2026-09-01", 1000, 0), {200, raiscPage({"108734"})});
  host.serve(
      cidoUrl("2026-09-01", 1000, 0),
      {200,
       R"([{"estat":"Termini obert","data_pub":"2026-11-05T00:00:00.000","nom_ens":"AMB",)"
       R"("resum":"Subvencions de cooperació","enlla":{"url":"https://cido.diba.cat/subvencions/15873421/x"}}])"});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.records().size(), 2u);
  EXPECT_EQ(host.records()[0].id, "raisc:108734");
  EXPECT_EQ(host.records()[1].id, "raisc:cido-15873421");
  EXPECT_EQ(host.cursors().at("cido.latest_day"), "2026-11-05");
}

TEST(RaiscHarvest, ContinuesFromTheCursorMinusTheOverlap) {
  FakeHost host;
  host.setOption("datasets", "raisc");
  host.cursorPut("raisc.latest_day", "2026-11-20");
  host.serve(raiscUrl("2026-11-13", 1000, 0), {200, raiscPage({"9"}, "2026-11-26")});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 1u);
  EXPECT_EQ(host.requests()[0].url, raiscUrl("2026-11-13", 1000, 0));
  EXPECT_EQ(host.cursors().at("raisc.latest_day"), "2026-11-26");
}

TEST(RaiscHarvest, StopsWhenCancelledBetweenPages) {
  FakeHost host;
  host.setOption("datasets", "raisc");
  host.setOption("since", "2026-09-01");
  host.setOption("page_size", "2");
  host.serve(raiscUrl("2026-09-01", 2, 0), {200, raiscPage({"1", "2"})});
  host.serve(raiscUrl("2026-09-01", 2, 2), {200, raiscPage({"3"})});
  host.cancelAfterRequests(1);
  EXPECT_EQ(host.harvest(), CONVOCA_CANCELLED);
  EXPECT_EQ(host.requests().size(), 1u);
  EXPECT_TRUE(host.records().empty());
}

TEST(RaiscHarvest, ABrokenPageFailsTheDatasetWithoutEmittingItsRows) {
  FakeHost host;
  host.setOption("datasets", "raisc");
  host.setOption("since", "2026-09-01");
  host.setOption("page_size", "2");
  host.serve(raiscUrl("2026-09-01", 2, 0), {200, raiscPage({"1", "2"})});
  host.serve(raiscUrl("2026-09-01", 2, 2), {200, R"([{"codi_raisc":"3")"});
  EXPECT_EQ(host.harvest(), CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(host.errorMessage().find("$offset=2"), std::string::npos) << host.errorMessage();
  EXPECT_TRUE(host.records().empty());
}

TEST(RaiscHarvest, ReportsServerErrorsAsRetryAndOthersAsNetwork) {
  FakeHost busy;
  busy.setOption("datasets", "raisc");
  busy.setOption("since", "2026-09-01");
  busy.serve(raiscUrl("2026-09-01", 1000, 0), {503, "busy"});
  EXPECT_EQ(busy.harvest(), CONVOCA_RETRY);
  EXPECT_NE(busy.errorMessage().find("503"), std::string::npos);
  FakeHost missing; // every URL answers 404
  missing.setOption("since", "2026-09-01");
  EXPECT_EQ(missing.harvest(), CONVOCA_NETWORK);
}

TEST(RaiscHarvest, RejectsInvalidOptionsAsConfigBeforeAnyRequest) {
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"since", "01/09/2026"}, {"datasets", "boe"}, {"page_size", "0"}, {"base_url", "ftp://x"}}) {
    FakeHost host;
    host.setOption(name, value);
    EXPECT_EQ(host.harvest(), CONVOCA_CONFIG) << name << "=" << value;
    EXPECT_NE(host.errorMessage().find(name), std::string::npos) << host.errorMessage();
    EXPECT_TRUE(host.requests().empty());
  }
}

} // namespace
} // namespace raisc_test
