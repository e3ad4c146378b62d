// Contract suite of the publicity repository (src/store/project/publicity_repository) on SQLite and
// PostgreSQL: every function, exact values read back, NULLs, unicode, the region-prefix boundary,
// a repeated version, answered-once objections and the rate-limit count's edges.
#include <gtest/gtest.h>

#include "contract/contract_fixture.hpp"
#include "store/project/publicity_repository.hpp"
#include "testing/project_rows.hpp"

namespace huanxin::store::contract {
namespace {

using Repo = PublicityRepository;

constexpr const char* kT1 = "2026-11-22T08:00:00.000Z";
constexpr const char* kT2 = "2026-11-23T08:00:00.000Z";

class PublicityContract : public ContractTest {
 protected:
  // A project row (the project context's table), as its repository will write it.
  static std::int64_t Project(Session& s, const std::string& region, const std::string& name) {
    return Must(testing::InsertProjectRow(s, region, name));
  }
  static std::int64_t File(Session& s, const std::string& region) {
    auto rows = Must(s.Query(
        "INSERT INTO stored_file (sha256, content_type, size_bytes, name, region_code, uploaded_by, created_at) "
        "VALUES ('ab', 'image/jpeg', 2048, '公示栏.jpg', ?, 0, ?) RETURNING id",
        {Str(region), Str(kAt)}));
    return rows.at(0).GetInt(0);
  }
  static PublicityVersionRecord Version(std::int64_t notice, int version, const std::string& title, std::int64_t by = 0) {
    PublicityVersionRecord v;
    v.notice_id = notice;
    v.version = version;
    v.title = title;
    v.body = "正文 " + title + "\n第二段";
    v.starts_on = "2026-09-24";
    v.working_days = 7;
    v.ends_on = "2026-10-10";
    v.reason = version == 1 ? "" : "修订原因";
    v.created_by = by;
    v.created_at = version == 1 ? kAt : kT1;
    return v;
  }
  // A notice with version 1 on `project`.
  static std::int64_t Notice(Session& s, std::int64_t project, const std::string& region, const std::string& title,
                             std::int64_t by = 0) {
    PublicityNoticeRecord n;
    n.project_id = project;
    n.region_code = region;
    n.kind = "plan";
    n.current_version = 1;
    n.created_by = by;
    n.created_at = kAt;
    auto id = Must(Repo::InsertNotice(s, n));
    Must(Repo::InsertVersion(s, Version(id, 1, title, by)));
    return id;
  }
  static PublicityObjectionRecord Objection(std::int64_t notice, const std::string& key, const std::string& at) {
    PublicityObjectionRecord o;
    o.notice_id = notice;
    o.version = 1;
    o.content = kTrickyText;
    o.client_key = key;
    o.received_at = at;
    return o;
  }
};

TEST_P(PublicityContract, FindsAProjectsNameRegionAndStatus) {
  auto id = Put([](Session& s) -> Result<std::int64_t> { return Project(s, "360104002", kTrickyText); });
  auto p = Get([&](Session& s) { return Repo::FindProject(s, id); });
  ASSERT_TRUE(p);
  EXPECT_EQ(p->id, id);
  EXPECT_EQ(p->name, kTrickyText);
  EXPECT_EQ(p->region_code, "360104002");
  EXPECT_EQ(p->status, "planned");
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindProject(s, id + 1); }));
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindProject(s, kMaxId); }));
}

TEST_P(PublicityContract, ANoticeReadsBackWithItsCurrentVersionAndNullPhoto) {
  std::int64_t user = 0, project = 0, id = 0;
  Put([&](Session& s) -> Result<void> {
    user = AddUser(s, "hongdu.street", "360104002");
    project = Project(s, "360104002", "洪都新村片区");
    id = Notice(s, project, "360104002", kTrickyText, user);
    return Ok();
  });
  auto n = Get([&](Session& s) { return Repo::Find(s, id); });
  ASSERT_TRUE(n);
  EXPECT_EQ(n->id, id);
  EXPECT_EQ(n->project_id, project);
  EXPECT_EQ(n->project_name, "洪都新村片区");
  EXPECT_EQ(n->region_code, "360104002");
  EXPECT_EQ(n->kind, "plan");
  EXPECT_EQ(n->current_version, 1);
  EXPECT_EQ(n->created_by, user);
  EXPECT_EQ(n->created_at, kAt);
  EXPECT_EQ(n->objections, 0);
  EXPECT_EQ(n->unanswered, 0);
  const auto& v = n->current;
  EXPECT_EQ(v.notice_id, id);
  EXPECT_EQ(v.version, 1);
  EXPECT_EQ(v.title, kTrickyText);
  EXPECT_EQ(v.body, "正文 " + std::string(kTrickyText) + "\n第二段");
  EXPECT_EQ(v.starts_on, "2026-09-24");
  EXPECT_EQ(v.ends_on, "2026-10-10");
  EXPECT_EQ(v.working_days, 7);
  EXPECT_EQ(v.reason, "");
  EXPECT_FALSE(v.photo_file_id);
  EXPECT_EQ(v.photo_name, "");
  EXPECT_EQ(v.photo_content_type, "");
  EXPECT_EQ(v.photo_size, 0);
  EXPECT_EQ(v.created_by_name, "hongdu.street");
  EXPECT_EQ(v.created_at, kAt);
  EXPECT_FALSE(Get([&](Session& s) { return Repo::Find(s, id + 1); }));
}

