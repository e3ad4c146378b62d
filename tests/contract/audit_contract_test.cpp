// Contract suite of store/audit/audit_repository (the append-only, hash-chained audit log) on
// SQLite and PostgreSQL. repository_contract_test.cpp holds the first cases (a scoped list, the
// triggers refusing a statement, concurrent appenders); this suite covers every function exactly.
#include <gtest/gtest.h>

#include <tuple>

#include "contract/contract_fixture.hpp"
#include "core/audit/chain.hpp"
#include "store/audit/audit_repository.hpp"

namespace huanxin::store::contract {
namespace {

using core::audit::Entry;

auto Fields(const Entry& e) {
  return std::tuple(e.seq, e.at, e.user_id, e.username, e.role, e.action, e.entity, e.entity_id, e.region_code,
                    e.changes, e.request_id, e.prev_hash, e.hash);
}
template <typename T>
auto AllFields(const std::vector<T>& list) {
  std::vector<decltype(Fields(list.front()))> out;
  for (const auto& x : list) out.push_back(Fields(x));
  return out;
}

Entry MakeEntry(const std::string& at, std::int64_t user_id, const std::string& action, const std::string& entity,
                const std::string& entity_id, const std::string& region) {
  Entry e;
  e.at = at;
  e.user_id = user_id;
  e.username = user_id == 0 ? "system" : "user" + std::to_string(user_id);
  e.role = "street";
  e.action = action;
  e.entity = entity;
  e.entity_id = entity_id;
  e.region_code = region;
  e.changes = "{}";
  e.request_id = "req-" + action;
  return e;
}

class AuditContract : public ContractTest {
 protected:
  Entry Append(Entry e) {
    Put([&](Session& s) { return AuditRepository::Append(s, e); });
    return e;
  }
  std::pair<std::int64_t, std::string> Head() {
    return Get([&](Session& s) { return AuditRepository::Head(s); });
  }
  std::vector<Entry> Range(std::int64_t after, std::int64_t limit) {
    return Get([&](Session& s) { return AuditRepository::Range(s, after, limit); });
  }
  std::pair<std::vector<std::int64_t>, std::int64_t> Seqs(const AuditFilter& f) {
    Page page;
    page.total = -1;
    auto rows = Get([&](Session& s) { return AuditRepository::List(s, f, page); });
    std::vector<std::int64_t> seqs;
    for (const auto& e : rows) seqs.push_back(e.seq);
    return {seqs, page.total};
  }
};

std::pair<std::vector<std::int64_t>, std::int64_t> Want(std::vector<std::int64_t> seqs) {
  auto n = static_cast<std::int64_t>(seqs.size());
  return {std::move(seqs), n};
}

TEST_P(AuditContract, AppendLinksEachRowToTheHeadAndAdvancesIt) {
  EXPECT_EQ(Head(), std::pair(std::int64_t{0}, core::audit::kGenesisHash)) << "an empty chain starts at genesis";
  EXPECT_TRUE(Range(0, 100).empty());

  auto first = MakeEntry("2026-11-21T08:00:00.000Z", kLargeId, "ballot.cast", "ballot", "12/345", "360104002001");
  first.username = kTrickyText;
  first.changes = R"({"choice":{"from":null,"to":"agree"},"备注":"同意 🏠"})";
  first.request_id = "";
  auto a = Append(first);
  EXPECT_EQ(a.seq, 1);
  EXPECT_EQ(a.prev_hash, core::audit::kGenesisHash);
  EXPECT_EQ(a.hash, core::audit::ChainHash(core::audit::kGenesisHash, a));
  EXPECT_EQ(Head(), std::pair(std::int64_t{1}, a.hash));

  auto system = MakeEntry("2026-11-21T08:00:01.000Z", 0, "region.import", "region", "", "");
  auto b = Append(system);
  EXPECT_EQ(b.seq, 2);
  EXPECT_EQ(b.prev_hash, a.hash);
  EXPECT_EQ(Head(), std::pair(std::int64_t{2}, b.hash));

  // Several appends in one transaction chain in order too.
  std::vector<Entry> more = {MakeEntry("2026-11-21T08:00:02.000Z", 3, "user.create", "user", "3", "360104"),
                             MakeEntry("2026-11-21T08:00:02.000Z", 3, "user.update", "user", "3", "360104")};
  Put([&](Session& s) -> Result<void> {
    for (auto& e : more) Must(AuditRepository::Append(s, e));
    return Ok();
  });
  EXPECT_EQ(more[0].seq, 3);
  EXPECT_EQ(more[0].prev_hash, b.hash);
  EXPECT_EQ(more[1].seq, 4);
  EXPECT_EQ(more[1].prev_hash, more[0].hash);
  EXPECT_EQ(Head(), std::pair(std::int64_t{4}, more[1].hash));

  // What was stored is exactly what Append filled in, and it verifies.
  auto all = Range(0, 100);
  EXPECT_EQ(AllFields(all), AllFields(std::vector<Entry>{a, b, more[0], more[1]}));
  core::audit::VerifyState state;
  EXPECT_EQ(core::audit::VerifyEntries(all, state), std::nullopt);
}

TEST_P(AuditContract, AnAppendThatRollsBackLeavesTheHeadWhereItWas) {
  auto a = Append(MakeEntry("2026-11-21T08:00:00.000Z", 1, "user.create", "user", "1", "360104"));
  auto r = db_->Write([&](Session& s) -> Result<void> {
    auto e = MakeEntry("2026-11-21T08:00:01.000Z", 1, "user.update", "user", "1", "360104");
    Must(AuditRepository::Append(s, e));
    EXPECT_EQ(e.seq, 2);
    return MakeError(ErrorCode::kUnprocessable, "test.rollback", Text::Same("the change it records failed"));
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(Head(), std::pair(std::int64_t{1}, a.hash));
  EXPECT_EQ(Range(0, 100).size(), 1u);
  auto b = Append(MakeEntry("2026-11-21T08:00:02.000Z", 1, "user.disable", "user", "1", "360104"));
  EXPECT_EQ(b.seq, 2) << "no gap where the rolled-back row would have been";
  EXPECT_EQ(b.prev_hash, a.hash);
}

TEST_P(AuditContract, RangePagesInSeqOrder) {
  std::vector<Entry> rows;
  for (int i = 0; i < 5; ++i)
    rows.push_back(Append(MakeEntry("2026-11-21T08:00:0" + std::to_string(i) + ".000Z", 1, "user.update", "user", "1", "360104")));
  auto seqs = [&](std::int64_t after, std::int64_t limit) {
    std::vector<std::int64_t> out;
    for (const auto& e : Range(after, limit)) out.push_back(e.seq);
    return out;
  };
  EXPECT_EQ(seqs(0, 2), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(seqs(2, 2), (std::vector<std::int64_t>{3, 4}));
  EXPECT_EQ(seqs(4, 2), (std::vector<std::int64_t>{5}));
  EXPECT_EQ(seqs(5, 2), (std::vector<std::int64_t>{}));
  EXPECT_EQ(seqs(kMaxId, 2), (std::vector<std::int64_t>{}));
  EXPECT_EQ(seqs(0, 0), (std::vector<std::int64_t>{}));
  EXPECT_EQ(seqs(-1, 100), (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
  // Streaming the chain in pages through the verifier, as `huanxin audit verify` does.
  core::audit::VerifyState state;
  for (std::int64_t after = 0;;) {
    auto page = Range(after, 2);
    if (page.empty()) break;
    EXPECT_EQ(core::audit::VerifyEntries(page, state), std::nullopt);
    after = page.back().seq;
  }
  EXPECT_EQ(state.next_seq, 6);
  EXPECT_EQ(state.prev_hash, Head().second);
}

TEST_P(AuditContract, ListFiltersNewestFirstWithTotals) {
  // seq: at, user, action, entity, entity_id, region
  Append(MakeEntry("2026-11-20T23:59:59.999Z", 1, "user.create", "user", "10", "36"));            // 1
  Append(MakeEntry("2026-11-21T00:00:00.000Z", 2, "user.update", "user", "10", "3601"));          // 2
  Append(MakeEntry("2026-11-21T08:00:00.000Z", 2, "estate.create", "estate", "5", "360103001001"));  // 3
  Append(MakeEntry("2026-11-21T12:00:00.000Z", 3, "estate.update", "estate", "5", "360104002001"));  // 4
  Append(MakeEntry("2026-11-22T00:00:00.000Z", 3, "ballot.cast", "ballot", "7/9", "360104002002"));  // 5
  Append(MakeEntry("2026-11-22T00:00:00.001Z", 0, "region.import", "region", "", ""));               // 6
  auto with = [](auto set) {
    AuditFilter f;
    set(f);
    return f;
  };
  EXPECT_EQ(Seqs(AuditFilter{}), Want({6, 5, 4, 3, 2, 1}));
  // Scope prefixes are plain string prefixes: '3601' vs '36010' vs '360104'.
  const std::vector<std::pair<std::string, std::vector<std::int64_t>>> scopes = {
      {"36", {5, 4, 3, 2, 1}}, {"3601", {5, 4, 3, 2}}, {"36010", {5, 4, 3}}, {"360104", {5, 4}},
      {"360104002001", {4}},   {"3601040020011", {}},  {"360103", {3}},      {"3602", {}},
  };
  for (const auto& scope : scopes) {
    const auto& prefix = scope.first;  // clang 14 cannot capture a structured binding in a lambda
    EXPECT_EQ(Seqs(with([&](AuditFilter& f) { f.scope_prefix = prefix; })), Want(scope.second)) << "scope '" << prefix << "'";
  }
  // A region filter narrows within the scope.
  EXPECT_EQ(Seqs(with([](AuditFilter& f) {
              f.scope_prefix = "3601";
              f.region_prefix = "360104";
            })),
            Want({5, 4}));
  EXPECT_EQ(Seqs(with([](AuditFilter& f) {
              f.scope_prefix = "360104";
              f.region_prefix = "360103";
            })),
            Want({}));
  EXPECT_EQ(Seqs(with([](AuditFilter& f) { f.entity = "estate"; })), Want({4, 3}));
  EXPECT_EQ(Seqs(with([](AuditFilter& f) {
              f.entity = "user";
              f.entity_id = "10";
            })),
            Want({2, 1}));
  EXPECT_EQ(Seqs(with([](AuditFilter& f) { f.entity_id = "7/9"; })), Want({5}));
  EXPECT_EQ(Seqs(with([](AuditFilter& f) { f.entity_id = ""; })), Want({6}));
  EXPECT_EQ(Seqs(with([](AuditFilter& f) { f.action = "user.update"; })), Want({2}));
  EXPECT_EQ(Seqs(with([](AuditFilter& f) { f.action = "user"; })), Want({})) << "actions are exact, not prefixes";
  EXPECT_EQ(Seqs(with([](AuditFilter& f) { f.user_id = 3; })), Want({5, 4}));
  EXPECT_EQ(Seqs(with([](AuditFilter& f) { f.user_id = 0; })), Want({6}));
  EXPECT_EQ(Seqs(with([](AuditFilter& f) { f.user_id = kMaxId; })), Want({}));
  // Time window: from inclusive, to exclusive (ISO text compares as time).
  EXPECT_EQ(Seqs(with([](AuditFilter& f) {
              f.from = "2026-11-21T00:00:00.000Z";
              f.to = "2026-11-22T00:00:00.000Z";
            })),
            Want({4, 3, 2}));
  EXPECT_EQ(Seqs(with([](AuditFilter& f) { f.from = "2026-11-22T00:00:00.000Z"; })), Want({6, 5}));
  EXPECT_EQ(Seqs(with([](AuditFilter& f) { f.to = "2026-11-21T00:00:00.000Z"; })), Want({1}));
  EXPECT_EQ(Seqs(with([](AuditFilter& f) {
              f.from = "2026-11-22T00:00:00.000Z";
              f.to = "2026-11-22T00:00:00.000Z";
            })),
            Want({}));
  // Everything at once.
  EXPECT_EQ(Seqs(with([](AuditFilter& f) {
              f.scope_prefix = "360104";
              f.entity = "estate";
              f.action = "estate.update";
              f.user_id = 3;
              f.from = "2026-11-21T12:00:00.000Z";
            })),
            Want({4}));
  // Pages: newest first, the total whatever the page.
  EXPECT_EQ(Seqs(with([](AuditFilter& f) { f.limit = 4; })), std::pair(std::vector<std::int64_t>{6, 5, 4, 3}, std::int64_t{6}));
  EXPECT_EQ(Seqs(with([](AuditFilter& f) {
              f.limit = 4;
              f.offset = 4;
            })),
            std::pair(std::vector<std::int64_t>{2, 1}, std::int64_t{6}));
  EXPECT_EQ(Seqs(with([](AuditFilter& f) {
              f.limit = 4;
              f.offset = 6;
            })),
            std::pair(std::vector<std::int64_t>{}, std::int64_t{6}));
  // Listed entries carry every column.
  Page page;
  AuditFilter one;
  one.entity_id = "7/9";
  auto got = Get([&](Session& s) { return AuditRepository::List(s, one, page); });
  auto all = Range(0, 100);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(Fields(got[0]), Fields(all[4]));
}

TEST_P(AuditContract, TriggersRefuseEveryUpdateAndDeleteAndLeaveTheChainIntact) {
  auto a = Append(MakeEntry("2026-11-21T08:00:00.000Z", 1, "user.create", "user", "1", "360104002"));
  auto b = Append(MakeEntry("2026-11-21T08:00:01.000Z", 1, "user.update", "user", "1", "360104002"));
  auto before = AllFields(Range(0, 100));
  const std::vector<std::string> forgeries = {
      "UPDATE audit_log SET action = 'forged' WHERE seq = 1",
      "UPDATE audit_log SET action = action",  // even a no-op rewrite
      "UPDATE audit_log SET hash = prev_hash WHERE seq = 2",
      "DELETE FROM audit_log WHERE seq = 2",  // cutting the tail
      "DELETE FROM audit_log",
  };
  for (const auto& sql : forgeries) {
    auto err = Refused([&](Session& s) -> Result<void> {
      auto n = s.Exec(sql);
      if (!n) return std::move(n).error();
      return Ok();
    });
    EXPECT_EQ(err.code, ErrorCode::kInternal) << sql;
    EXPECT_EQ(err.reason, "store.error") << sql;
  }
  EXPECT_EQ(AllFields(Range(0, 100)), before);
  EXPECT_EQ(Head(), std::pair(std::int64_t{2}, b.hash));
  // The chain goes on after the refused attempts.
  auto c = Append(MakeEntry("2026-11-21T08:00:02.000Z", 1, "user.disable", "user", "1", "360104002"));
  EXPECT_EQ(c.seq, 3);
  EXPECT_EQ(c.prev_hash, b.hash);
  core::audit::VerifyState state;
  EXPECT_EQ(core::audit::VerifyEntries(Range(0, 100), state), std::nullopt);
  (void)a;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, AuditContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, AuditContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
