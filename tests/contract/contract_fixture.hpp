// Shared fixture of the per-repository contract suites (tests/contract/<context>_contract_test.cpp).
//
// Every suite derives from ContractTest and is instantiated twice, `Sqlite/` and `Postgres/`, with
// the same test code: a repository is written once against the Database port, so its contract must
// hold on both drivers (ARCHITECTURE.md §3; CONVENTIONS.md, Tests). Each test gets a fresh, migrated
// database (SQLite file, or a PostgreSQL database of its own on HUANXIN_TEST_PG) with the small
// region tree of testing::SeedRegions, and sets up the rest of its data through the repositories.
//
// Helpers that run inside a session (Must, Add*) throw on a store error: the driver rolls the
// transaction back and GoogleTest fails the test with the error's reason and detail.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

#include "common/crypto.hpp"
#include "store/auth/user_repository.hpp"
#include "store/database.hpp"
#include "store/register/register_repository.hpp"
#include "testing/test_db.hpp"

namespace huanxin::store::contract {

inline constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
// Above 2^53 (not exact as a JavaScript number) and above 2^32: ids and user numbers must round-trip
// as 64-bit integers on both drivers.
inline constexpr std::int64_t kLargeId = 9'007'199'254'740'993;
inline constexpr const char* kAt = "2026-11-21T08:00:00.000Z";
// Text that trips naive SQL building or encodings: CJK, an emoji (4-byte UTF-8), a quote, a
// placeholder mark, a backslash, a percent sign and a tab.
inline const std::string kTrickyText = "洪都新村 1号楼 🏠 O'Brien ? \\ 100% \t末";

inline std::string Describe(const Error& e) { return e.reason + ": " + e.message.en + " " + e.detail.en; }

// The value of `r`, or throws (inside a transaction callback: the transaction rolls back and the
// test fails with the store error).
template <typename T>
T Must(Result<T> r) {
  if (!r) throw std::runtime_error("store error " + Describe(r.error()));
  return std::move(*r);
}
inline void Must(Result<void> r) {
  if (!r) throw std::runtime_error("store error " + Describe(r.error()));
}

class ContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    auto dsn = testing::FreshDsn(GetParam());
    if (IsSkipped()) return;  // PostgreSQL not configured on a developer machine (CI fails instead)
    ASSERT_FALSE(dsn.empty());
    db_ = testing::OpenMigrated(dsn);
    ASSERT_TRUE(db_);
    ASSERT_FALSE(HasFailure());
    testing::SeedRegions(*db_);
    ASSERT_FALSE(HasFailure());
  }

  // Runs fn (Session& → Result<T>) in a write / read transaction and returns its value; a store
  // error fails the test (thrown as std::runtime_error, reported by GoogleTest).
  template <typename Fn>
  auto Put(Fn&& fn) {
    return Must(WriteResult(*db_, std::forward<Fn>(fn)));
  }
  template <typename Fn>
  auto Get(Fn&& fn) {
    return Must(ReadResult(*db_, std::forward<Fn>(fn)));
  }
  // Runs fn in a write transaction that must fail; returns the error (and rolls back).
  Error Refused(const std::function<Result<void>(Session&)>& fn) {
    auto r = db_->Write(fn);
    if (r) {
      ADD_FAILURE() << "the write was expected to fail but committed";
      return Error{};
    }
    return r.error();
  }
  std::int64_t Count(const std::string& sql, const Params& params = {}) {
    return Get([&](Session& s) { return QueryInt(s, sql, params); });
  }

  // ---- data set-up through the register and user repositories ----

  static std::int64_t AddEstate(Session& s, const std::string& region, const std::string& name, int built_year = 1990) {
    EstateRecord e;
    e.region_code = region;
    e.name = name;
    e.address = "地址 " + name;
    e.built_year = built_year;
    e.ownership_types = "housing_reform";
    e.property_mode = "none";
    e.status = "registered";
    e.created_at = e.updated_at = kAt;
    return Must(EstateRepository::Insert(s, e));
  }
  static std::int64_t AddBuilding(Session& s, std::int64_t estate, const std::string& region, const std::string& number,
                                  int stairwells = 2) {
    BuildingRecord b{0, estate, region, number, 6, stairwells, "brick_concrete", 1988, false, "none", kAt, kAt};
    return Must(BuildingRepository::Insert(s, b));
  }
  static std::int64_t AddDwelling(Session& s, std::int64_t building, std::int64_t estate, const std::string& region,
                                  int stairwell, int floor, const std::string& room, std::int64_t area_dm2,
                                  const std::string& sale_status = "sold") {
    DwellingRecord d;
    d.building_id = building;
    d.estate_id = estate;
    d.region_code = region;
    d.stairwell = stairwell;
    d.floor = floor;
    d.room = room;
    d.exclusive_area_dm2 = area_dm2;
    d.area_source = "registered";
    d.use_type = "residential";
    d.sale_status = sale_status;
    d.created_at = d.updated_at = kAt;
    return Must(DwellingRepository::Insert(s, d));
  }
  static std::int64_t AddOwner(Session& s, const std::string& id_number, const std::string& name) {
    return Must(OwnerRepository::Insert(s, {0, id_number, name, std::nullopt, kAt, kAt}));
  }
  static void LinkOwner(Session& s, std::int64_t dwelling, std::int64_t owner, std::int64_t estate,
                        const std::string& region) {
    if (!Must(OwnerRepository::Link(s, dwelling, owner, estate, region)))
      throw std::runtime_error("owner already linked");
  }
  static UserRecord MakeUser(const std::string& username, const std::string& region, const std::string& role = "street") {
    UserRecord u;
    u.username = username;
    u.display_name = "测试 " + username;
    u.role = role;
    u.region_code = region;
    u.password_hash = "$argon2id$dummy";
    u.password_changed_at = u.created_at = u.updated_at = kAt;
    return u;
  }
  static std::int64_t AddUser(Session& s, const std::string& username, const std::string& region,
                              const std::string& role = "street") {
    return Must(UserRepository::Insert(s, MakeUser(username, region, role)));
  }

  std::unique_ptr<Database> db_;
};

}  // namespace huanxin::store::contract
