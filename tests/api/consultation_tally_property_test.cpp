// Property test of the maintained consultation tallies (issue #16), on SQLite and PostgreSQL: random
// estates (co-owners, one owner with several dwellings in several buildings, developer-held and
// public-housing dwellings, dwellings without a recorded owner), thousands of random ballots through
// the service (changes of choice, owners' other dwellings carried along or refused as conflicts,
// items and dwellings limited by rounds), and now and then a register change that merges or splits
// heads after they voted. After every batch the tally read from the maintained aggregates must equal
// a full recount, field by field and explanation by explanation, for every round; and it must really
// come from the aggregates (except between a register change and the next ballot, when the aggregates
// are stale and the tally falls back to the recount).
//
// Seeded: HUANXIN_PROPERTY_SEED=<n> replays a run; every failure prints the seed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <sstream>

#include "common/clock.hpp"
#include "common/crypto.hpp"
#include "service/catalogue/catalogue_service.hpp"
#include "service/consultation/consultation_service.hpp"
#include "service/file/file_service.hpp"
#include "store/register/register_repository.hpp"
#include "testing/test_db.hpp"

namespace huanxin::testing {
namespace {

namespace cs = core::consult;
using store::Int;

constexpr const char* kRegion = "360104002001";
constexpr const char* kAt = "2026-12-04T08:00:00.000Z";

template <typename T>
T Must(Result<T> r) {
  if (!r) throw std::runtime_error(r.error().reason + ": " + r.error().message.en + " " + r.error().detail.en);
  return std::move(*r);
}
inline void Must(Result<void> r) {
  if (!r) throw std::runtime_error(r.error().reason + ": " + r.error().message.en + " " + r.error().detail.en);
}

std::string Describe(const cs::Counts& c) {
  return std::to_string(c.heads) + "/" + std::to_string(c.area_dm2) + "/" + std::to_string(c.dwellings);
}
std::string Describe(const cs::ItemTally& t) {
  std::ostringstream o;
  o << "eligible " << Describe(t.eligible) << " participated " << Describe(t.participated) << " agree "
    << Describe(t.agree) << " disagree " << Describe(t.disagree) << " abstain " << Describe(t.abstain) << " conflicts "
    << t.conflicting_heads << " quorum " << t.quorum_met << " verdict " << cs::VerdictCode(t.verdict) << " base "
    << cs::ApprovalBaseCode(t.approval_base) << " | " << t.explanation.zh << " | " << t.explanation.en;
  return o.str();
}
std::string Describe(const cs::ItemRates& r) {
  return std::to_string(r.agree_bp) + "," + std::to_string(r.agree_area_bp) + "," + std::to_string(r.participation_bp) +
         "," + std::to_string(r.participation_area_bp);
}
// Everything a tally shows, one line per fact (a diff of two of them names the first difference).
std::string Describe(const service::TallyView& v) {
  std::ostringstream o;
  o << "round " << v.round << " overall " << v.overall_agree << "/" << v.overall_eligible << " " << v.overall_rate_bp
    << "\n";
  for (const auto& iv : v.consultation.items)
    o << "unit of item " << iv.item.id << ": " << iv.eligible_dwellings << " dwellings\n";
  for (const auto& i : v.items)
    o << "item " << i.item->item.id << " r" << i.round << " " << i.verdict << "/" << i.provisional << " rates "
      << Describe(i.rates) << " " << Describe(i.tally) << "\n";
  for (const auto& b : v.buildings) {
    o << "building " << b.building_id << " " << b.number << "\n";
    for (const auto& i : b.items)
      o << "  item " << i.item_id << " decisive " << i.decisive << " " << i.verdict << " rates " << Describe(i.rates)
        << " " << Describe(i.tally) << "\n";
  }
  for (const auto& r : v.rounds) {
    o << "summary r" << r.round << " " << r.agree << "/" << r.eligible << " " << r.agree_rate_bp;
    for (const auto& [id, rate, verdict] : r.items) o << " " << id << ":" << rate << ":" << verdict;
    o << "\n";
  }
  return o.str();
}

class ConsultationTallyPropertyTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    auto dsn = FreshDsn(GetParam());
    if (IsSkipped()) return;
    ASSERT_FALSE(dsn.empty());
    db_ = OpenMigrated(dsn);
    ASSERT_TRUE(db_);
    SeedRegions(*db_);
    files_dir_ = std::filesystem::temp_directory_path() / ("hx-tally-prop-" + std::to_string(::getpid()));
    catalogue_ = std::make_unique<service::CatalogueService>(*db_, clock_);
    files_ = std::make_unique<service::FileService>(*db_, clock_, files_dir_.string());
  }
  void TearDown() override { std::filesystem::remove_all(files_dir_); }

