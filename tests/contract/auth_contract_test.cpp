// Contract suite of store/auth/user_repository (users, assignments, sessions) on SQLite and
// PostgreSQL. repository_contract_test.cpp holds the first cases (round trip, duplicate username,
// list filters, assignments, session expiry); this suite covers the rest of the public functions
// and their edge cases.
#include <gtest/gtest.h>

#include <tuple>

#include "contract/contract_fixture.hpp"
#include "store/auth/user_repository.hpp"

namespace huanxin::store::contract {
namespace {

auto Fields(const UserRecord& u) {
  return std::tuple(u.id, u.username, u.display_name, u.role, u.region_code, u.phone, u.password_hash, u.disabled,
                    u.password_changed_at, u.created_at, u.updated_at, u.assignments);
}
auto Fields(const SessionRecord& r) {
  return std::tuple(r.id, r.token_hash, r.user_id, r.csrf_token, r.created_at, r.expires_at, r.client_ip,
                    r.user_agent);
}

class AuthContract : public ContractTest {
 protected:
  std::int64_t Insert(const UserRecord& u) {
    return Put([&](Session& s) { return UserRepository::Insert(s, u); });
  }
  std::optional<UserRecord> Find(std::int64_t id) {
    return Get([&](Session& s) { return UserRepository::FindById(s, id); });
  }
  // The usernames a filter lists, and the total.
  std::pair<std::vector<std::string>, std::int64_t> Names(const UserFilter& f) {
    Page page;
    page.total = -1;
    auto rows = Get([&](Session& s) { return UserRepository::List(s, f, page); });
    std::vector<std::string> names;
    for (const auto& u : rows) names.push_back(u.username);
    return {names, page.total};
  }
};

std::pair<std::vector<std::string>, std::int64_t> Want(std::vector<std::string> names) {
  auto n = static_cast<std::int64_t>(names.size());
  return {std::move(names), n};
}

TEST_P(AuthContract, CountCountsEveryUser) {
  EXPECT_EQ(Get([&](Session& s) { return UserRepository::Count(s); }), 0);
  Insert(MakeUser("a", "360104"));
  auto off = MakeUser("b", "360104002");
  off.disabled = true;  // disabled users still count
  Insert(off);
  Insert(MakeUser("admin", "", "admin"));
  EXPECT_EQ(Get([&](Session& s) { return UserRepository::Count(s); }), 3);
}

TEST_P(AuthContract, FindByIdAndUsernameReturnEveryColumn) {
  auto u = MakeUser("hongdu.li", "360104002");
  u.display_name = kTrickyText;
  u.phone = "+86 138-0000-0000";
  u.disabled = true;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.password_changed_at = "2026-11-20T00:00:00.000Z";
  u.created_at = "2026-11-19T00:00:00.000Z";
  u.updated_at = "2026-11-21T00:00:00.000Z";
  u.id = Insert(u);
  Put([&](Session& s) { return UserRepository::ReplaceAssignments(s, u.id, "360104002", {{"project", 2}, {"estate", kLargeId}}); });
  u.assignments = {{"estate", kLargeId}, {"project", 2}};  // by kind, then target
  auto by_id = Find(u.id);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(Fields(*by_id), Fields(u));
  auto by_name = Get([&](Session& s) { return UserRepository::FindByUsername(s, "hongdu.li"); });
  ASSERT_TRUE(by_name);
  EXPECT_EQ(Fields(*by_name), Fields(u));
  // Usernames are stored lower-case by the service; the lookup itself is exact.
  EXPECT_FALSE(Get([&](Session& s) { return UserRepository::FindByUsername(s, "HONGDU.LI"); }));
  EXPECT_FALSE(Get([&](Session& s) { return UserRepository::FindByUsername(s, "hongdu.l"); }));
  EXPECT_FALSE(Get([&](Session& s) { return UserRepository::FindByUsername(s, ""); }));
  EXPECT_FALSE(Find(kMaxId));
  EXPECT_FALSE(Find(0));
}

TEST_P(AuthContract, UpdateWritesEveryColumnButIdUsernameAndCreatedAt) {
  auto u = MakeUser("grid.chen", "360104002001", "community");
  u.phone = "13800000000";
  u.id = Insert(u);
  Put([&](Session& s) { return UserRepository::ReplaceAssignments(s, u.id, "360104002001", {{"estate", 5}}); });
  auto changed = u;
  changed.username = "someone.else";                   // not updated
  changed.created_at = "2030-01-01T00:00:00.000Z";     // not updated
  changed.display_name = "陈 网格员";
  changed.role = "supervisor";
  changed.region_code = "360104006";
  changed.phone.reset();                                // back to NULL
  changed.password_hash = "$argon2id$new";
  changed.disabled = true;
  changed.password_changed_at = "2026-12-01T00:00:00.000Z";
  changed.updated_at = "2026-12-01T00:00:01.000Z";
  changed.assignments = {};                             // assignments are not Update's business
  Put([&](Session& s) { return UserRepository::Update(s, changed); });
  auto want = changed;
  want.username = u.username;
  want.created_at = u.created_at;
  want.assignments = {{"estate", 5}};
  auto got = Find(u.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Fields(*got), Fields(want));
  EXPECT_FALSE(Get([&](Session& s) { return UserRepository::FindByUsername(s, "someone.else"); }));

  // Re-enabling and setting a phone again.
  changed.disabled = false;
  changed.phone = "";  // empty text is not NULL
  Put([&](Session& s) { return UserRepository::Update(s, changed); });
  got = Find(u.id);
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->disabled);
  EXPECT_EQ(got->phone, std::optional<std::string>(""));