TEST_P(PublicityContract, ARevisionBecomesCurrentAndKeepsTheEarlierVersion) {
  std::int64_t id = 0;
  Put([&](Session& s) -> Result<void> {
    id = Notice(s, Project(s, "360104002", "P"), "360104002", "第一版");
    Must(Repo::InsertVersion(s, Version(id, 2, "第二版")));
    EXPECT_TRUE(Must(Repo::SetCurrentVersion(s, id, 2)));
    EXPECT_FALSE(Must(Repo::SetCurrentVersion(s, id + 1, 2)));
    return Ok();
  });
  auto n = Get([&](Session& s) { return Repo::Find(s, id); });
  ASSERT_TRUE(n);
  EXPECT_EQ(n->current_version, 2);
  EXPECT_EQ(n->current.title, "第二版");
  EXPECT_EQ(n->current.reason, "修订原因");
  EXPECT_EQ(n->current.created_by_name, "");  // the system (user 0) has no account
  auto versions = Get([&](Session& s) { return Repo::Versions(s, id); });
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].version, 1);
  EXPECT_EQ(versions[0].title, "第一版");
  EXPECT_EQ(versions[1].version, 2);
  EXPECT_EQ(versions[1].created_at, kT1);
  EXPECT_TRUE(Get([&](Session& s) { return Repo::Versions(s, id + 1); }).empty());
  // The same version twice is a duplicate, and nothing of that transaction stays.
  auto e = Refused([&](Session& s) -> Result<void> { return Repo::InsertVersion(s, Version(id, 2, "again")); });
  EXPECT_EQ(e.reason, "store.duplicate");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM publicity_version"), 2);
}

TEST_P(PublicityContract, ListFiltersByRegionPrefixAndProjectNewestFirst) {
  std::int64_t a = 0, b = 0, c = 0, pa = 0;
  Put([&](Session& s) -> Result<void> {
    pa = Project(s, "360104002", "A");
    a = Notice(s, pa, "360104002", "洪都一");
    b = Notice(s, pa, "360104002", "洪都二");
    c = Notice(s, Project(s, "360104006", "B"), "360104006", "京山");
    return Ok();
  });
  auto ids = [&](const PublicityFilter& f) {
    std::vector<std::int64_t> out;
    for (const auto& n : Get([&](Session& s) { return Repo::List(s, f); })) out.push_back(n.id);
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<std::int64_t>{c, b, a}));
  EXPECT_EQ(ids({"360104002", std::nullopt, 500}), (std::vector<std::int64_t>{b, a}));
  EXPECT_EQ(ids({"36010400", std::nullopt, 500}), (std::vector<std::int64_t>{c, b, a}));
  EXPECT_TRUE(ids({"3601040021", std::nullopt, 500}).empty());  // a longer code is not a parent
  EXPECT_TRUE(ids({"360104003", std::nullopt, 500}).empty());
  EXPECT_EQ(ids({"", pa, 500}), (std::vector<std::int64_t>{b, a}));
  EXPECT_TRUE(ids({"360104006", pa, 500}).empty());
  EXPECT_EQ(ids({"", std::nullopt, 1}), (std::vector<std::int64_t>{c}));
}

TEST_P(PublicityContract, APhotoIsKeptOnOneVersionWithItsFileJoined) {
  std::int64_t id = 0, file = 0;
  Put([&](Session& s) -> Result<void> {
    id = Notice(s, Project(s, "360104002", "P"), "360104002", "T");
    file = File(s, "360104002");
    EXPECT_TRUE(Must(Repo::SetPhoto(s, id, 1, file)));
    EXPECT_FALSE(Must(Repo::SetPhoto(s, id, 2, file)));
    return Ok();
  });
  auto n = Get([&](Session& s) { return Repo::Find(s, id); });
  ASSERT_TRUE(n);
  EXPECT_EQ(n->current.photo_file_id, file);
  EXPECT_EQ(n->current.photo_name, "公示栏.jpg");
  EXPECT_EQ(n->current.photo_content_type, "image/jpeg");
  EXPECT_EQ(n->current.photo_size, 2048);
}

