#include "core/audit/chain.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "common/crypto.hpp"

namespace huanxin::core::audit {
namespace {

std::vector<Entry> MakeChain(int n) {
  std::vector<Entry> out;
  std::string prev = kGenesisHash;
  for (int i = 1; i <= n; ++i) {
    Entry e;
    e.seq = i;
    e.at = "2026-11-21T08:00:0" + std::to_string(i) + ".000Z";
    e.user_id = 1;
    e.username = "admin";
    e.role = "admin";
    e.action = "user.create";
    e.entity = "user";
    e.entity_id = std::to_string(i + 1);
    e.changes = R"({"role":{"from":null,"to":"street"}})";
    e.request_id = "r" + std::to_string(i);
    e.prev_hash = prev;
    e.hash = ChainHash(prev, e);
    prev = e.hash;
    out.push_back(e);
  }
  return out;
}

TEST(AuditChain, IntactChainVerifies) {
  ASSERT_TRUE(InitCrypto());
  auto chain = MakeChain(5);
  VerifyState state;
  EXPECT_EQ(VerifyEntries(chain, state), std::nullopt);
  EXPECT_EQ(state.next_seq, 6);
}

TEST(AuditChain, EditedFieldIsNamedByItsSeq) {
  auto chain = MakeChain(5);
  chain[2].changes = R"({"role":{"from":null,"to":"admin"}})";
  VerifyState state;
  EXPECT_EQ(VerifyEntries(chain, state), 3);
}

TEST(AuditChain, DeletedRowBreaksAtTheGap) {
  auto chain = MakeChain(5);
  chain.erase(chain.begin() + 1);
  VerifyState state;
  EXPECT_EQ(VerifyEntries(chain, state), 3);
}

TEST(AuditChain, FieldBoundariesCannotBeShifted) {
  Entry a, b;
  a.username = "ab";
  a.role = "c";
  b.username = "a";
  b.role = "bc";
  EXPECT_NE(CanonicalContent(a), CanonicalContent(b));
}

}  // namespace
}  // namespace huanxin::core::audit
