// harvest(): 0-based search pages, then one detail per call, through a fake host.
#include "fake_host.h"

#include <chrono>
#include <convoca/index/timeutil.h>
#include <gtest/gtest.h>
#include <regex>

namespace bdns_test {
namespace {

const std::string kApi = "https://www.infosubvenciones.es/bdnstrans/api";

std::string searchUrl(int page, int size, const std::string& fechaDesde) {
  return kApi + "/convocatorias/busqueda?vpd=GE&page=" + std::to_string(page) +
         "&pageSize=" + std::to_string(size) +
         "&order=fechaRecepcion&direccion=desc&fechaDesde=" + fechaDesde;
}

std::string detailUrl(const std::string& code) {
  return kApi + "/convocatorias?vpd=GE&numConv=" + code;
}

// A Spring page of search rows.
std::string searchPage(const std::vector<std::string>& codes, int number, int totalPages, int totalElements) {
  std::string rows;
  for (const auto& code : codes)
    rows += std::string(rows.empty() ? "" : ",") + R"({"id": 1, "numeroConvocatoria": ")" + code +
            R"(", "descripcion": "Convocatoria )" + code +
            R"(", "descripcionLeng": null, "nivel1": "CATALUÑA"})";
  return R"({"content": [)" + rows + R"(], "totalElements": )" + std::to_string(totalElements) +
         R"(, "totalPages": )" + std::to_string(totalPages) + R"(, "number": )" + std::to_string(number) +
         R"(, "last": )" + (number + 1 >= totalPages ? "true" : "false") + "}";
}

std::string
detail(const std::string& code, const std::string& region = "ES51 - CATALUÑA",
       const std::string& beneficiary = "PERSONAS JURÍDICAS QUE NO DESARROLLAN ACTIVIDAD ECONÓMICA") {
  const std::string regions = region.empty() ? "[]" : R"([{"descripcion": ")" + region + R"("}])";
  return R"({"codigoBDNS": ")" + code + R"(", "descripcion": "Convocatoria )" + code +
         R"(", "descripcionLeng": "Convocatòria )" + code + R"(", "regiones": )" + regions +
         R"(, "tiposBeneficiarios": [{"descripcion": ")" + beneficiary +
         R"("}], "fechaFinSolicitud": "2026-12-15T00:00:00+01:00", "presupuestoTotal": 50000})";
}

void serveSearch(FakeHost& host, const std::vector<std::string>& codes,
                 const std::string& fechaDesde = "01/11/2026") {
  host.serve(searchUrl(0, 100, fechaDesde), {200, searchPage(codes, 0, 1, static_cast<int>(codes.size()))});
}

std::vector<std::string> ids(const FakeHost& host) {
  std::vector<std::string> out;
  for (const auto& record : host.records()) out.push_back(record.id);
  return out;
}

TEST(Harvest, PagesFromZeroThenFetchesTheDetailOfEachCall) {
  FakeHost host;
  host.setOption("since", "2026-11-01");
  host.setOption("page_size", "2");
  host.serve(searchUrl(0, 2, "01/11/2026"), {200, searchPage({"900001", "900002"}, 0, 2, 3)});
  host.serve(searchUrl(1, 2, "01/11/2026"), {200, searchPage({"900003"}, 1, 2, 3)});
  for (const char* code : {"900001", "900002", "900003"}) host.serve(detailUrl(code), {200, detail(code)});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();

  std::vector<std::string> urls;
  for (const auto& request : host.requests()) urls.push_back(request.url);
  EXPECT_EQ(urls, (std::vector<std::string>{searchUrl(0, 2, "01/11/2026"), searchUrl(1, 2, "01/11/2026"),
                                            detailUrl("900001"), detailUrl("900002"), detailUrl("900003")}));
  EXPECT_EQ(urls[0],
            "https://www.infosubvenciones.es/bdnstrans/api/convocatorias/busqueda?vpd=GE&page=0&pageSize=2"
            "&order=fechaRecepcion&direccion=desc&fechaDesde=01/11/2026");
  EXPECT_EQ(ids(host), (std::vector<std::string>{"bdns:900001", "bdns:900002", "bdns:900003"}));
  EXPECT_EQ(host.record("bdns:900003")->summary, "Convocatòria 900003");
  EXPECT_EQ(host.progress().back(), (std::pair<uint64_t, uint64_t>{3, 3}));
  EXPECT_EQ(host.cursors().count("last_success_ms"), 1u);
  EXPECT_EQ(host.unreleasedResponses(), 0u);
}