  struct Estate {
    std::int64_t id = 0;
    std::vector<std::int64_t> buildings, dwellings, owners;
    std::vector<int> stairwell_of;
  };

  // A random estate: 3 buildings × 2 stairwells, `n` dwellings. Owners are drawn so that heads of
  // every kind occur: one owner, two co-owners, an owner set repeated on 2–3 dwellings (also across
  // buildings), co-owner chains (transitive merges), developer-held, public housing, no owner.
  Estate MakeEstate(std::mt19937_64& rng, int n) {
    Estate e;
    Must(db_->Write([&](store::Session& s) -> Result<void> {
      store::EstateRecord er;
      er.region_code = kRegion;
      er.name = "随机小区";
      er.address = "随机路";
      er.built_year = 1990;
      er.ownership_types = "commodity";
      er.property_mode = "none";
      er.status = "registered";
      er.created_at = er.updated_at = kAt;
      e.id = Must(store::EstateRepository::Insert(s, er));
      for (int b = 0; b < 3; ++b)
        e.buildings.push_back(Must(store::BuildingRepository::Insert(
            s, {0, e.id, kRegion, std::to_string(3 - b), 6, 2, "brick_concrete", 1988, false, "none", kAt, kAt})));
      for (int k = 0; k < n / 2; ++k)
        e.owners.push_back(Must(store::OwnerRepository::Insert(
            s, {0, "P" + std::to_string(e.id) + "-" + std::to_string(k), "业主", std::nullopt, kAt, kAt})));
      std::uniform_int_distribution<int> pct(0, 99);
      std::uniform_int_distribution<std::size_t> owner(0, e.owners.size() - 1);
      std::vector<std::vector<std::int64_t>> sets;  // owner sets already used, to repeat
      for (int k = 0; k < n; ++k) {
        store::DwellingRecord d;
        d.building_id = e.buildings[k % 3];
        d.estate_id = e.id;
        d.region_code = kRegion;
        d.stairwell = 1 + (k / 3) % 2;
        d.floor = 1 + k % 6;
        d.room = std::to_string(100 + k);
        d.exclusive_area_dm2 = 4000 + 137 * (k % 41);
        d.area_source = "registered";
        d.use_type = "residential";
        int p = pct(rng);
        d.sale_status = p < 6 ? "developer_unsold" : p < 9 ? "sold_undelivered" : p < 13 ? "public_housing" : "sold";
        d.created_at = d.updated_at = kAt;
        auto id = Must(store::DwellingRepository::Insert(s, d));
        e.dwellings.push_back(id);
        e.stairwell_of.push_back(d.stairwell);
        int q = pct(rng);
        std::vector<std::int64_t> set;
        if (q < 5) {
          // no owner recorded
        } else if (q < 30 && !sets.empty()) {
          set = sets[std::uniform_int_distribution<std::size_t>(0, sets.size() - 1)(rng)];  // same buyer again
        } else if (q < 50) {
          set = {e.owners[owner(rng)], e.owners[owner(rng)]};  // co-owners (maybe chaining)
        } else {
          set = {e.owners[owner(rng)]};
        }
        std::sort(set.begin(), set.end());
        set.erase(std::unique(set.begin(), set.end()), set.end());
        for (auto o : set) Must(store::OwnerRepository::Link(s, id, o, e.id, kRegion));
        if (!set.empty()) sets.push_back(set);
      }
      return Ok();
    }));
    return e;
  }

  // A register change after ballots: a dwelling gets another dwelling's owner set (heads merge) or
  // loses an owner (heads split). Returns whether anything changed.
  bool ChangeRegister(std::mt19937_64& rng, const Estate& e) {
    std::uniform_int_distribution<std::size_t> pick(0, e.dwellings.size() - 1);
    auto a = e.dwellings[pick(rng)], b = e.dwellings[pick(rng)];
    bool changed = false;
    Must(db_->Write([&](store::Session& s) -> Result<void> {
      auto da = Must(store::DwellingRepository::Find(s, a));
      auto db = Must(store::DwellingRepository::Find(s, b));
      if (!da || !db || a == b) return Ok();
      if (!db->owners.empty() && rng() % 3 == 0) {
        changed = Must(store::OwnerRepository::Unlink(s, b, db->owners.front().id));
        return Ok();
      }
      for (const auto& o : db->owners) changed |= Must(store::OwnerRepository::Unlink(s, b, o.id));
      for (const auto& o : da->owners) changed |= Must(store::OwnerRepository::Link(s, b, o.id, e.id, kRegion));
      return Ok();
    }));
    return changed;
  }

