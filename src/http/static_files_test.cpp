#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace huanxin::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("hx-static-" + std::to_string(::getpid()));
    fs::create_directories(root_ / "assets");
    fs::create_directories(root_ / "h5");
    fs::create_directories(root_ / "public-portal");
    Write("index.html", "<html>admin</html>");
    Write("h5/index.html", "<html>h5</html>");
    Write("public-portal/index.html", "<html>portal</html>");
    Write("assets/app-1a2b3c.js", "console.log(1)");
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& rel, const std::string& body) { std::ofstream(root_ / rel) << body; }
  fs::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypesAndImmutableAssets) {
  StaticFiles files(root_.string());
  auto* js = files.Find("/assets/app-1a2b3c.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->mime, "text/javascript; charset=utf-8");
  EXPECT_TRUE(js->immutable);
  auto* index = files.Find("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(*index->body, "<html>admin</html>");
  EXPECT_FALSE(index->immutable);
}

TEST_F(StaticFilesTest, SpaFallbackPerEntryButNotForMissingFiles) {
  StaticFiles files(root_.string());
  EXPECT_EQ(*files.Find("/users")->body, "<html>admin</html>");
  EXPECT_EQ(*files.Find("/h5/me")->body, "<html>h5</html>");
  EXPECT_EQ(files.Find("/assets/missing.js"), nullptr);
  EXPECT_EQ(files.Find("/../etc/passwd"), nullptr);
}

// The public portal (issue #15): built to public-portal/index.html, served at /public and below.
TEST_F(StaticFilesTest, PublicPortalIsServedAtPublic) {
  StaticFiles files(root_.string());
  for (const char* path : {"/public", "/public/", "/public/index.html", "/public/estates/3", "/public/stats"})
    EXPECT_EQ(*files.Find(path)->body, "<html>portal</html>") << path;
  EXPECT_EQ(*files.Find("/publicity")->body, "<html>admin</html>") << "only /public and below";
  EXPECT_EQ(files.Find("/public/missing.js"), nullptr);
}

TEST(StaticFilesMime, KnowsCommonTypes) {
  EXPECT_EQ(StaticFiles::MimeFor("/a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(StaticFiles::MimeFor("/a.woff2"), "font/woff2");
  EXPECT_EQ(StaticFiles::MimeFor("/a.unknown"), "application/octet-stream");
}

}  // namespace
}  // namespace huanxin::http