TEST(Harvest, StartsTheWindowAtTheLastSuccessMinusTheOverlapInMadrid) {
  FakeHost host;
  const int64_t lastRun = *convoca::index::timeutil::parseInstant("2026-11-20T00:30:00+01:00");
  host.presetCursor("last_success_ms", std::to_string(lastRun * 1000));
  serveSearch(host, {}, "17/11/2026");
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 1u);
  EXPECT_EQ(host.requests()[0].url, searchUrl(0, 100, "17/11/2026"));
  EXPECT_NE(host.cursors().at("last_success_ms"), std::to_string(lastRun * 1000));
}

TEST(Harvest, LooksBackInitialDaysOnTheFirstRun) {
  FakeHost host;
  host.setOption("initial_days", "0");
  ASSERT_EQ(host.harvest(), CONVOCA_NETWORK); // nothing served: the URL is what matters
  ASSERT_EQ(host.requests().size(), 1u);
  const std::string today = convoca::index::timeutil::formatInstant(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count(),
      "Europe/Madrid");
  const std::string expected = today.substr(8, 2) + "/" + today.substr(5, 2) + "/" + today.substr(0, 4);
  EXPECT_EQ(host.requests()[0].url, searchUrl(0, 100, expected));
  EXPECT_TRUE(host.cursors().empty());
}

TEST(Harvest, KeepsCallsForTheRegionItsProvincesAndTheWholeCountry) {
  FakeHost host;
  host.setOption("since", "2026-11-01");
  serveSearch(host, {"1", "2", "3", "4", "5"});
  host.serve(detailUrl("1"), {200, detail("1", "ES51 - CATALUÑA")});
  host.serve(detailUrl("2"), {200, detail("2", "ES511 - Barcelona")});
  host.serve(detailUrl("3"), {200, detail("3", "ES - ESPAÑA")});
  host.serve(detailUrl("4"), {200, detail("4", "ES52 - COMUNIDAD VALENCIANA")});
  host.serve(detailUrl("5"), {200, detail("5", "")});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(ids(host), (std::vector<std::string>{"bdns:1", "bdns:2", "bdns:3", "bdns:5"}));
  EXPECT_EQ(host.record("bdns:2")->eligibleCountries, (std::vector<std::string>{"ES511"}));
}

TEST(Harvest, KeepsEveryRegionWhenAskedForAll) {
  FakeHost host;
  host.setOption("since", "2026-11-01");
  host.setOption("region", "all");
  serveSearch(host, {"4"});
  host.serve(detailUrl("4"), {200, detail("4", "ES52 - COMUNIDAD VALENCIANA")});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(ids(host), (std::vector<std::string>{"bdns:4"}));
}

TEST(Harvest, FiltersByBeneficiaryTypeIgnoringCase) {
  FakeHost host;
  host.setOption("since", "2026-11-01");
  host.setOption("beneficiary_types",
                 "personas jurídicas que no desarrollan actividad económica, GRAN EMPRESA");
  serveSearch(host, {"1", "2"});
  host.serve(detailUrl("1"), {200, detail("1")});
  host.serve(detailUrl("2"), {200, detail("2", "ES51 - CATALUÑA",
                                          "PYME Y PERSONAS FÍSICAS QUE DESARROLLAN ACTIVIDAD ECONÓMICA")});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(ids(host), (std::vector<std::string>{"bdns:1"}));
}

