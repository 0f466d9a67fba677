// AssetDirectory: which URL paths below /static/ name a servable file.
#include "convoca/web/server.h"
#include "static_files.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>

namespace convoca::web {
namespace {

namespace fs = std::filesystem;

class AssetDirectoryTest : public ::testing::Test {
protected:
  void SetUp() override {
    // Under the test temporary directory (TEST_TMPDIR, else /tmp).
    std::string pattern = ::testing::TempDir() + "convoca-web-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    base_ = pattern;
    root_ = base_ / "assets";
    fs::create_directories(root_ / "i18n");
    write(root_ / "index.html", "<!doctype html>");
    write(root_ / "app.js", "export {}");
    write(root_ / "i18n" / "ca.json", "{}");
    write(root_ / "notes.md", "# not served");
    write(root_ / ".secret.js", "hidden");
    write(base_ / "outside.js", "outside");
    fs::create_symlink(base_ / "outside.js", root_ / "escape.js");
    fs::create_directory_symlink(base_, root_ / "up");
  }
  void TearDown() override { fs::remove_all(base_); }

  static void write(const fs::path& file, const std::string& content) { std::ofstream(file) << content; }

  fs::path base_;
  fs::path root_;
};

TEST_F(AssetDirectoryTest, ResolvesFilesAndSubdirectories) {
  AssetDirectory assets(root_.string());
  EXPECT_EQ(assets.resolve("app.js"), fs::canonical(root_ / "app.js"));
  EXPECT_EQ(assets.resolve("i18n/ca.json"), fs::canonical(root_ / "i18n" / "ca.json"));
}

TEST_F(AssetDirectoryTest, RefusesDotSegmentsEmptySegmentsAndHiddenFiles) {
  AssetDirectory assets(root_.string());
  for (const char* path : {"../outside.js", "i18n/../app.js", "./app.js", "i18n//ca.json", "", "/app.js",
                           "app.js/", ".secret.js", "i18n\\ca.json", "i18n"}) {
    EXPECT_EQ(assets.resolve(path), std::nullopt) << path;
  }
}

TEST_F(AssetDirectoryTest, RefusesTypesItDoesNotServe) {
  EXPECT_EQ(AssetDirectory(root_.string()).resolve("notes.md"), std::nullopt);
}

TEST_F(AssetDirectoryTest, RefusesSymbolicLinksThatLeaveTheDirectory) {
  AssetDirectory assets(root_.string());
  EXPECT_EQ(assets.resolve("escape.js"), std::nullopt);
  EXPECT_EQ(assets.resolve("up/outside.js"), std::nullopt);
}

TEST_F(AssetDirectoryTest, NeedsTheIndexPage) {
  fs::remove(root_ / "index.html");
  EXPECT_THROW(AssetDirectory(root_.string()), ListenError);
  EXPECT_THROW(AssetDirectory((base_ / "missing").string()), ListenError);
}

TEST(ContentType, FollowsTheExtension) {
  EXPECT_STREQ(contentTypeFor("a/b.js"), "text/javascript; charset=utf-8");
  EXPECT_STREQ(contentTypeFor("index.html"), "text/html; charset=utf-8");
  EXPECT_STREQ(contentTypeFor("x.svg"), "image/svg+xml");
  EXPECT_EQ(contentTypeFor("server.cpp"), nullptr);
  EXPECT_EQ(contentTypeFor("Makefile"), nullptr);
}

} // namespace
} // namespace convoca::web
