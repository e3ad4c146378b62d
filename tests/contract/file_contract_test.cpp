// Contract suite of store/file/file_repository on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <tuple>

#include "contract/contract_fixture.hpp"
#include "store/file/file_repository.hpp"

namespace huanxin::store::contract {
namespace {

const std::string kHongdu1 = "360104002001";
const std::string kNanpu1 = "360103001001";  // 西湖区, outside 青云谱区

using FileContract = ContractTest;

auto Fields(const FileRecord& f) {
  return std::tuple(f.id, f.sha256, f.content_type, f.name, f.region_code, f.context, f.created_at, f.size_bytes,
                    f.uploaded_by);
}

TEST_P(FileContract, InsertFindRoundTripsEveryField) {
  FileRecord f{0, std::string(64, 'a'), "image/jpeg", kTrickyText, kHongdu1, "checkup", kAt, 5'000'000'000, kLargeId};
  f.id = Put([&](Session& s) { return FileRepository::Insert(s, f); });
  EXPECT_GT(f.id, 0);
  auto found = Get([&](Session& s) { return FileRepository::Find(s, f.id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(Fields(*found), Fields(f));
  // Files of no known owner ('' — stored before contexts owned files) read back as such.
  FileRecord legacy{0, std::string(64, 'b'), "application/pdf", "x.pdf", kNanpu1, "", kAt, 1, 1};
  legacy.id = Put([&](Session& s) { return FileRepository::Insert(s, legacy); });
  EXPECT_EQ(Get([&](Session& s) { return FileRepository::Find(s, legacy.id); })->context, "");
  EXPECT_FALSE(Get([&](Session& s) { return FileRepository::Find(s, kMaxId); }));
}

TEST_P(FileContract, ExistsOnlyInsideTheScopePrefix) {
  constexpr std::int64_t kBigFile = 5'000'000'000;
  std::int64_t hongdu = 0;
  Put([&](Session& s) -> Result<void> {
    auto rows = Must(s.Query(
        "INSERT INTO stored_file (sha256, content_type, size_bytes, name, region_code, uploaded_by, created_at) "
        "VALUES ('ab', 'image/jpeg', 10, 'a.jpg', ?, 1, ?) RETURNING id",
        {Str(kHongdu1), Str(kAt)}));
    hongdu = rows.at(0).GetInt(0);
    Must(s.Exec("INSERT INTO stored_file (id, sha256, content_type, size_bytes, name, region_code, uploaded_by, "
                "created_at) VALUES (?, 'cd', 'image/png', 20, 'b.png', ?, 1, ?)",
                {Int(kBigFile), Str(kNanpu1), Str(kAt)}));
    return Ok();
  });
  auto exists = [&](std::int64_t id, const std::string& prefix) {
    return Get([&](Session& s) { return FileRepository::ExistsInScope(s, id, prefix); });
  };
  // Case table: (file, prefix, exists).
  const std::vector<std::tuple<std::int64_t, std::string, bool>> cases = {
      {hongdu, "", true},
      {hongdu, "36", true},
      {hongdu, "3601", true},
      {hongdu, "36010", true},
      {hongdu, "360104", true},
      {hongdu, "360104002", true},
      {hongdu, "360104002001", true},
      {hongdu, "3601040020011", false},
      {hongdu, "360104002002", false},
      {hongdu, "360104006", false},
      {hongdu, "360103", false},
      {hongdu, "3602", false},
      {kBigFile, "", true},
      {kBigFile, "36010", true},
      {kBigFile, "360103", true},
      {kBigFile, "360104", false},
      {kMaxId, "", false},
      {0, "", false},
      {-1, "", false},
  };
  for (const auto& [id, prefix, want] : cases) EXPECT_EQ(exists(id, prefix), want) << id << " in '" << prefix << "'";
}

INSTANTIATE_TEST_SUITE_P(Sqlite, FileContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, FileContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