TEST_P(PublicityContract, LockFindsTheNoticeOrNot) {
  std::int64_t id = Put([](Session& s) -> Result<std::int64_t> { return Notice(s, Project(s, "360104002", "P"), "360104002", "T"); });
  EXPECT_TRUE(Put([&](Session& s) { return Repo::Lock(s, id); }));
  EXPECT_FALSE(Put([&](Session& s) { return Repo::Lock(s, id + 1); }));
  EXPECT_EQ(Get([&](Session& s) { return Repo::Find(s, id); })->current_version, 1);  // unchanged
}

TEST_P(PublicityContract, ObjectionsAreAnsweredOnceAndCounted) {
  std::int64_t id = 0, other = 0, first = 0, second = 0, user = 0;
  Put([&](Session& s) -> Result<void> {
    user = AddUser(s, "hongdu.street", "360104002");
    const auto p = Project(s, "360104002", "P");
    id = Notice(s, p, "360104002", "T");
    other = Notice(s, p, "360104002", "U");
    auto o = Objection(id, "key-a", kAt);
    o.name = "王女士";
    o.phone = "+86 139-0000-1234";
    first = Must(Repo::InsertObjection(s, o));
    second = Must(Repo::InsertObjection(s, Objection(id, "key-a", kT1)));
    Must(Repo::InsertObjection(s, Objection(id, "key-b", kT1)));
    Must(Repo::InsertObjection(s, Objection(other, "key-a", kT1)));
    return Ok();
  });
  auto o = Get([&](Session& s) { return Repo::FindObjection(s, first); });
  ASSERT_TRUE(o);
  EXPECT_EQ(o->notice_id, id);
  EXPECT_EQ(o->version, 1);
  EXPECT_EQ(o->content, kTrickyText);
  EXPECT_EQ(o->name, "王女士");
  EXPECT_EQ(o->phone, "+86 139-0000-1234");
  EXPECT_EQ(o->client_key, "key-a");
  EXPECT_EQ(o->received_at, kAt);
  EXPECT_FALSE(o->answer);
  EXPECT_FALSE(o->answered_by);
  EXPECT_EQ(o->answered_by_name, "");
  EXPECT_FALSE(o->answered_at);
  auto anonymous = Get([&](Session& s) { return Repo::FindObjection(s, second); });
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->name, "");
  EXPECT_EQ(anonymous->phone, "");
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindObjection(s, kMaxId); }));

  EXPECT_TRUE(Put([&](Session& s) { return Repo::Answer(s, first, "已答复 " + std::string(kTrickyText), user, kT2); }));
  EXPECT_FALSE(Put([&](Session& s) { return Repo::Answer(s, first, "改答复", user, kT2); }));  // answered once
  EXPECT_FALSE(Put([&](Session& s) { return Repo::Answer(s, kMaxId, "无", user, kT2); }));
  o = Get([&](Session& s) { return Repo::FindObjection(s, first); });
  EXPECT_EQ(o->answer, "已答复 " + std::string(kTrickyText));
  EXPECT_EQ(o->answered_by, user);
  EXPECT_EQ(o->answered_by_name, "hongdu.street");
  EXPECT_EQ(o->answered_at, kT2);

  auto all = Get([&](Session& s) { return Repo::Objections(s, id, false); });
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, first);
  EXPECT_EQ(all[1].id, second);
  auto answered = Get([&](Session& s) { return Repo::Objections(s, id, true); });
  ASSERT_EQ(answered.size(), 1u);
  EXPECT_EQ(answered[0].id, first);
  auto n = Get([&](Session& s) { return Repo::Find(s, id); });
  EXPECT_EQ(n->objections, 3);
  EXPECT_EQ(n->unanswered, 2);

  // The rate-limit count: this notice, this key, at or after `since`.
  auto count = [&](const std::string& key, const std::string& since) {
    return Get([&](Session& s) { return Repo::CountSince(s, id, key, since); });
  };
  EXPECT_EQ(count("key-a", kAt), 2);  // received exactly at `since` counts
  EXPECT_EQ(count("key-a", "2026-11-21T08:00:00.001Z"), 1);
  EXPECT_EQ(count("key-a", kT2), 0);
  EXPECT_EQ(count("key-b", kAt), 1);
  EXPECT_EQ(count("key-c", kAt), 0);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, PublicityContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, PublicityContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