TEST(Harvest, SkipsACallWhoseDetailIsGoneWithAWarning) {
  FakeHost host;
  host.setOption("since", "2026-11-01");
  serveSearch(host, {"1", "2"});
  host.serve(detailUrl("2"), {200, detail("2")}); // 1 is not served: 404
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(ids(host), (std::vector<std::string>{"bdns:2"}));
  EXPECT_EQ(host.warningsContaining("BDNS 1 "), 1u);
}

TEST(Harvest, StopsWhenCancelledBetweenTheSearchAndTheDetails) {
  FakeHost host;
  host.setOption("since", "2026-11-01");
  serveSearch(host, {"1", "2"});
  host.serve(detailUrl("1"), {200, detail("1")});
  host.serve(detailUrl("2"), {200, detail("2")});
  host.cancelAfterRequests(2);
  EXPECT_EQ(host.harvest(), CONVOCA_CANCELLED);
  EXPECT_EQ(host.requests().size(), 2u);
  EXPECT_TRUE(host.records().empty());
  EXPECT_TRUE(host.cursors().empty());
}

TEST(Harvest, StopsWhenCancelledBetweenSearchPages) {
  FakeHost host;
  host.setOption("since", "2026-11-01");
  host.setOption("page_size", "1");
  host.serve(searchUrl(0, 1, "01/11/2026"), {200, searchPage({"1"}, 0, 2, 2)});
  host.cancelAfterRequests(1);
  EXPECT_EQ(host.harvest(), CONVOCA_CANCELLED);
  EXPECT_EQ(host.requests().size(), 1u);
}

TEST(Harvest, FailsWithSourceFormatNamingABrokenDetailAndEmitsNothing) {
  FakeHost host;
  host.setOption("since", "2026-11-01");
  serveSearch(host, {"1", "2"});
  host.serve(detailUrl("1"), {200, detail("1")});
  host.serve(detailUrl("2"),
             {200, R"({"codigoBDNS": "2", "descripcion": "X", "fechaFinSolicitud": "mañana"})"});
  EXPECT_EQ(host.harvest(), CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(host.errorMessage().find(detailUrl("2")), std::string::npos) << host.errorMessage();
  EXPECT_NE(host.errorMessage().find("fechaFinSolicitud"), std::string::npos) << host.errorMessage();
  EXPECT_TRUE(host.records().empty());
  EXPECT_TRUE(host.cursors().empty());
}

TEST(Harvest, ReportsAServerErrorAsRetry) {
  FakeHost host;
  host.setOption("since", "2026-11-01");
  host.serve(searchUrl(0, 100, "01/11/2026"), {500, "error"});
  EXPECT_EQ(host.harvest(), CONVOCA_RETRY);
  EXPECT_NE(host.errorMessage().find("500"), std::string::npos) << host.errorMessage();
}

TEST(Harvest, StopsAtMaxPagesWithAWarning) {
  FakeHost host;
  host.setOption("since", "2026-11-01");
  host.setOption("page_size", "1");
  host.setOption("max_pages", "1");
  host.serve(searchUrl(0, 1, "01/11/2026"), {200, searchPage({"1"}, 0, 5, 5)});
  host.serve(detailUrl("1"), {200, detail("1")});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.records().size(), 1u);
  EXPECT_EQ(host.warningsContaining("max_pages"), 1u);
}

TEST(Harvest, RejectsInvalidOptionsAsConfigBeforeAnyRequest) {
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"since", "01/11/2026"},
                                                        {"since", "2026-02-30"},
                                                        {"region", "Catalunya"},
                                                        {"page_size", "0"},
                                                        {"overlap_days", "-1"},
                                                        {"api_url", "file:///etc"}}) {
    FakeHost host;
    host.setOption(name, value);
    EXPECT_EQ(host.harvest(), CONVOCA_CONFIG) << name << "=" << value;
    EXPECT_NE(host.errorMessage().find(name), std::string::npos) << host.errorMessage();
    EXPECT_TRUE(host.requests().empty());
  }
}

} // namespace
} // namespace bdns_test