  // An unknown id changes nothing.
  auto ghost = changed;
  ghost.id = kMaxId;
  ghost.display_name = "ghost";
  Put([&](Session& s) { return UserRepository::Update(s, ghost); });
  EXPECT_EQ(Get([&](Session& s) { return UserRepository::Count(s); }), 1);
  EXPECT_EQ(Find(u.id)->display_name, "陈 网格员");
}

TEST_P(AuthContract, ListScopePrefixesAreStringPrefixes) {
  Insert(MakeUser("admin", "", "admin"));
  Insert(MakeUser("jx", "36", "bureau"));
  Insert(MakeUser("nc", "3601", "bureau"));
  Insert(MakeUser("xihu", "360103", "bureau"));
  Insert(MakeUser("qyp", "360104", "bureau"));
  Insert(MakeUser("hongdu", "360104002", "street"));
  Insert(MakeUser("grid", "360104002001", "community"));
  Insert(MakeUser("jingshan", "360104006", "street"));
  // Case table: scope prefix → users whose region starts with it, in id order.
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"", {"admin", "jx", "nc", "xihu", "qyp", "hongdu", "grid", "jingshan"}},
      {"36", {"jx", "nc", "xihu", "qyp", "hongdu", "grid", "jingshan"}},
      {"3601", {"nc", "xihu", "qyp", "hongdu", "grid", "jingshan"}},
      {"36010", {"xihu", "qyp", "hongdu", "grid", "jingshan"}},
      {"360104", {"qyp", "hongdu", "grid", "jingshan"}},
      {"360104002", {"hongdu", "grid"}},
      {"360104002001", {"grid"}},
      {"3601040020011", {}},
      {"360104006", {"jingshan"}},
      {"360103", {"xihu"}},
      {"3602", {}},
  };
  for (const auto& [prefix, want] : cases) {
    UserFilter f;
    f.scope_prefix = prefix;
    EXPECT_EQ(Names(f), Want(want)) << "scope '" << prefix << "'";
  }
  // A region filter narrows inside the scope; it never widens it.
  UserFilter f;
  f.scope_prefix = "360104";
  f.region_prefix = "360104002";
  EXPECT_EQ(Names(f), Want({"hongdu", "grid"}));
  f.region_prefix = "3601";
  EXPECT_EQ(Names(f), Want({"qyp", "hongdu", "grid", "jingshan"}));
  f.region_prefix = "360103";
  EXPECT_EQ(Names(f), Want({}));
  f.scope_prefix = "";
  f.region_prefix = "";
  EXPECT_EQ(Names(f).second, 8);
}

TEST_P(AuthContract, ListTextSearchIsLiteralAndIgnoresAsciiCase) {
  auto add = [&](const std::string& username, const std::string& display) {
    auto u = MakeUser(username, "360104002");
    u.display_name = display;
    Insert(u);
  };
  add("a_b", "下划线");
  add("axb", "普通");
  add("back\\slash", "反斜杠");
  add("zhang.wei", "Zhang Wei 张伟");
  add("li.na", "李娜");
  add("percent", "100% 完成");
  add("elise", "Élise Dupont");
  auto search = [&](const std::string& q) {
    UserFilter f;
    f.q = q;
    return Names(f);
  };
  EXPECT_EQ(search("_"), Want({"a_b"})) << "'_' is a literal, not a one-character wildcard";
  EXPECT_EQ(search("\\"), Want({"back\\slash"})) << "a backslash is a literal";
  EXPECT_EQ(search("%"), Want({"percent"}));
  EXPECT_EQ(search("张"), Want({"zhang.wei"}));
  EXPECT_EQ(search("李娜"), Want({"li.na"}));
  EXPECT_EQ(search("ZHANG"), Want({"zhang.wei"}));  // matches the username
  EXPECT_EQ(search("Wei 张"), Want({"zhang.wei"}));  // display name, as written
  // SQLite's LIKE ignores ASCII case, PostgreSQL's does not: the same search must find the same
  // users on both drivers.
  EXPECT_EQ(search("wei 张"), Want({"zhang.wei"})) << "display names match whatever the ASCII case";
  EXPECT_EQ(search("WEI 张"), Want({"zhang.wei"})) << "display names match whatever the ASCII case";
  EXPECT_EQ(search("Élise"), Want({"elise"})) << "other letters match as written";
  EXPECT_EQ(search("ÉLISE DU"), Want({"elise"}));
  EXPECT_EQ(search("王"), Want({}));
  EXPECT_EQ(search(""), Want({"a_b", "axb", "back\\slash", "zhang.wei", "li.na", "percent", "elise"})) << "empty q: no filter";
  EXPECT_EQ(EscapeLike("a%b_c\\d"), "a\\%b\\_c\\\\d");
  EXPECT_EQ(EscapeLike("洪都"), "洪都");
}

