// The search controller without HTTP: parameters to SearchRequest, results to
// JSON, snippets to escaped HTML.
#include "convoca/web/search_api.h"

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

namespace convoca::web {
namespace {

index::Snippet snippetOf(std::string text, std::vector<index::Highlight> highlights) {
  index::Snippet snippet;
  snippet.text = std::move(text);
  snippet.highlights = std::move(highlights);
  return snippet;
}

TEST(SnippetHtml, EscapesTheTextBeforeMarkingTheMatches) {
  EXPECT_EQ(snippetHtml(snippetOf("<b>soil</b> & 'water'", {{3, 4}})),
            "&lt;b&gt;<mark>soil</mark>&lt;/b&gt; &amp; &#39;water&#39;");
}

TEST(SnippetHtml, EscapesMarkupInsideAMatch) {
  EXPECT_EQ(snippetHtml(snippetOf("a<mark>b", {{0, 8}})), "<mark>a&lt;mark&gt;b</mark>");
}

TEST(SnippetHtml, MergesOverlappingAndUnsortedHighlights) {
  EXPECT_EQ(snippetHtml(snippetOf("soil health soil", {{12, 4}, {0, 4}, {2, 6}})),
            "<mark>soil hea</mark>lth <mark>soil</mark>");
}

TEST(SnippetHtml, IgnoresHighlightsOutsideTheText) {
  EXPECT_EQ(snippetHtml(snippetOf("soil", {{2, 100}, {50, 3}, {1, 0}})), "so<mark>il</mark>");
}

TEST(SnippetHtml, PlainTextWithoutHighlightsIsOnlyEscaped) {
  EXPECT_EQ(snippetHtml(snippetOf("\"x\" > y", {})), "&quot;x&quot; &gt; y");
}

TEST(SearchParameters, DefaultsToARelevanceSearchOfTwentyInEveryLanguage) {
  index::SearchRequest request = searchRequestFromParameters({});
  EXPECT_EQ(request.query, "");
  EXPECT_TRUE(request.filters.empty());
  EXPECT_EQ(request.sort, index::SortOrder::Relevance);
  EXPECT_EQ(request.offset, 0u);
  EXPECT_EQ(request.limit, 20u);
  EXPECT_EQ(request.languages, (std::vector<std::string>{"ca", "es", "en", "fr"}));
}

TEST(SearchParameters, TakesEveryFilterFieldOfTheSchemaAndRepeatsThem) {
  index::SearchRequest request = searchRequestFromParameters({{"source", "eu-ft"},
                                                              {"sdg", "11"},
                                                              {"language", "ca"},
                                                              {"kind", "call"},
                                                              {"source", "boe"},
                                                              {"id", "x"}});
  ASSERT_EQ(request.filters.size(), 6u);
  EXPECT_EQ(request.filters[4], (std::pair<std::string, std::string>{"source", "boe"}));
}

TEST(SearchParameters, ReadsLangAsQueryLanguagesNotAsAFilter) {
  index::SearchRequest request =
      searchRequestFromParameters({{"lang", "ca, es"}, {"lang", "ca"}, {"lang", "EN"}});
  EXPECT_EQ(request.languages, (std::vector<std::string>{"ca", "es", "en"}));
  EXPECT_TRUE(request.filters.empty());
  EXPECT_THROW(searchRequestFromParameters({{"lang", ""}}), BadRequest);
}

TEST(SearchParameters, ReadsRangesAndSort) {
  index::SearchRequest request = searchRequestFromParameters({{"deadline_from", "2024-01-01"},
                                                              {"deadline_to", "2024-12-31"},
                                                              {"budget_min", "50000"},
                                                              {"budget_max", "5e6"},
                                                              {"sort", "newest"}});
  EXPECT_EQ(request.deadlineFrom, "2024-01-01");
  EXPECT_EQ(request.deadlineTo, "2024-12-31");
  EXPECT_EQ(request.budgetMin, 50000);
  EXPECT_EQ(request.budgetMax, 5000000);
  EXPECT_EQ(request.sort, index::SortOrder::Newest);
}

TEST(SearchParameters, RefusesWhatItCannotRead) {
  const QueryParameters bad[] = {
      {{"limit", "abc"}},       {{"limit", "101"}},     {{"limit", " 5"}},
      {{"offset", "-3"}},       {{"offset", ""}},       {{"budget_min", "lots"}},
      {{"budget_max", "inf"}},  {{"sort", "Deadline"}}, {{"colour", "red"}},
      {{"q", "a"}, {"q", "b"}}, {{"lang", "de"}},       {{"limit", "99999999999999999999"}},
  };
  for (const QueryParameters& parameters : bad) {
    EXPECT_THROW(searchRequestFromParameters(parameters), BadRequest) << parameters.front().first;
  }
}

TEST(SearchParameters, NamesTheParameterInTheError) {
  try {
    searchRequestFromParameters({{"limit", "abc"}});
    FAIL();
  } catch (const BadRequest& error) {
    EXPECT_NE(std::string(error.what()).find("limit"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("abc"), std::string::npos);
  }
}

TEST(HitJson, ShowsUnknownValuesAsNullAndInstantsInMadridTime) {
  index::Hit hit;
  hit.record.id = "s:1";
  hit.record.source = "s";
  hit.record.title = "T";
  hit.record.deadlines = {"2024-02-07T16:00:00Z"};
  hit.record.opening = "2024-07-01T00:00:00Z";
  hit.nextDeadline = "2024-02-07T16:00:00Z";
  hit.status = "open";
  Poco::JSON::Object::Ptr json = hitJson(hit);
  EXPECT_EQ(json->getValue<std::string>("next_deadline"), "2024-02-07T17:00:00+01:00");
  EXPECT_EQ(json->getArray("deadlines")->getElement<std::string>(0), "2024-02-07T17:00:00+01:00");
  EXPECT_EQ(json->getValue<std::string>("opening"), "2024-07-01T02:00:00+02:00");
  EXPECT_TRUE(json->isNull("url"));
  EXPECT_TRUE(json->isNull("programme"));
  EXPECT_TRUE(json->isNull("budget"));
  EXPECT_TRUE(json->isNull("call_id"));
  EXPECT_FALSE(json->getValue<bool>("deadlines_time_assumed"));
}

TEST(SearchResponseJson, ListsTheFiveFacetsEvenWhenTheSearcherGaveNone) {
  index::SearchRequest request;
  request.query = "soil";
  index::SearchResult result;
  result.facets["sdg"] = {{"11", 3}};
  Poco::JSON::Object::Ptr json = searchResponseJson(request, result);
  Poco::JSON::Object::Ptr facets = json->getObject("facets");
  for (const char* name : {"source", "programme", "status", "language", "kind", "sdg"}) {
    EXPECT_TRUE(facets->has(name)) << name;
  }
  EXPECT_EQ(facets->getArray("status")->size(), 0u);
  EXPECT_EQ(json->getValue<int>("total"), 0);
  EXPECT_EQ(json->getArray("results")->size(), 0u);
}

} // namespace
} // namespace convoca::web