  void Check(service::ConsultationService& svc, std::int64_t c, int current_round, bool expect_aggregates,
             std::uint64_t seed, int batch) {
    auto actor = service::Actor::System("property");
    for (int round = 0; round <= current_round; ++round) {
      auto kept = svc.Tally(actor, c, round);
      auto full = svc.Tally(actor, c, round, service::TallySource::kRecount);
      ASSERT_TRUE(kept && full) << "seed " << seed;
      ASSERT_EQ(kept->from_aggregates, expect_aggregates) << "seed " << seed << " batch " << batch;
      ASSERT_FALSE(full->from_aggregates);
      ASSERT_EQ(Describe(*kept), Describe(*full)) << "seed " << seed << " batch " << batch << " round " << round;
    }
  }

  void Run(core::reg::HeadcountReading reading, std::uint64_t seed, int dwellings, int batches, int per_batch) {
    std::mt19937_64 rng(seed);
    service::ConsultationService svc(*db_, clock_, *catalogue_, *files_, reading);
    auto actor = service::Actor::System("property");
    auto e = MakeEstate(rng, dwellings);
    service::ConsultationInput in;
    in.estate_id = e.id;
    in.title = "随机表决";
    in.kind = "menu";
    auto item = [](cs::Rule rule, std::string scope, std::optional<std::int64_t> building, std::optional<int> stairwell) {
      service::ConsultationItemInput i;
      i.title = "事项";
      i.rule = rule;
      i.scope_type = std::move(scope);
      i.building_id = building;
      i.stairwell = stairwell;
      return i;
    };
    in.items = {item(cs::Art278Rule{7}, "estate", std::nullopt, std::nullopt),
                item(cs::CustomRule{}, "estate", std::nullopt, std::nullopt),
                item(cs::Art278Rule{2}, "building", e.buildings[0], std::nullopt),
                item(cs::Art278Rule{8}, "stairwell", e.buildings[1], 2)};
    auto created = svc.Create(actor, in);
    ASSERT_TRUE(created) << created.error().detail.en;
    auto c = created->c.id;
    std::vector<std::int64_t> items;
    for (const auto& i : created->items) items.push_back(i.item.id);
    ASSERT_TRUE(svc.Open(actor, c));
    int round = 1;
    std::vector<std::int64_t> round_items = items;
    std::optional<std::vector<std::int64_t>> round_dwellings;
    std::uniform_int_distribution<int> pct(0, 99);
    std::uniform_int_distribution<std::size_t> pick(0, e.dwellings.size() - 1);
    const cs::Choice choices[] = {cs::Choice::kAgree, cs::Choice::kDisagree, cs::Choice::kAbstain};
    std::int64_t accepted = 0, refused = 0;
    Check(svc, c, round, true, seed, -1);
    for (int batch = 0; batch < batches; ++batch) {
      for (int k = 0; k < per_batch; ++k) {
        // Whether item `id`'s voting unit holds dwelling `at` (the estate's layout, MakeEstate).
        auto in_unit = [&](std::int64_t id, std::size_t at) {
          auto n = std::find(items.begin(), items.end(), id) - items.begin();
          std::int64_t building = e.buildings[at % 3];
          return n < 2 || (n == 2 && building == e.buildings[0]) ||
                 (n == 3 && building == e.buildings[1] && e.stairwell_of[at] == 2);
        };
        // A dwelling, mostly of this round's, as the staff would visit: one entitled to vote on some
        // item of the round, except now and then (the refusals below). A round limited to a building's
        // or a stairwell's item would otherwise draw mostly dwellings outside its unit, and which
        // rounds occur depends on the seed.
        std::size_t at = 0;
        for (int attempt = 0; attempt < 20; ++attempt) {
          at = pick(rng);
          if (round_dwellings && pct(rng) < 80)
            at = static_cast<std::size_t>(std::find(e.dwellings.begin(), e.dwellings.end(),
                                                    (*round_dwellings)[std::uniform_int_distribution<std::size_t>(
                                                        0, round_dwellings->size() - 1)(rng)]) -
                                          e.dwellings.begin());
          if (pct(rng) < 5 ||
              std::any_of(round_items.begin(), round_items.end(), [&](auto id) { return in_unit(id, at); }))
            break;
        }
        service::BallotInput b;
        b.channel = "door";
        b.apply_to_owner_dwellings = pct(rng) < 60;
        // Items whose unit holds the dwelling, and now and then one whose unit does not (refused).
        for (auto id : round_items) {
          if (pct(rng) < 35 || (!in_unit(id, at) && pct(rng) < 97)) continue;
          b.choices.emplace_back(id, choices[pct(rng) < 55 ? 0 : pct(rng) < 60 ? 1 : 2]);
        }
        if (b.choices.empty()) {
          auto unit = std::find_if(round_items.begin(), round_items.end(), [&](auto id) { return in_unit(id, at); });
          b.choices.emplace_back(unit != round_items.end() ? *unit : round_items.front(), choices[pct(rng) % 3]);
        }
        auto r = svc.CastBallot(actor, c, e.dwellings[at], b);
        // Refusals (dwelling outside an item's unit or the round, an owner's conflicting choice)
        // must change nothing, aggregates included; the checks below would see it.
        r ? ++accepted : ++refused;
        if (!r && r.error().reason == "consultation.owner_conflict" && pct(rng) < 50) {
          // As the staff would: the owner confirms the new choice for all their dwellings.
          b.apply_to_owner_dwellings = true;
          svc.CastBallot(actor, c, e.dwellings[at], b) ? ++accepted : ++refused;
        }
        if (!r && std::getenv("HUANXIN_PROPERTY_VERBOSE")) std::cerr << r.error().reason << " " << r.error().detail.en << "\n";
      }
      Check(svc, c, round, true, seed, batch);
      if (HasFailure()) return;
      int p = pct(rng);
      if (p < 12) {
        // Heads merge or split after they voted: the aggregates go stale, the tally recounts, and
        // the next accepted ballot rebuilds them.
        if (ChangeRegister(rng, e)) {
          Check(svc, c, round, false, seed, batch);
          if (HasFailure()) return;
        }
      } else if (p < 20 && round < 4) {
        // A new round on some items, sometimes limited to some dwellings.
        round_items.clear();
        for (auto id : items)
          if (pct(rng) < 60) round_items.push_back(id);
        if (round_items.empty()) round_items.push_back(items[0]);
        round_dwellings.reset();
        if (pct(rng) < 50) {
          round_dwellings.emplace();
          for (auto d : e.dwellings)
            if (pct(rng) < 40) round_dwellings->push_back(d);
          if (round_dwellings->empty()) round_dwellings->push_back(e.dwellings[0]);
        }
        auto added = svc.AddRound(actor, c, round_items, round_dwellings);
        ASSERT_TRUE(added) << "seed " << seed << " " << added.error().detail.en;
        ++round;
        bool maintained = svc.Tally(actor, c, std::nullopt)->from_aggregates;
        Check(svc, c, round, maintained, seed, batch);
        if (HasFailure()) return;
      }
    }
    if (std::getenv("HUANXIN_PROPERTY_VERBOSE")) std::cerr << "accepted " << accepted << " refused " << refused << "\n";
    // The run must have exercised the paths it claims to.
    EXPECT_GT(accepted, batches * per_batch / 3) << "seed " << seed;
    EXPECT_GT(refused, 0) << "seed " << seed;
    // Closing changes no count.
    ASSERT_TRUE(svc.Close(actor, c));
    auto kept = svc.Tally(actor, c, std::nullopt);
    auto full = svc.Tally(actor, c, std::nullopt, service::TallySource::kRecount);
    ASSERT_TRUE(kept && full);
    EXPECT_EQ(Describe(*kept), Describe(*full)) << "seed " << seed;
  }