TEST_P(AuthContract, ListCombinesFiltersPagesAndLoadsAssignments) {
  auto a = MakeUser("s1", "360104002");
  auto b = MakeUser("s2", "360104002");
  b.disabled = true;
  auto c = MakeUser("c1", "360104002001", "community");
  auto d = MakeUser("s3", "360104006");
  a.id = Insert(a);
  b.id = Insert(b);
  c.id = Insert(c);
  d.id = Insert(d);
  Put([&](Session& s) { return UserRepository::ReplaceAssignments(s, c.id, "360104002001", {{"estate", 9}, {"estate", 4}}); });
  UserFilter f;
  f.role = "street";
  EXPECT_EQ(Names(f), Want({"s1", "s2", "s3"}));
  f.disabled = false;
  EXPECT_EQ(Names(f), Want({"s1", "s3"}));
  f.disabled = true;
  EXPECT_EQ(Names(f), Want({"s2"}));
  f.scope_prefix = "360104006";
  EXPECT_EQ(Names(f), Want({}));
  f = UserFilter{};
  f.role = "STREET";
  EXPECT_EQ(Names(f), Want({})) << "roles are exact codes";

  // Pages in id order with the full total.
  f = UserFilter{};
  f.limit = 3;
  EXPECT_EQ(Names(f), std::pair(std::vector<std::string>{"s1", "s2", "c1"}, std::int64_t{4}));
  f.offset = 3;
  EXPECT_EQ(Names(f), std::pair(std::vector<std::string>{"s3"}, std::int64_t{4}));
  f.offset = 4;
  EXPECT_EQ(Names(f), std::pair(std::vector<std::string>{}, std::int64_t{4}));
  f.offset = 0;
  f.limit = 0;
  EXPECT_EQ(Names(f), std::pair(std::vector<std::string>{}, std::int64_t{4}));

  // Listed users carry their assignments, like FindById.
  f = UserFilter{};
  f.role = "community";
  Page page;
  auto rows = Get([&](Session& s) { return UserRepository::List(s, f, page); });
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].assignments, (std::vector<Assignment>{{"estate", 4}, {"estate", 9}}));
}

TEST_P(AuthContract, ReplaceAssignmentsClearsAndRollsBackWhole) {
  auto id = Insert(MakeUser("sup", "360104002", "supervisor"));
  auto other = Insert(MakeUser("sup2", "360104002", "supervisor"));
  Put([&](Session& s) { return UserRepository::ReplaceAssignments(s, id, "360104002", {{"estate", 1}, {"project", 2}}); });
  Put([&](Session& s) { return UserRepository::ReplaceAssignments(s, other, "360104006", {{"estate", 1}}); });
  // Each assignment carries the region it was made in.
  auto regions = Get([&](Session& s) {
    return s.Query("SELECT user_id, kind, target_id, region_code FROM user_assignment ORDER BY user_id, kind, target_id");
  });
  ASSERT_EQ(regions.size(), 3u);
  EXPECT_EQ(regions[0].GetText(3), "360104002");
  EXPECT_EQ(regions[2].GetInt(0), other);
  EXPECT_EQ(regions[2].GetText(3), "360104006");

  // The same assignment twice is a duplicate: the whole replacement rolls back.
  auto dup = Refused([&](Session& s) {
    return UserRepository::ReplaceAssignments(s, id, "360104002", {{"estate", 7}, {"estate", 7}});
  });
  EXPECT_EQ(dup.reason, "store.duplicate");
  EXPECT_EQ(Find(id)->assignments, (std::vector<Assignment>{{"estate", 1}, {"project", 2}}));
  // An empty list clears them; the other user's stay.
  Put([&](Session& s) { return UserRepository::ReplaceAssignments(s, id, "360104002", {}); });
  EXPECT_TRUE(Find(id)->assignments.empty());
  EXPECT_EQ(Find(other)->assignments, (std::vector<Assignment>{{"estate", 1}}));
  // Assignments belong to an existing user.
  Refused([&](Session& s) { return UserRepository::ReplaceAssignments(s, kMaxId, "360104002", {{"estate", 1}}); });
}

