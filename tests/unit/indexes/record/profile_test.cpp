#include "convoca/index/profile.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace convoca::index {
namespace {

std::string fileText(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ProfileTest, ReadsTheDesignFormat) {
  const Profile profile = profileFromJson(R"({"id": "amb-projeccio-exterior", "title": "Projecció exterior",
    "language": "ca", "description": "Xarxes de ciutats i drets.", "keywords": ["xarxes de ciutats"],
    "sdgs": [17, 5, 11, 16, 5], "programmes": ["horizon", "CERV"],
    "budget": {"min": 50000, "max": 5000000, "currency": "EUR"},
    "eligibility": {"entity_types": ["local-authority"], "countries": ["es"], "regions": ["ES51"]},
    "horizon_days": 180, "include_closed": true})");
  EXPECT_EQ(profile.id, "amb-projeccio-exterior");
  EXPECT_EQ(profile.language, "ca");
  EXPECT_EQ(profile.sdgs, (std::vector<int>{5, 11, 16, 17}));
  EXPECT_EQ(profile.programmes, (std::vector<std::string>{"HORIZON", "CERV"}));
  ASSERT_TRUE(profile.budget);
  EXPECT_EQ(*profile.budget->min, 50000);
  EXPECT_EQ(profile.eligibility.countries, (std::vector<std::string>{"ES"}));
  EXPECT_EQ(profile.horizonDays, 180);
  EXPECT_TRUE(profile.includeClosed);
}

TEST(ProfileTest, OnlyIdTitleAndDescriptionAreRequired) {
  const Profile profile = profileFromJson(R"({"id":"p","title":"T","description":"D"})");
  EXPECT_EQ(profile.horizonDays, 365);
  EXPECT_FALSE(profile.includeClosed);
  EXPECT_FALSE(profile.budget);
}

TEST(ProfileTest, ErrorsNameTheField) {
  auto errorOf = [](const std::string& json) {
    try {
      profileFromJson(json);
    } catch (const ProfileError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(errorOf(R"({"title":"T","description":"D"})").find("'id': is required"), std::string::npos);
  EXPECT_NE(errorOf(R"({"id":"p","title":"T","description":"D","sdgs":[18]})").find("18 is not an SDG"),
            std::string::npos);
  EXPECT_NE(errorOf(R"({"id":"p","title":"T","description":"D","colour":"red"})").find("'colour'"),
            std::string::npos);
  EXPECT_NE(errorOf(R"({"id":"P Q","title":"T","description":"D"})").find("'id'"), std::string::npos);
  EXPECT_NE(errorOf(R"({"id":"p","title":"T","description":"D","language":"de"})").find("'language'"),
            std::string::npos);
  EXPECT_NE(
      errorOf(R"({"id":"p","title":"T","description":"D","budget":{"min":9,"max":1}})").find("min is larger"),
      std::string::npos);
  EXPECT_NE(errorOf(R"({"id":"p","title":"T","description":"D","horizon_days":0})").find("'horizon_days'"),
            std::string::npos);
  EXPECT_NE(errorOf(R"({"id":"p", )").find("not valid JSON"), std::string::npos);
}

TEST(ProfileTest, ExportReadsBackTheSame) {
  const Profile profile = profileFromJson(R"({"id":"p","title":"T","description":"D","keywords":["a","b"],
    "sdgs":[3],"budget":{"min":10},"eligibility":{"regions":["ES51"]}})");
  const Profile again = profileFromJson(profileToJson(profile));
  EXPECT_EQ(profileToJson(again), profileToJson(profile));
  EXPECT_EQ(again.keywords, profile.keywords);
  EXPECT_EQ(again.eligibility.regions, profile.eligibility.regions);
}

TEST(ProfileTest, EverySampleProfileIsValidCatalan) {
  size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator("fixtures/profiles")) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().string());
    const Profile profile = profileFromJson(fileText(entry.path()));
    EXPECT_EQ(profile.language, "ca");
    EXPECT_EQ(profile.id + ".json", entry.path().filename().string());
    ++count;
  }
  EXPECT_GE(count, 9u);
}

} // namespace
} // namespace convoca::index