  static std::uint64_t Seed() {
    if (const char* s = std::getenv("HUANXIN_PROPERTY_SEED")) return std::strtoull(s, nullptr, 10);
    return std::random_device{}();
  }

  SystemClock clock_;
  std::unique_ptr<store::Database> db_;
  std::filesystem::path files_dir_;
  std::unique_ptr<service::CatalogueService> catalogue_;
  std::unique_ptr<service::FileService> files_;
};

TEST_P(ConsultationTallyPropertyTest, MaintainedTallyEqualsFullRecountLiteral) {
  if (!db_) return;
  auto seed = Seed();
  RecordProperty("seed", std::to_string(seed));
  SCOPED_TRACE("HUANXIN_PROPERTY_SEED=" + std::to_string(seed));
  Run(core::reg::HeadcountReading::kLiteral, seed, 60, 30, 25);
}

TEST_P(ConsultationTallyPropertyTest, MaintainedTallyEqualsFullRecountTransitive) {
  if (!db_) return;
  auto seed = Seed();
  RecordProperty("seed", std::to_string(seed));
  SCOPED_TRACE("HUANXIN_PROPERTY_SEED=" + std::to_string(seed));
  Run(core::reg::HeadcountReading::kTransitive, seed, 60, 25, 25);
}

// The aggregates of an estate go stale on every kind of register write that can move a head, an
// area or a unit, and only then (a room renamed keeps them).
TEST_P(ConsultationTallyPropertyTest, RegisterWritesMakeTheAggregatesStale) {
  if (!db_) return;
  std::mt19937_64 rng(7);
  service::ConsultationService svc(*db_, clock_, *catalogue_, *files_);
  auto actor = service::Actor::System("property");
  auto e = MakeEstate(rng, 12);
  service::ConsultationInput in;
  in.estate_id = e.id;
  in.title = "登记变更";
  in.kind = "menu";
  service::ConsultationItemInput i;
  i.title = "事项";
  i.rule = cs::Art278Rule{7};
  in.items = {i};
  auto c = Must(svc.Create(actor, in)).c.id;
  ASSERT_TRUE(svc.Open(actor, c));
  auto valid = [&] { return Must(svc.Tally(actor, c, std::nullopt)).from_aggregates; };
  auto refresh = [&] {  // a ballot rebuilds stale aggregates
    service::BallotInput b{{{Must(svc.Get(actor, c)).items[0].item.id, cs::Choice::kAgree}}, "door", std::nullopt, true};
    ASSERT_TRUE(svc.CastBallot(actor, c, e.dwellings[0], b));
    ASSERT_TRUE(valid());
  };
  ASSERT_TRUE(valid());
  auto write = [&](const std::function<void(store::Session&)>& fn) {
    Must(db_->Write([&](store::Session& s) -> Result<void> {
      fn(s);
      return Ok();
    }));
  };
  auto dwelling = [&](store::Session& s, std::int64_t id) { return *Must(store::DwellingRepository::Find(s, id)); };
  write([&](store::Session& s) {
    auto d = dwelling(s, e.dwellings[1]);
    d.room = "999";
    Must(store::DwellingRepository::Update(s, d));
  });
  EXPECT_TRUE(valid()) << "a renamed room moves no count";
  for (int step = 0; step < 5; ++step) {
    write([&](store::Session& s) {
      auto d = dwelling(s, e.dwellings[2]);
      if (step == 0) d.exclusive_area_dm2 += 100;
      if (step == 1) d.sale_status = d.sale_status == "sold" ? "public_housing" : "sold";
      if (step == 2) d.stairwell = 3 - d.stairwell;
      if (step < 3) Must(store::DwellingRepository::Update(s, d));
      if (step == 3)  // no API moves a dwelling to another building: a hand edit
        Must(s.Exec("UPDATE dwelling SET building_id = ? WHERE id = ?",
                    {Int(e.buildings[(std::find(e.buildings.begin(), e.buildings.end(), d.building_id) - e.buildings.begin() + 1) % 3]),
                     Int(d.id)}));
      if (step == 4) Must(store::OwnerRepository::Link(s, e.dwellings[2], e.owners[0], e.id, kRegion));
    });
    EXPECT_FALSE(valid()) << "step " << step;
    refresh();
  }
  write([&](store::Session& s) { Must(store::OwnerRepository::Unlink(s, e.dwellings[2], e.owners[0])); });
  EXPECT_FALSE(valid());
  refresh();
  write([&](store::Session& s) {
    auto d = dwelling(s, e.dwellings[3]);
    d.id = 0;
    d.room = "new";
    Must(store::DwellingRepository::Insert(s, d));
  });
  EXPECT_FALSE(valid());
  // A full recount agrees after every rebuild.
  refresh();
  EXPECT_EQ(Describe(Must(svc.Tally(actor, c, std::nullopt))),
            Describe(Must(svc.Tally(actor, c, std::nullopt, service::TallySource::kRecount))));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ConsultationTallyPropertyTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, ConsultationTallyPropertyTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