TEST_P(AuthContract, SessionsRoundTripAndRevokeOnlyTheirOwn) {
  auto u1 = Insert(MakeUser("u1", "360104002"));
  auto u2 = Insert(MakeUser("u2", "360104002"));
  SessionRecord a{0, std::string(64, 'a'), u1, "csrf-a", "2026-11-21T08:00:00.000Z", "2026-11-21T20:00:00.000Z",
                  "2001:db8::1", "Mozilla/5.0 (iPhone) MicroMessenger/8.0 微信"};
  SessionRecord b{0, std::string(64, 'b'), u1, "csrf-b", kAt, "2026-11-22T08:00:00.000Z", "127.0.0.1", ""};
  SessionRecord c{0, std::string(64, 'c'), u2, "csrf-c", kAt, "2026-11-22T08:00:00.000Z", "127.0.0.1", "curl"};
  Put([&](Session& s) -> Result<void> {
    a.id = Must(SessionRepository::Insert(s, a));
    b.id = Must(SessionRepository::Insert(s, b));
    c.id = Must(SessionRepository::Insert(s, c));
    return Ok();
  });
  auto active = [&](const std::string& hash, const std::string& now) {
    return Get([&](Session& s) { return SessionRepository::FindActive(s, hash, now); });
  };
  auto got = active(a.token_hash, "2026-11-21T08:00:00.000Z");  // at its creation instant
  ASSERT_TRUE(got);
  EXPECT_EQ(Fields(*got), Fields(a));
  EXPECT_FALSE(active(std::string(64, 'A'), kAt)) << "token hashes are exact";
  EXPECT_FALSE(active("", kAt));

  auto dup = Refused([&](Session& s) -> Result<void> {
    auto again = c;
    again.user_id = u1;
    auto r = SessionRepository::Insert(s, again);
    if (!r) return std::move(r).error();
    return Ok();
  });
  EXPECT_EQ(dup.reason, "store.duplicate");
  Refused([&](Session& s) -> Result<void> {
    auto orphan = c;
    orphan.token_hash = std::string(64, 'd');
    orphan.user_id = kMaxId;
    auto r = SessionRepository::Insert(s, orphan);
    if (!r) return std::move(r).error();
    return Ok();
  });

  // Revoking an unknown token is harmless; revoking twice keeps the first instant.
  Put([&](Session& s) { return SessionRepository::Revoke(s, std::string(64, 'z'), kAt); });
  Put([&](Session& s) { return SessionRepository::Revoke(s, b.token_hash, "2026-11-21T09:00:00.000Z"); });
  Put([&](Session& s) { return SessionRepository::Revoke(s, b.token_hash, "2026-11-21T10:00:00.000Z"); });
  auto revoked_at = [&](std::int64_t id) {
    auto rows = Get([&](Session& s) { return s.Query("SELECT revoked_at FROM auth_session WHERE id = ?", {Int(id)}); });
    return rows.at(0).GetOptText(0);
  };
  EXPECT_EQ(revoked_at(b.id), std::optional<std::string>("2026-11-21T09:00:00.000Z"));
  EXPECT_FALSE(revoked_at(a.id));
  EXPECT_FALSE(active(b.token_hash, "2026-11-21T08:30:00.000Z")) << "revoked is revoked at any time";
  EXPECT_TRUE(active(a.token_hash, "2026-11-21T08:30:00.000Z"));

  // Revoke all of u1's: only the one still live counts; u2's session stays.
  auto n = Put([&](Session& s) { return SessionRepository::RevokeAllForUser(s, u1, "2026-11-21T11:00:00.000Z"); });
  EXPECT_EQ(n, 1);
  EXPECT_EQ(Put([&](Session& s) { return SessionRepository::RevokeAllForUser(s, u1, "2026-11-21T12:00:00.000Z"); }), 0);
  EXPECT_EQ(Put([&](Session& s) { return SessionRepository::RevokeAllForUser(s, kMaxId, kAt); }), 0);
  EXPECT_EQ(revoked_at(a.id), std::optional<std::string>("2026-11-21T11:00:00.000Z"));
  EXPECT_EQ(revoked_at(b.id), std::optional<std::string>("2026-11-21T09:00:00.000Z"));
  EXPECT_TRUE(active(c.token_hash, "2026-11-21T12:00:00.000Z"));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, AuthContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, AuthContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
