#include "service/consultation/consultation_service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <functional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "common/crypto.hpp"
#include "common/image_meta.hpp"
#include "common/text.hpp"
#include "core/auth/role.hpp"
#include "core/register/identity.hpp"
#include "service/audit/audit_service.hpp"
#include "store/register/register_repository.hpp"

namespace huanxin::service {

namespace json = boost::json;
namespace cs = core::consult;
namespace perm = core::auth::perm;
using store::ConsultationRepository;
using Repo = store::ConsultationRepository;

namespace {

constexpr std::size_t kCodeChars = 10;     // 50 bits: printed on the ballot, typed on the phone
constexpr std::size_t kReceiptChars = 12;  // 60 bits
constexpr std::size_t kMaxItems = 60;

// material_choice: residents choose among material samples (望奎's sample room, REFERENCE.md §10);
// each item is one sample, the sample most dwellings agree to is the residents' choice.
const std::set<std::string> kKinds{"willingness", "menu", "plan_approval", "formal_decision", "management",
                                   "material_choice"};
const std::set<std::string> kChannels{"door", "paper", "online"};
const std::set<std::string> kOutcomes{"absent", "refused", "agreed", "will_decide"};

Error NoConsultation() {
  return NotFound("consultation.not_found", Text("协商事项不存在", "no such consultation"));
}

Error BadField(const std::string& field, Text detail, Text hint = {}) {
  return Invalid("consultation.invalid_field", Text("字段 " + field + " 不正确", "field " + field + " is invalid"),
                 std::move(detail), std::move(hint));
}

Error StateConflict(const store::ConsultationRecord& c) {
  if (c.state == "closed")
    return MakeError(ErrorCode::kConflict, "consultation.closed", Text("协商已结束，不能再投票或修改", "the consultation is closed"),
                     Text::Same(c.closed_at.value_or("")));
  if (c.state == "draft")
    return MakeError(ErrorCode::kConflict, "consultation.not_open", Text("协商尚未开始", "the consultation is not open yet"),
                     {}, Text("请先开始协商", "open it first"));
  return MakeError(ErrorCode::kConflict, "consultation.state", Text("当前状态不允许此操作", "not allowed in this state"),
                   Text::Same(c.state));
}

bool InUnit(const store::ConsultationItemRecord& item, const store::VoterDwelling& d) {
  if (item.scope_type == "estate") return true;
  if (!item.building_id || d.building_id != *item.building_id) return false;
  return item.scope_type == "building" || (item.stairwell && d.stairwell == *item.stairwell);
}

core::reg::DwellingShare ShareOf(const store::VoterDwelling& d) {
  return {d.id, d.area_dm2, core::reg::SaleStatusOf(d.sale_status), d.owner_ids};
}

std::vector<core::reg::DwellingShare> Eligible(const store::ConsultationItemRecord& item,
                                               const std::vector<store::VoterDwelling>& all) {
  std::vector<core::reg::DwellingShare> out;
  for (const auto& d : all)
    if (InUnit(item, d)) out.push_back(ShareOf(d));
  return out;
}

bool Contains(const std::vector<std::int64_t>& v, std::int64_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::string ChoicesJson(const std::vector<std::pair<std::int64_t, std::string>>& choices) {
  json::array a;
  for (const auto& [item, choice] : choices) a.push_back({{"itemId", item}, {"choice", choice}});
  return json::serialize(a);
}

std::vector<std::pair<std::int64_t, std::string>> ParseChoicesJson(const std::string& text) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.as_array())
    if (e.is_object() && e.as_object().if_contains("itemId") && e.as_object().if_contains("choice"))
      out.emplace_back(e.at("itemId").to_number<std::int64_t>(), std::string(e.at("choice").as_string()));
  return out;
}

std::vector<std::string> MaskedNames(const std::vector<std::pair<std::int64_t, std::string>>& names, std::int64_t dwelling) {
  std::vector<std::string> out;
  auto it = std::lower_bound(names.begin(), names.end(), std::pair<std::int64_t, std::string>{dwelling, ""});
  for (; it != names.end() && it->first == dwelling; ++it) out.push_back(core::reg::MaskName(it->second));
  return out;
}

// The round that governs an item at `round`: the latest round ≤ `round` that included it.
const store::RoundRecord* CurrentRound(const std::vector<store::RoundRecord>& rounds, int number) {
  for (const auto& r : rounds)
    if (r.number == number) return &r;
  return nullptr;
}

using CountsKey = std::tuple<int, std::int64_t, std::int64_t>;  // round (0 = eligible), item, building (0 = unit)

void AddCounts(cs::Counts& to, const cs::Counts& c) {
  to.heads += c.heads;
  to.area_dm2 += c.area_dm2;
  to.dwellings += c.dwellings;
}

// The rows of one counted set: agree/disagree/abstain/conflict of `round` (non-zero only), or the
// eligible row when round is 0.
void PushRows(std::vector<store::TallyRow>& out, int round, std::int64_t item, std::int64_t building,
              const cs::ItemCounts& c) {
  auto push = [&](const char* bucket, const cs::Counts& x) {
    if (x.heads != 0 || x.area_dm2 != 0 || x.dwellings != 0)
      out.push_back({round, item, building, bucket, x.heads, x.area_dm2, x.dwellings});
  };
  if (round == 0) {
    push("eligible", c.eligible);
    return;
  }
  push("agree", c.agree);
  push("disagree", c.disagree);
  push("abstain", c.abstain);
  push("conflict", {c.conflicting_heads, 0, 0});
}

cs::Counts Minus(const cs::Counts& a, const cs::Counts& b) {
  return {a.heads - b.heads, a.area_dm2 - b.area_dm2, a.dwellings - b.dwellings};
}

// Standing ballots per item at the end of round k: the last event per (item, dwelling), round ≤ k.
using Standing = std::unordered_map<std::int64_t, std::unordered_map<std::int64_t, cs::Cast>>;
Standing StandingAt(const std::vector<store::BallotEventRecord>& events, int k) {
  Standing by_item;
  for (const auto& e : events)
    if (e.round <= k) by_item[e.item_id][e.dwelling_id] = {cs::ParseChoice(e.choice).value_or(cs::Choice::kAbstain), e.seq};
  return by_item;
}
const std::unordered_map<std::int64_t, cs::Cast>& BallotsOf(const Standing& by_item, std::int64_t item_id) {
  static const std::unordered_map<std::int64_t, cs::Cast> kNone;
  auto it = by_item.find(item_id);
  return it == by_item.end() ? kNone : it->second;
}
}  // namespace

// ---- rule JSON (API and storage form) ----

std::string RuleToJson(const cs::Rule& rule) {
  json::object o;
  if (const auto* a = std::get_if<cs::Art278Rule>(&rule)) {
    o = {{"type", "art278"}, {"matter", a->matter}};
  } else {
    const auto& c = std::get<cs::CustomRule>(rule);
    o = {{"type", "custom"},
         {"countBy", c.count_by_owners ? "owners" : "dwellings"},
         {"base", c.base_all ? "all" : "participants"},
         {"threshold", cs::FormatFraction(c.threshold)},
         {"inclusive", c.inclusive}};
    if (c.area_threshold) o["areaThreshold"] = cs::FormatFraction(*c.area_threshold);
    if (c.quorum) o["quorum"] = cs::FormatFraction(*c.quorum);
  }
  return json::serialize(o);
}

Result<cs::Rule> RuleFromJson(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return BadField("rule", Text("应为对象", "must be an object"));
  const auto& o = v.as_object();
  auto str = [&](const char* k) -> std::optional<std::string> {
    const auto* f = o.if_contains(k);
    if (!f || !f->is_string()) return std::nullopt;
    return std::string(f->as_string());
  };
  auto type = str("type");
  if (type == "art278") {
    const auto* m = o.if_contains("matter");
    if (!m || !m->is_int64())
      return BadField("rule.matter", Text("应为1–9的整数", "must be an integer 1–9"));
    cs::Rule r = cs::Art278Rule{static_cast<int>(m->as_int64())};
    if (auto ok = cs::ValidateRule(r); !ok) return std::move(ok).error();
    return r;
  }
  if (type != "custom")
    return BadField("rule.type", Text("应为 art278 或 custom", "must be art278 or custom"));
  cs::CustomRule c;
  auto count_by = str("countBy").value_or("owners");
  if (count_by != "owners" && count_by != "dwellings")
    return BadField("rule.countBy", Text("应为 owners 或 dwellings", "must be owners or dwellings"));
  c.count_by_owners = count_by == "owners";
  auto base = str("base").value_or("all");
  if (base != "all" && base != "participants")
    return BadField("rule.base", Text("应为 all 或 participants", "must be all or participants"));
  c.base_all = base == "all";
  auto fraction = [&](const char* k, bool required) -> Result<std::optional<cs::Fraction>> {
    const auto* f = o.if_contains(k);
    if (!f || f->is_null()) {
      if (required) return BadField(std::string("rule.") + k, Text("必填", "required"), Text("例如 \"2/3\" 或 \"80%\"", "e.g. \"2/3\" or \"80%\""));
      return std::optional<cs::Fraction>{};
    }
    auto parsed = f->is_string() ? cs::ParseFraction(std::string(f->as_string())) : std::nullopt;
    if (!parsed)
      return BadField(std::string("rule.") + k, Text("应为0到1之间的分数", "must be a fraction between 0 and 1"),
                      Text("例如 \"2/3\" 或 \"80%\"", "e.g. \"2/3\" or \"80%\""));
    return parsed;
  };
  auto threshold = fraction("threshold", true);
  if (!threshold) return std::move(threshold).error();
  c.threshold = **threshold;
  auto area = fraction("areaThreshold", false);
  if (!area) return std::move(area).error();
  c.area_threshold = *area;
  auto quorum = fraction("quorum", false);
  if (!quorum) return std::move(quorum).error();
  c.quorum = *quorum;
  if (const auto* inc = o.if_contains("inclusive")) {
    if (!inc->is_bool()) return BadField("rule.inclusive", Text("应为 true 或 false", "must be true or false"));
    c.inclusive = inc->as_bool();
  }
  cs::Rule r = c;
  if (auto ok = cs::ValidateRule(r); !ok) return std::move(ok).error();
  return r;
}

// ---- codes ----

std::optional<std::string> ConsultationService::NormaliseCode(std::string_view text) {
  std::string out;
  for (char ch : text) {
    if (ch == '-' || ch == ' ') continue;
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    // Crockford: I and L read as 1, O as 0.
    if (c == 'I' || c == 'L') c = '1';
    if (c == 'O') c = '0';
    if (!std::isalnum(static_cast<unsigned char>(c)) || c == 'U') return std::nullopt;
    out += c;
  }
  if (out.size() != kCodeChars && out.size() != kReceiptChars) return std::nullopt;
  return out;
}

std::string ConsultationService::ResidentBallotUrl(const std::string& public_base, const std::string& code) {
  return public_base + "/h5/#/ballot/" + code;
}

std::string ConsultationService::FormatCode(const std::string& code) {
  std::string out;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (i && i % 4 == 0) out += '-';
    out += code[i];
  }
  return out;
}

// ---- loading and viewing ----

struct ConsultationService::Loaded {
  store::ConsultationRecord c;
};

Result<ConsultationService::Loaded> ConsultationService::Load(store::Session& s, const Actor& actor, std::int64_t id,
                                                                bool write, std::string_view permission) {
  if (auto r = RequirePermission(actor, permission); !r) return std::move(r).error();
  auto c = Repo::Find(s, id);
  if (!c) return std::move(c).error();
  // Out of scope reads as not found? No: the prefix rule answers 403 (ARCHITECTURE.md §1).
  if (!*c) return NoConsultation();
  if (auto r = RequireInScope(actor, (*c)->region_code); !r) return std::move(r).error();
  (void)write;
  return Loaded{std::move(**c)};
}

Result<ConsultationView> ConsultationService::View(store::Session& s, store::ConsultationRecord c, bool unit_sizes,
                                                   bool estate_name) {
  ConsultationView v;
  const bool cacheable = !unit_sizes && !estate_name;
  const auto restores = db_.AccountsChangeCounter();
  if (cacheable) {
    std::shared_ptr<const CachedItems> hit;
    {
      std::lock_guard lock(view_cache_mu_);
      if (auto it = view_cache_.find(c.id); it != view_cache_.end()) hit = it->second;
    }
    if (hit && hit->restores == restores && hit->created_at == c.created_at && hit->current_round == c.current_round) {
      v.items = hit->items;
      v.rounds = hit->rounds;
      v.c = std::move(c);
      return v;
    }
  }
  if (estate_name) {
    auto estate = store::EstateRepository::Find(s, c.estate_id);
    if (!estate) return std::move(estate).error();
    v.estate_name = *estate ? (*estate)->name : "";
  }
  auto items = Repo::Items(s, c.id);
  if (!items) return std::move(items).error();
  // Unit sizes from one grouped count (the tally loads the dwellings itself; ballots skip it).
  auto units = unit_sizes ? Repo::UnitCounts(s, c.estate_id) : Result<std::vector<Repo::UnitCount>>(std::vector<Repo::UnitCount>{});
  if (!units) return std::move(units).error();
  // Building numbers only for building-scoped items (a ballot builds this view too: most
  // consultations have none, and the estate's building list was 2 % of a ballot's time).
  bool scoped = std::any_of(items->begin(), items->end(), [](const auto& i) { return i.building_id.has_value(); });
  auto buildings = scoped ? store::BuildingRepository::ListByEstate(s, c.estate_id)
                          : Result<std::vector<store::BuildingRecord>>(std::vector<store::BuildingRecord>{});
  if (!buildings) return std::move(buildings).error();
  for (auto& i : *items) {
    ConsultationItemView iv;
    auto rule = RuleFromJson(i.rule_json);
    if (!rule) return std::move(rule).error();
    iv.rule = *rule;
    if (i.building_id)
      for (const auto& b : *buildings)
        if (b.id == *i.building_id) iv.building_number = b.number;
    for (const auto& u : *units) {
      store::VoterDwelling probe;
      probe.building_id = u.building_id;
      probe.stairwell = u.stairwell;
      if (InUnit(i, probe)) iv.eligible_dwellings += u.dwellings;
    }
    iv.item = std::move(i);
    v.items.push_back(std::move(iv));
  }
  auto rounds = Repo::Rounds(s, c.id);
  if (!rounds) return std::move(rounds).error();
  v.rounds = std::move(*rounds);
  if (cacheable && !scoped) {
    auto entry = std::make_shared<CachedItems>(CachedItems{restores, c.created_at, c.current_round, v.items, v.rounds});
    std::lock_guard lock(view_cache_mu_);
    if (view_cache_.size() >= kCachedViews && !view_cache_.count(c.id)) view_cache_.clear();
    view_cache_[c.id] = std::move(entry);
  }
  v.c = std::move(c);
  return v;
}

ConsultationService::ConsultationService(store::Database& db, const Clock& clock, CatalogueService& catalogue,
                                         FileService& files, core::reg::HeadcountReading reading)
    : db_(db), clock_(clock), catalogue_(catalogue), files_(files), reading_(reading) {
  files_.SetReadPolicy("consultation", [](const Actor& actor, const StoredFile&) {
    return RequirePermission(actor, perm::kConsultationRead);
  });
}

Result<std::pair<std::vector<ConsultationView>, std::int64_t>> ConsultationService::List(
    const Actor& actor, std::optional<std::int64_t> estate_id, std::optional<std::string> state, std::int64_t page,
    std::int64_t page_size) {
  if (auto r = RequirePermission(actor, perm::kConsultationRead); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::pair<std::vector<ConsultationView>, std::int64_t>> {
    // A requested estate must lie in the actor's scope (403, like the estates' regionCode filter).
    if (estate_id) {
      auto e = store::EstateRepository::Find(s, *estate_id);
      if (!e) return std::move(e).error();
      if (*e)
        if (auto r = RequireInScope(actor, (*e)->region_code); !r) return std::move(r).error();
    }
    store::ConsultationFilter f;
    f.scope_prefix = actor.scope.prefix();
    f.estate_id = estate_id;
    f.state = state;
    f.limit = page_size;
    f.offset = (page - 1) * page_size;
    std::int64_t total = 0;
    auto list = Repo::List(s, f, total);
    if (!list) return std::move(list).error();
    std::vector<ConsultationView> out;
    for (auto& c : *list) {
      auto v = View(s, std::move(c));
      if (!v) return std::move(v).error();
      out.push_back(std::move(*v));
    }
    return std::pair{std::move(out), total};
  });
}

Result<ConsultationView> ConsultationService::Get(const Actor& actor, std::int64_t id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<ConsultationView> {
    auto l = Load(s, actor, id, false, perm::kConsultationRead);
    if (!l) return std::move(l).error();
    return View(s, std::move(l->c));
  });
}

// ---- create, open, rounds, close ----

Result<ConsultationView> ConsultationService::Create(const Actor& actor, const ConsultationInput& in) {
  if (auto r = RequirePermission(actor, perm::kConsultationWrite); !r) return std::move(r).error();
  auto title_len = Utf8Length(in.title);
  if (!title_len || *title_len < 1 || *title_len > 200 || Trim(in.title).empty())
    return BadField("title", Text("不能为空，且不超过200字", "must be 1–200 characters"));
  if (!kKinds.count(in.kind))
    return BadField("kind", Text::Same(in.kind),
                    Text("应为 willingness、menu、plan_approval、formal_decision、management 或 material_choice",
                         "one of willingness, menu, plan_approval, formal_decision, management, material_choice"));
  if (in.items.empty() || in.items.size() > kMaxItems)
    return BadField("items", Text("应有1–60个表决事项", "needs 1–60 items"));
  if (in.opens_at && in.closes_at && *in.closes_at <= *in.opens_at)
    return BadField("closesAt", Text("截止时间应晚于开始时间", "must be after opensAt"));
  // The law that governs the vote: the Civil Code from 2021-01-01 00:00 Beijing time (Art. 1260); a
  // vote opened before keeps the Property Law (2007) rule (REFERENCE §3.1). Decided on the instant
  // (core LawVersionAt), not on the UTC date (issue #11 §2).
  auto now_tp = clock_.Now();
  auto now = FormatIsoUtc(now_tp);
  auto opening = in.opens_at ? ParseIso(*in.opens_at) : std::optional<TimePoint>(now_tp);
  if (!opening) return BadField("opensAt", Text::Same(*in.opens_at), Text("应为 ISO 8601 时间", "an ISO 8601 time"));
  auto derived = cs::LawVersionAt(*opening);
  auto law = derived;
  if (in.law_version) {
    auto parsed = cs::ParseLawVersion(*in.law_version);
    if (!parsed)
      return BadField("lawVersion", Text::Same(*in.law_version),
                      Text("应为 civil-code-2021 或 property-law-2007", "civil-code-2021 or property-law-2007"));
    if (*parsed != derived)
      return BadField("lawVersion",
                      Text("表决开始时间为北京时间" + cs::BeijingTime(*opening) + "，应适用" + std::string(cs::LawVersionCode(derived)),
                           "a vote opening " + cs::BeijingTime(*opening) + " Beijing time falls under " +
                               std::string(cs::LawVersionCode(derived))),
                      Text("《民法典》自2021年1月1日（北京时间）起施行；此前开始的表决适用《物权法》",
                           "the Civil Code applies from 2021-01-01 00:00 Beijing time; earlier votes keep the Property Law"));
    law = *parsed;
  }
  return store::WriteResult(db_, [&](store::Session& s) -> Result<ConsultationView> {
    auto estate = store::EstateRepository::Find(s, in.estate_id);
    if (!estate) return std::move(estate).error();
    if (!*estate) return BadField("estateId", Text("小区不存在", "no such estate"));
    if (auto r = RequireInScope(actor, (*estate)->region_code); !r) return std::move(r).error();
    auto buildings = store::BuildingRepository::ListByEstate(s, in.estate_id);
    if (!buildings) return std::move(buildings).error();
    store::ConsultationRecord c;
    c.estate_id = in.estate_id;
    c.region_code = (*estate)->region_code;
    c.title = std::string(Trim(in.title));
    c.kind = in.kind;
    c.law_version = std::string(cs::LawVersionCode(law));
    c.state = "draft";
    c.opens_at = in.opens_at;
    c.closes_at = in.closes_at;
    c.created_by = actor.user_id;
    c.created_at = c.updated_at = now;
    auto id = Repo::Insert(s, c);
    if (!id) return std::move(id).error();
    c.id = *id;
    json::array items_audit;
    int position = 0;
    for (const auto& it : in.items) {
      std::string field = "items[" + std::to_string(position) + "]";
      auto len = Utf8Length(it.title);
      if (!len || *len < 1 || *len > 200 || Trim(it.title).empty())
        return BadField(field + ".title", Text("不能为空，且不超过200字", "must be 1–200 characters"));
      if (it.catalog_item_code) {
        auto exists = catalogue_.Find(*it.catalog_item_code);
        if (!exists) return std::move(exists).error();
        if (!*exists) return BadField(field + ".catalogItemCode", Text::Same(*it.catalog_item_code), Text("改造内容清单中没有该项", "not in the renovation catalogue"));
      }
      if (auto r = cs::ValidateRule(it.rule); !r) return std::move(r).error();
      store::ConsultationItemRecord rec;
      rec.consultation_id = c.id;
      rec.position = ++position;
      rec.title = std::string(Trim(it.title));
      rec.catalog_item_code = it.catalog_item_code;
      rec.rule_json = RuleToJson(it.rule);
      rec.scope_type = it.scope_type;
      if (it.scope_type != "estate") {
        if (it.scope_type != "building" && it.scope_type != "stairwell")
          return BadField(field + ".scope.type", Text::Same(it.scope_type), Text("应为 estate、building 或 stairwell", "estate, building or stairwell"));
        const store::BuildingRecord* b = nullptr;
        for (const auto& x : *buildings)
          if (it.building_id && x.id == *it.building_id) b = &x;
        if (!b) return BadField(field + ".scope.buildingId", Text("该小区没有这栋楼", "no such building in the estate"));
        rec.building_id = b->id;
        if (it.scope_type == "stairwell") {
          if (!it.stairwell || *it.stairwell < 1 || *it.stairwell > b->stairwells)
            return BadField(field + ".scope.stairwell",
                            Text("应为1–" + std::to_string(b->stairwells) + "单元", "must be 1–" + std::to_string(b->stairwells)));
          rec.stairwell = it.stairwell;
        }
      }
      auto item_id = Repo::InsertItem(s, rec);
      if (!item_id) return std::move(item_id).error();
      items_audit.push_back({{"id", *item_id}, {"title", rec.title}, {"rule", json::parse(rec.rule_json)}, {"scope", rec.scope_type}});
    }
    Changes ch;
    ch.Set("title", nullptr, json::string(c.title))
        .Set("kind", nullptr, json::string(c.kind))
        .Set("lawVersion", nullptr, json::string(c.law_version))
        .Set("items", nullptr, items_audit);
    if (auto r = RecordAudit(s, clock_, actor, "consultation.create", "consultation", std::to_string(c.id), c.region_code, ch); !r)
      return std::move(r).error();
    return View(s, c);
  });
}

// Loads the consultation for writing, requires `state`, lets `change` alter it (and write its own
// rows), then stores the new state and the audit entry `action` in the same transaction.
Result<ConsultationView> ConsultationService::Transition(
    const Actor& actor, std::int64_t id, const char* state, const char* action,
    const std::function<Result<void>(store::Session&, store::ConsultationRecord&, Changes&)>& change) {
  return store::WriteResult(db_, [&](store::Session& s) -> Result<ConsultationView> {
    auto l = Load(s, actor, id, true, perm::kConsultationWrite);
    if (!l) return std::move(l).error();
    auto& c = l->c;
    if (c.state != state) return StateConflict(c);
    c.updated_at = FormatIsoUtc(clock_.Now());
    Changes ch;
    if (auto r = change(s, c, ch); !r) return std::move(r).error();
    if (auto r = Repo::UpdateState(s, c); !r) return std::move(r).error();
    if (auto r = RecordAudit(s, clock_, actor, action, "consultation", std::to_string(c.id), c.region_code, ch); !r)
      return std::move(r).error();
    return View(s, c);
  });
}

Result<ConsultationView> ConsultationService::Open(const Actor& actor, std::int64_t id) {
  return Transition(actor, id, "draft", "consultation.open",
                    [&](store::Session& s, store::ConsultationRecord& c, Changes& ch) -> Result<void> {
    auto voters = Repo::VoterDwellings(s, c.estate_id);
    if (!voters) return std::move(voters).error();
    if (voters->empty())
      return Invalid("consultation.no_dwellings", Text("该小区没有登记房屋，无法开始表决", "the estate has no dwellings to vote"),
                     {}, Text("请先在房屋台账中登记房屋和业主", "register dwellings and owners first"));
    auto items = Repo::Items(s, c.id);
    if (!items) return std::move(items).error();
    c.state = "open";
    c.current_round = 1;
    c.opened_at = c.updated_at;
    store::RoundRecord round{c.id, 1, {}, std::nullopt, c.updated_at, actor.user_id};
    for (const auto& i : *items) round.item_ids.push_back(i.id);
    if (auto r = Repo::InsertRound(s, round); !r) return std::move(r).error();
    // One code per dwelling: printed on its paper ballot, it lets the resident vote online.
    for (const auto& d : *voters)
      if (auto r = Repo::InsertCode(s, {RandomBase32(kCodeChars), c.id, d.id, 0}); !r) return std::move(r).error();
    ch.Set("state", "draft", "open").Set("round", 0, 1).Set("codes", nullptr, static_cast<std::int64_t>(voters->size()));
    // The maintained tally starts here: the units' eligible counts, no ballots yet.
    return RebuildTally(s, c);
  });
}

Result<ConsultationView> ConsultationService::Close(const Actor& actor, std::int64_t id) {
  return Transition(actor, id, "open", "consultation.close",
                    [&](store::Session&, store::ConsultationRecord& c, Changes& ch) -> Result<void> {
    c.state = "closed";
    c.closed_at = c.updated_at;
    ch.Set("state", "open", "closed");
    return Ok();
  });
}

Result<ConsultationView> ConsultationService::AddRound(const Actor& actor, std::int64_t id,
                                                       const std::vector<std::int64_t>& item_ids,
                                                       const std::optional<std::vector<std::int64_t>>& dwelling_ids) {
  return Transition(actor, id, "open", "consultation.round",
                    [&](store::Session& s, store::ConsultationRecord& c, Changes& ch) -> Result<void> {
    auto items = Repo::Items(s, c.id);
    if (!items) return std::move(items).error();
    if (item_ids.empty()) return BadField("itemIds", Text("至少选择一个事项", "choose at least one item"));
    std::set<std::int64_t> seen;
    for (auto iid : item_ids) {
      bool found = std::any_of(items->begin(), items->end(), [&](const auto& i) { return i.id == iid; });
      if (!found || !seen.insert(iid).second)
        return BadField("itemIds", Text::Same(std::to_string(iid)), Text("不是本次协商的事项，或重复", "not an item of this consultation, or repeated"));
    }
    if (dwelling_ids) {
      if (dwelling_ids->empty()) return BadField("dwellingIds", Text("为空时请省略该字段", "omit the field instead of an empty list"));
      auto voters = Repo::VoterDwellings(s, c.estate_id);
      if (!voters) return std::move(voters).error();
      std::unordered_set<std::int64_t> estate_ids;
      for (const auto& d : *voters) estate_ids.insert(d.id);
      for (auto did : *dwelling_ids)
        if (!estate_ids.count(did)) return BadField("dwellingIds", Text::Same(std::to_string(did)), Text("不是本小区的房屋", "not a dwelling of this estate"));
    }
    int previous = c.current_round;
    c.current_round += 1;
    if (auto r = Repo::InsertRound(s, {c.id, c.current_round, item_ids, dwelling_ids, c.updated_at, actor.user_id}); !r)
      return std::move(r).error();
    // The new round's tally starts from the ballots standing at the end of the previous one.
    auto maintained = TallyMaintained(s, c.id);
    if (!maintained) return std::move(maintained).error();
    if (auto r = *maintained ? Repo::CopyTallyRound(s, c.id, previous, c.current_round) : RebuildTally(s, c); !r)
      return std::move(r).error();
    json::array ids;
    for (auto i : item_ids) ids.push_back(i);
    ch.Set("round", previous, c.current_round).Set("itemIds", nullptr, ids);
    if (dwelling_ids) ch.Set("dwellings", nullptr, static_cast<std::int64_t>(dwelling_ids->size()));
    return Ok();
  });
}

// ---- ballots ----

// The change one item's ballots make to the maintained tally. Every head of the item's unit (and of
// each building's share of it) that holds a written dwelling lies inside `members` — the owner's
// whole head over the estate, all of whose ballots are in `existing` — so counting `members` ∩ unit
// before and after the writes gives exactly the change of the total (CountItem is additive over
// heads, REFERENCE §8). Eligible counts do not move with ballots.
void ConsultationService::AppendTallyDelta(std::vector<store::TallyRow>& out, int round,
                                           const store::ConsultationItemRecord& item,
                                           const std::vector<store::VoterDwelling>& members,
                                           const std::vector<store::BallotRecord>& existing,
                                           const std::vector<std::int64_t>& targets, cs::Choice choice,
                                           std::int64_t seq) const {
  std::unordered_map<std::int64_t, cs::Cast> before;
  for (const auto& b : existing)
    if (b.item_id == item.id) before[b.dwelling_id] = {cs::ParseChoice(b.choice).value_or(cs::Choice::kAbstain), b.seq};
  auto after = before;
  for (auto t : targets) after[t] = {choice, seq};
  std::vector<const store::VoterDwelling*> unit;
  for (const auto& m : members)
    if (InUnit(item, m)) unit.push_back(&m);
  // The recount's order (dwelling id), so that equal sequence numbers resolve alike.
  std::sort(unit.begin(), unit.end(), [](const auto* a, const auto* b) { return a->id < b->id; });
  std::map<std::int64_t, std::vector<core::reg::DwellingShare>> in_building;
  std::vector<core::reg::DwellingShare> all;
  for (const auto* m : unit) {
    all.push_back(ShareOf(*m));
    in_building[m->building_id].push_back(ShareOf(*m));
  }
  auto diff = [&](std::int64_t building, const std::vector<core::reg::DwellingShare>& shares) {
    auto a = cs::CountItem(shares, before, reading_);
    auto b = cs::CountItem(shares, after, reading_);
    cs::ItemCounts d;
    d.agree = Minus(b.agree, a.agree);
    d.disagree = Minus(b.disagree, a.disagree);
    d.abstain = Minus(b.abstain, a.abstain);
    d.conflicting_heads = b.conflicting_heads - a.conflicting_heads;
    PushRows(out, round, item.id, building, d);
  };
  diff(0, all);
  for (const auto& [building, shares] : in_building) diff(building, shares);
}

Result<ReceiptView> ConsultationService::Cast(store::Session& s, const Actor& actor, const ConsultationView& view,
                                              const store::VoterDwelling& dwelling, const BallotInput& in,
                                              const std::optional<std::string>& code) {
  const auto& c = view.c;
  auto now = FormatIsoUtc(clock_.Now());
  if (c.state != "open") return StateConflict(c);
  if (c.closes_at && now >= *c.closes_at)
    return MakeError(ErrorCode::kConflict, "consultation.closed", Text("已过投票截止时间", "the voting deadline has passed"),
                     Text::Same(*c.closes_at));
  if (!kChannels.count(in.channel))
    return BadField("channel", Text::Same(in.channel), Text("应为 door、paper 或 online", "door, paper or online"));
  if (in.choices.empty()) return BadField("choices", Text("至少对一个事项作出选择", "choose on at least one item"));
  const auto* round = CurrentRound(view.rounds, c.current_round);
  if (!round) return MakeError(ErrorCode::kInternal, "consultation.no_round", Text("轮次数据缺失", "round missing"));
  if (round->dwelling_ids && !Contains(*round->dwelling_ids, dwelling.id))
    return Invalid("consultation.not_in_round",
                   Text("本轮（第" + std::to_string(round->number) + "轮）不包括该房屋", "this dwelling is not part of round " + std::to_string(round->number)));
  // Validate every choice before writing anything.
  std::vector<const ConsultationItemView*> chosen;
  std::set<std::int64_t> seen;
  for (const auto& [item_id, choice] : in.choices) {
    const ConsultationItemView* item = nullptr;
    for (const auto& i : view.items)
      if (i.item.id == item_id) item = &i;
    if (!item || !seen.insert(item_id).second)
      return BadField("choices", Text::Same(std::to_string(item_id)), Text("不是本次协商的事项，或重复", "not an item of this consultation, or repeated"));
    if (!Contains(round->item_ids, item_id))
      return Invalid("consultation.not_in_round",
                     Text("事项“" + item->item.title + "”不在本轮（第" + std::to_string(round->number) + "轮）表决范围内",
                          "item \"" + item->item.title + "\" is not part of round " + std::to_string(round->number)));
    if (!InUnit(item->item, dwelling))
      return Invalid("consultation.out_of_unit",
                     Text("该房屋不在事项“" + item->item.title + "”的表决单元内", "the dwelling is outside the voting unit of \"" + item->item.title + "\""));
    chosen.push_back(item);
  }
  if (in.evidence_file_id) {
    // Evidence is a file this context stored, inside the caller's scope.
    auto f = files_.Find(s, *in.evidence_file_id);
    if (!f) return std::move(f).error();
    if (!*f || ((*f)->context != "consultation" && !(*f)->context.empty()) || !actor.scope.Covers((*f)->region_code))
      return BadField("evidenceFileId", Text("文件不存在", "no such file"));
  }
  // The owner (head, REFERENCE §8) of this dwelling: all developer-held dwellings (unsold, or sold and
  // not delivered) together, all public-housing dwellings together, or the sold dwellings of the same
  // buyer — the same owner set (literal reading, the default) or every dwelling reached through shared
  // owners (transitive reading, by configuration) — exactly as the tally groups them.
  namespace reg = core::reg;
  auto status = reg::SaleStatusOf(dwelling.sale_status);
  std::vector<store::VoterDwelling> members;
  if (reg::HeldByDeveloper(status) || status == reg::SaleStatus::kPublicHousing) {
    std::vector<std::string> codes = {"public_housing"};
    if (status != reg::SaleStatus::kPublicHousing) codes = {"developer_unsold", "sold_undelivered"};
    for (const auto& code : codes) {
      auto same = Repo::DwellingsBySaleStatus(s, c.estate_id, code);
      if (!same) return std::move(same).error();
      for (auto& d : *same) members.push_back(std::move(d));
    }
  } else {
    // Candidates: the dwellings sharing an owner with this one (one step suffices for identical owner
    // sets), or their closure through shared owners for the transitive reading.
    std::vector<store::VoterDwelling> candidates{dwelling};
    std::unordered_set<std::int64_t> known{dwelling.id};
    std::vector<std::int64_t> frontier{dwelling.id};
    while (!frontier.empty()) {
      auto next = Repo::CoOwnedDwellings(s, c.estate_id, frontier);
      if (!next) return std::move(next).error();
      frontier.clear();
      for (auto& d : *next)
        if (reg::SaleStatusOf(d.sale_status) == reg::SaleStatus::kSold && known.insert(d.id).second) {
          frontier.push_back(d.id);
          candidates.push_back(std::move(d));
        }
      if (reading_ == reg::HeadcountReading::kLiteral) break;
    }
    std::vector<reg::DwellingShare> shares;
    for (const auto& d : candidates) shares.push_back(ShareOf(d));
    auto groups = reg::GroupHeads(shares, reading_);
    for (std::size_t k = 0; k < candidates.size(); ++k)
      if (groups.head_of[k] == groups.head_of[0]) members.push_back(std::move(candidates[k]));
  }
  // Lock and sequence: from here on the consultation's ballots are serialised, so the owner's other
  // ballots and the code's use are read after every earlier ballot committed.
  auto locked = Repo::LockForBallot(s, c.id);
  if (!locked) return std::move(locked).error();
  if (!*locked || (*locked)->state != "open") return StateConflict(*locked ? **locked : c);
  std::int64_t seq = (*locked)->ballots_cast;
  // Read after the lock, so no ballot or register change of a concurrent writer slips between the
  // check and the delta below.
  auto maintained = TallyMaintained(s, c.id);
  if (!maintained) return std::move(maintained).error();
  std::vector<store::TallyRow> deltas;
  if (code) {
    auto used = Repo::FindCode(s, *code);
    if (!used) return std::move(used).error();
    if (*used && (*used)->used_round >= c.current_round)
      return MakeError(ErrorCode::kConflict, "consultation.code_used",
                       Text("该投票码本轮已使用", "this code has been used in this round"), {},
                       Text("如需更改，请联系社区工作人员", "to change your ballot, contact the community staff"));
  }
  std::vector<std::int64_t> member_ids;
  for (const auto& m : members) member_ids.push_back(m.id);
  auto existing = Repo::Ballots(s, c.id, member_ids);
  if (!existing) return std::move(existing).error();

  std::string receipt = RandomBase32(kReceiptChars);
  std::vector<std::pair<std::int64_t, std::string>> recorded;
  std::set<std::int64_t> dwellings_recorded{dwelling.id};
  // Written after the loop in one statement each (two fewer statements per item inside the write
  // lock); the loop reads only `existing`, which these writes do not change.
  std::vector<store::BallotRecord> writes;
  std::vector<store::BallotEventRecord> events;
  Changes ch;
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const auto& item = chosen[k]->item;
    std::string choice(cs::ChoiceCode(in.choices[k].second));
    std::vector<std::int64_t> targets{dwelling.id};
    for (const auto& b : *existing) {
      if (b.item_id != item.id || b.dwelling_id == dwelling.id) continue;
      const auto* m = &*std::find_if(members.begin(), members.end(), [&](const auto& x) { return x.id == b.dwelling_id; });
      if (!InUnit(item, *m)) continue;
      if (b.choice == choice) continue;
      if (!in.apply_to_owner_dwellings)
        return Invalid("consultation.owner_conflict",
                       Text("同一业主在事项“" + item.title + "”上不能通过不同房屋作出不同选择",
                            "one owner cannot hold different choices on \"" + item.title + "\" through different dwellings"),
                       Text("该业主名下房屋 " + m->building_number + "-" + std::to_string(m->stairwell) + "-" + m->room + " 已选择 " + b.choice,
                            "the owner's dwelling " + m->building_number + "-" + std::to_string(m->stairwell) + "-" + m->room + " holds " + b.choice),
                       Text("如需修改该业主的全部选择，请设置 applyToOwnerDwellings", "to change the owner's choice everywhere, set applyToOwnerDwellings"));
      targets.push_back(b.dwelling_id);
    }
    for (auto target : targets) {
      std::string before;
      for (const auto& b : *existing)
        if (b.item_id == item.id && b.dwelling_id == target) before = b.choice;
      writes.push_back({c.id, item.id, target, choice, c.current_round, in.channel, receipt, seq, now});
      events.push_back({seq, item.id, target, choice, c.current_round});
      dwellings_recorded.insert(target);
      ch.Set(std::to_string(item.id) + "@" + std::to_string(target), before.empty() ? json::value(nullptr) : json::value(json::string(before)),
             json::string(choice));
    }
    if (*maintained) AppendTallyDelta(deltas, c.current_round, item, members, *existing, targets, in.choices[k].second, seq);
    recorded.emplace_back(item.id, choice);
  }
  if (auto r = Repo::UpsertBallots(s, writes); !r) return std::move(r).error();
  if (auto r = Repo::InsertEvents(s, c.id, events, receipt); !r) return std::move(r).error();
  // The maintained tally moves in this same transaction: by the deltas of the owner's heads, or —
  // when a register change has made it stale — rebuilt from a full recount (ballots included).
  if (auto r = *maintained ? Repo::AddToTally(s, c, deltas) : RebuildTally(s, **locked); !r)
    return std::move(r).error();
  store::ReceiptRecord rec;
  rec.code = receipt;
  rec.consultation_id = c.id;
  rec.dwelling_id = dwelling.id;
  rec.round = c.current_round;
  rec.channel = in.channel;
  rec.choices_json = ChoicesJson(recorded);
  rec.dwelling_ids.assign(dwellings_recorded.begin(), dwellings_recorded.end());
  rec.evidence_file_id = in.evidence_file_id;
  rec.user_id = actor.user_id;
  rec.cast_at = now;
  if (auto r = Repo::InsertReceipt(s, rec); !r) return std::move(r).error();
  if (code)
    if (auto r = Repo::MarkCodeUsed(s, *code, c.current_round); !r) return std::move(r).error();
  ch.Set("channel", nullptr, json::string(in.channel)).Set("receipt", nullptr, json::string(receipt));
  if (auto r = RecordAudit(s, clock_, actor, "ballot.cast", "ballot", std::to_string(c.id) + "/" + std::to_string(dwelling.id),
                           c.region_code, ch);
      !r)
    return std::move(r).error();
  return ReceiptView{std::move(rec), std::move(recorded)};
}

Result<ReceiptView> ConsultationService::CastBallot(const Actor& actor, std::int64_t id, std::int64_t dwelling_id,
                                                    const BallotInput& in) {
  return store::WriteResult(db_, [&](store::Session& s) -> Result<ReceiptView> {
    auto l = Load(s, actor, id, true, perm::kBallotWrite);
    if (!l) return std::move(l).error();
    auto view = View(s, std::move(l->c), /*unit_sizes=*/false, /*estate_name=*/false);
    if (!view) return std::move(view).error();
    auto d = Repo::FindVoterDwelling(s, dwelling_id);
    if (!d) return std::move(d).error();
    if (!*d || (*d)->estate_id != view->c.estate_id)
      return NotFound("register.dwelling_not_found", Text("本小区没有该房屋", "no such dwelling in this estate"));
    return Cast(s, actor, *view, **d, in, std::nullopt);
  });
}

Result<std::vector<store::BallotRecord>> ConsultationService::Ballots(const Actor& actor, std::int64_t id,
                                                                      std::optional<std::int64_t> dwelling_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<store::BallotRecord>> {
    auto l = Load(s, actor, id, false, perm::kConsultationRead);
    if (!l) return std::move(l).error();
    std::optional<std::vector<std::int64_t>> filter;
    if (dwelling_id) filter = std::vector<std::int64_t>{*dwelling_id};
    return Repo::Ballots(s, id, filter);
  });
}

Result<std::vector<BallotSheet>> ConsultationService::BallotSheets(const Actor& actor, std::int64_t id,
                                                                   std::optional<std::int64_t> building_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<BallotSheet>> {
    auto l = Load(s, actor, id, false, perm::kBallotWrite);
    if (!l) return std::move(l).error();
    if (l->c.state == "draft")
      return MakeError(ErrorCode::kConflict, "consultation.not_open", Text("协商开始后才能打印选票（投票码在开始时生成）", "ballots can be printed once the consultation is open (codes are made when it opens)"));
    auto voters = Repo::VoterDwellings(s, l->c.estate_id);
    if (!voters) return std::move(voters).error();
    auto codes = Repo::Codes(s, id);
    if (!codes) return std::move(codes).error();
    auto names = Repo::OwnerNames(s, l->c.estate_id);
    if (!names) return std::move(names).error();
    std::unordered_map<std::int64_t, std::string> code_of;
    for (const auto& c : *codes) code_of[c.dwelling_id] = c.code;
    std::vector<BallotSheet> out;
    for (auto& d : *voters) {
      if (building_id && d.building_id != *building_id) continue;
      auto it = code_of.find(d.id);
      if (it == code_of.end()) continue;  // registered after the consultation opened
      auto masked = MaskedNames(*names, d.id);
      out.push_back({std::move(d), std::move(masked), it->second});
    }
    std::sort(out.begin(), out.end(), [](const BallotSheet& a, const BallotSheet& b) {
      return std::tie(a.dwelling.building_number, a.dwelling.stairwell, a.dwelling.floor, a.dwelling.room) <
             std::tie(b.dwelling.building_number, b.dwelling.stairwell, b.dwelling.floor, b.dwelling.room);
    });
    return out;
  });
}

namespace {
Result<CodeView> CodeViewOf(store::Session& s, ConsultationView view, const store::BallotCodeRecord& code) {
  auto d = Repo::FindVoterDwelling(s, code.dwelling_id);
  if (!d) return std::move(d).error();
  if (!*d) return NotFound("consultation.code_not_found", Text("投票码无效", "no such ballot code"));
  auto ballots = Repo::Ballots(s, view.c.id, std::vector<std::int64_t>{code.dwelling_id});
  if (!ballots) return std::move(ballots).error();
  CodeView out;
  out.dwelling = std::move(**d);
  const auto* round = CurrentRound(view.rounds, view.c.current_round);
  for (const auto& i : view.items) {
    CodeItem ci{i.item.id, i.item.title, false, std::nullopt};
    ci.open = view.c.state == "open" && round && Contains(round->item_ids, i.item.id) && InUnit(i.item, out.dwelling) &&
              (!round->dwelling_ids || Contains(*round->dwelling_ids, out.dwelling.id));
    for (const auto& b : *ballots)
      if (b.item_id == i.item.id) {
        ci.choice = b.choice;
        out.receipt = b.receipt;
      }
    if (ci.open || ci.choice || InUnit(i.item, out.dwelling)) out.items.push_back(std::move(ci));
  }
  out.used = code.used_round >= view.c.current_round && view.c.current_round > 0;
  out.consultation = std::move(view);
  return out;
}
}  // namespace

Result<CodeView> ConsultationService::PaperLookup(const Actor& actor, std::int64_t id, const std::string& text) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<CodeView> {
    auto l = Load(s, actor, id, false, perm::kBallotWrite);
    if (!l) return std::move(l).error();
    auto code = NormaliseCode(text);
    auto rec = code ? Repo::FindCode(s, *code) : Result<std::optional<store::BallotCodeRecord>>(std::nullopt);
    if (!rec) return std::move(rec).error();
    if (!*rec || (*rec)->consultation_id != id)
      return NotFound("consultation.code_not_found", Text("投票码无效或不属于本次协商", "no such ballot code in this consultation"));
    auto view = View(s, std::move(l->c));
    if (!view) return std::move(view).error();
    return CodeViewOf(s, std::move(*view), **rec);
  });
}

Result<std::pair<store::BallotCodeRecord, ConsultationView>> ConsultationService::ByCode(store::Session& s,
                                                                                      const std::string& text) {
  auto code = NormaliseCode(text);
  auto rec = code ? Repo::FindCode(s, *code) : Result<std::optional<store::BallotCodeRecord>>(std::nullopt);
  if (!rec) return std::move(rec).error();
  if (!*rec) return NotFound("consultation.code_not_found", Text("投票码无效", "no such ballot code"));
  auto c = Repo::Find(s, (*rec)->consultation_id);
  if (!c) return std::move(c).error();
  auto view = View(s, std::move(**c));
  if (!view) return std::move(view).error();
  return std::pair{std::move(**rec), std::move(*view)};
}

Result<CodeView> ConsultationService::LookupCode(const std::string& text) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<CodeView> {
    auto found = ByCode(s, text);
    if (!found) return std::move(found).error();
    return CodeViewOf(s, std::move(found->second), found->first);
  });
}

Result<ReceiptView> ConsultationService::CastByCode(const std::string& text, const BallotInput& in,
                                                    const std::string& request_id) {
  return store::WriteResult(db_, [&](store::Session& s) -> Result<ReceiptView> {
    auto found = ByCode(s, text);
    if (!found) return std::move(found).error();
    auto* rec = &found->first;
    auto* view = &found->second;
    if (view->c.state == "open" && rec->used_round >= view->c.current_round)
      return MakeError(ErrorCode::kConflict, "consultation.code_used",
                       Text("该投票码本轮已使用", "this code has been used in this round"), {},
                       Text("如需更改，请联系社区工作人员", "to change your ballot, contact the community staff"));
    auto d = Repo::FindVoterDwelling(s, rec->dwelling_id);
    if (!d) return std::move(d).error();
    Actor resident;
    resident.user_id = 0;
    resident.username = "resident:" + FormatCode(rec->code).substr(0, 4);
    resident.role = core::auth::Role::kResident;
    resident.scope = core::auth::Scope(view->c.region_code);
    resident.request_id = request_id;
    BallotInput online = in;
    online.channel = "online";
    online.evidence_file_id.reset();
    online.apply_to_owner_dwellings = false;
    return Cast(s, resident, *view, **d, online, rec->code);
  });
}

Result<PublicReceipt> ConsultationService::CheckReceipt(const std::string& text) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<PublicReceipt> {
    auto code = NormaliseCode(text);
    auto rec = code ? Repo::FindReceipt(s, *code) : Result<std::optional<store::ReceiptRecord>>(std::nullopt);
    if (!rec) return std::move(rec).error();
    if (!*rec) return NotFound("consultation.receipt_not_found", Text("回执不存在", "no such receipt"));
    PublicReceipt out;
    auto c = Repo::Find(s, (*rec)->consultation_id);
    if (!c) return std::move(c).error();
    out.consultation_title = (*c)->title;
    auto estate = store::EstateRepository::Find(s, (*c)->estate_id);
    if (!estate) return std::move(estate).error();
    if (*estate) out.estate_name = (*estate)->name;
    auto items = Repo::Items(s, (*c)->id);
    if (!items) return std::move(items).error();
    auto standing = Repo::StandingBallotsOf(s, (*rec)->code);
    if (!standing) return std::move(standing).error();
    out.counted = *standing > 0;
    out.receipt.choices = ParseChoicesJson((*rec)->choices_json);
    for (const auto& [item_id, choice] : out.receipt.choices) {
      std::string title;
      for (const auto& i : *items)
        if (i.id == item_id) title = i.title;
      out.item_titles.push_back(title);
    }
    out.receipt.receipt = std::move(**rec);
    return out;
  });
}

// ---- tally ----


Result<std::vector<store::TallyRow>> ConsultationService::RecountRows(store::Session& s, const store::ConsultationRecord& c,
                                                                      const std::vector<store::ConsultationItemRecord>& items) {
  auto voters = Repo::VoterDwellings(s, c.estate_id);
  if (!voters) return std::move(voters).error();
  auto events = Repo::Events(s, c.id, c.current_round);
  if (!events) return std::move(events).error();
  std::vector<store::TallyRow> rows;
  std::map<std::int64_t, std::int64_t> per_building;  // building → dwellings
  for (const auto& d : *voters) per_building[d.building_id] += 1;
  for (const auto& [b, n] : per_building) rows.push_back({0, 0, b, "eligible", 0, 0, n});
  std::vector<Standing> standing;
  for (int k = 1; k <= c.current_round; ++k) standing.push_back(StandingAt(*events, k));
  for (const auto& item : items) {
    std::vector<core::reg::DwellingShare> unit;
    std::map<std::int64_t, std::vector<core::reg::DwellingShare>> in_building;
    for (const auto& d : *voters)
      if (InUnit(item, d)) {
        unit.push_back(ShareOf(d));
        in_building[d.building_id].push_back(ShareOf(d));
      }
    static const std::unordered_map<std::int64_t, cs::Cast> kNone;
    PushRows(rows, 0, item.id, 0, cs::CountItem(unit, kNone, reading_));
    for (const auto& [b, shares] : in_building) PushRows(rows, 0, item.id, b, cs::CountItem(shares, kNone, reading_));
    for (int k = 1; k <= c.current_round; ++k) {
      const auto& ballots = BallotsOf(standing[k - 1], item.id);
      if (ballots.empty()) continue;
      PushRows(rows, k, item.id, 0, cs::CountItem(unit, ballots, reading_));
      for (const auto& [b, shares] : in_building) PushRows(rows, k, item.id, b, cs::CountItem(shares, ballots, reading_));
    }
  }
  return rows;
}

Result<void> ConsultationService::RebuildTally(store::Session& s, const store::ConsultationRecord& c) {
  auto items = Repo::Items(s, c.id);
  if (!items) return std::move(items).error();
  auto rows = RecountRows(s, c, *items);
  if (!rows) return std::move(rows).error();
  return Repo::ReplaceTally(s, c, std::string(core::reg::HeadcountReadingCode(reading_)), *rows, FormatIsoUtc(clock_.Now()));
}

Result<bool> ConsultationService::TallyMaintained(store::Session& s, std::int64_t consultation_id) {
  auto reading = Repo::TallyReading(s, consultation_id);
  if (!reading) return std::move(reading).error();
  return *reading && **reading == core::reg::HeadcountReadingCode(reading_);
}

Result<void> ConsultationService::RebuildTallies(const Actor& actor, std::int64_t id) {
  return store::WriteResult(db_, [&](store::Session& s) -> Result<void> {
    auto l = Load(s, actor, id, true, perm::kConsultationWrite);
    if (!l) return std::move(l).error();
    return RebuildTally(s, l->c);
  });
}

Result<TallyView> ConsultationService::ComputeTally(store::Session& s, ConsultationView view, std::optional<int> round,
                                                    bool maintained) {
  TallyView out;
  const auto& c = view.c;
  int evaluated = round.value_or(c.current_round);
  if (evaluated < 0 || evaluated > c.current_round)
    return BadField("round", Text("应为0–" + std::to_string(c.current_round), "must be 0–" + std::to_string(c.current_round)));
  auto law = cs::ParseLawVersion(c.law_version).value_or(cs::LawVersion::kCivilCode2021);

  // Two sources of the same counts: the maintained rows (migration 0019) or a full recount of the
  // register and the ballot events. Everything after them is shared, so the outputs are identical.
  std::function<cs::ItemCounts(int, std::size_t)> unit_counts;                               // (round, item index)
  std::function<std::optional<cs::ItemCounts>(std::size_t, std::int64_t)> building_counts;  // evaluated round
  std::vector<std::pair<std::string, std::int64_t>> building_keys;                           // (number, id), sorted
  std::map<CountsKey, cs::ItemCounts> rows_by_key;
  std::optional<std::vector<store::VoterDwelling>> voters;
  std::vector<store::BallotEventRecord> events;
  std::vector<std::vector<core::reg::DwellingShare>> eligible;
  std::map<int, Standing> standing;
  std::unordered_map<std::int64_t, std::vector<const store::VoterDwelling*>> dwellings_of;
  if (maintained) {
    auto rows = Repo::TallyRows(s, c.id, evaluated);
    if (!rows) return std::move(rows).error();
    for (const auto& r : *rows) {
      auto& ic = rows_by_key[{r.round, r.item_id, r.building_id}];
      cs::Counts x{r.heads, r.area_dm2, r.dwellings};
      if (r.bucket == "eligible") ic.eligible = x;
      else if (r.bucket == "agree") ic.agree = x;
      else if (r.bucket == "disagree") ic.disagree = x;
      else if (r.bucket == "abstain") ic.abstain = x;
      else if (r.bucket == "conflict") ic.conflicting_heads = r.heads;
    }
    auto combine = [&](int k, std::int64_t item, std::int64_t building) {
      cs::ItemCounts out_counts;
      if (auto e = rows_by_key.find({0, item, building}); e != rows_by_key.end()) out_counts.eligible = e->second.eligible;
      if (k > 0)
        if (auto b = rows_by_key.find({k, item, building}); b != rows_by_key.end()) {
          out_counts.agree = b->second.agree;
          out_counts.disagree = b->second.disagree;
          out_counts.abstain = b->second.abstain;
          out_counts.conflicting_heads = b->second.conflicting_heads;
        }
      AddCounts(out_counts.participated, out_counts.agree);
      AddCounts(out_counts.participated, out_counts.disagree);
      AddCounts(out_counts.participated, out_counts.abstain);
      return out_counts;
    };
    unit_counts = [&, combine](int k, std::size_t n) { return combine(k, view.items[n].item.id, 0); };
    building_counts = [&, combine](std::size_t n, std::int64_t b) -> std::optional<cs::ItemCounts> {
      auto e = rows_by_key.find({0, view.items[n].item.id, b});
      if (e == rows_by_key.end() || e->second.eligible.dwellings == 0) return std::nullopt;
      return combine(evaluated, view.items[n].item.id, b);
    };
    auto numbers = Repo::BuildingNumbers(s, c.estate_id);
    if (!numbers) return std::move(numbers).error();
    for (const auto& [id, number] : *numbers)
      if (auto e = rows_by_key.find({0, 0, id}); e != rows_by_key.end() && e->second.eligible.dwellings > 0)
        building_keys.emplace_back(number, id);
    for (auto& iv : view.items) {
      auto e = rows_by_key.find({0, iv.item.id, 0});
      iv.eligible_dwellings = e == rows_by_key.end() ? 0 : e->second.eligible.dwellings;
    }
  } else {
    auto loaded = Repo::VoterDwellings(s, c.estate_id);
    if (!loaded) return std::move(loaded).error();
    voters = std::move(*loaded);
    auto ev = Repo::Events(s, c.id, c.current_round);
    if (!ev) return std::move(ev).error();
    events = std::move(*ev);
    for (const auto& i : view.items) eligible.push_back(Eligible(i.item, *voters));
    auto standing_at = [&](int k) -> const Standing& {
      auto it = standing.find(k);
      if (it == standing.end()) it = standing.emplace(k, StandingAt(events, k)).first;
      return it->second;
    };
    unit_counts = [&, standing_at](int k, std::size_t n) {
      return cs::CountItem(eligible[n], BallotsOf(standing_at(k), view.items[n].item.id), reading_);
    };
    for (const auto& d : *voters) dwellings_of[d.building_id].push_back(&d);
    building_counts = [&, standing_at](std::size_t n, std::int64_t b) -> std::optional<cs::ItemCounts> {
      std::vector<core::reg::DwellingShare> in_building;
      for (const auto* d : dwellings_of[b])
        if (InUnit(view.items[n].item, *d)) in_building.push_back(ShareOf(*d));
      if (in_building.empty()) return std::nullopt;
      return cs::CountItem(in_building, BallotsOf(standing_at(evaluated), view.items[n].item.id), reading_);
    };
    std::set<std::pair<std::string, std::int64_t>> keys;
    for (const auto& d : *voters) keys.insert({d.building_number, d.building_id});
    building_keys.assign(keys.begin(), keys.end());
  }
  std::sort(building_keys.begin(), building_keys.end());

  // The evaluated round in detail, then a summary per round (1..current), reusing the evaluated one.
  std::vector<cs::ItemTally> evaluated_tallies;
  for (std::size_t n = 0; n < view.items.size(); ++n)
    evaluated_tallies.push_back(cs::EvaluateItem(view.items[n].rule, law, unit_counts(evaluated, n), reading_));
  for (int k = 1; k <= c.current_round; ++k) {
    RoundSummary rs;
    rs.round = k;
    for (std::size_t n = 0; n < view.items.size(); ++n) {
      const auto& iv = view.items[n];
      auto t = k == evaluated ? evaluated_tallies[n] : cs::EvaluateItem(iv.rule, law, unit_counts(k, n), reading_);
      // The round's overall figure is agree over eligible across items; each item's rate uses its
      // rule's own base, as in the item tallies.
      rs.agree += cs::Basis(iv.rule, t.agree);
      rs.eligible += cs::Basis(iv.rule, t.eligible);
      rs.items.emplace_back(iv.item.id, cs::RatesOf(iv.rule, t).agree_bp, std::string(cs::VerdictCode(t.verdict)));
    }
    rs.agree_rate_bp = cs::RateBasisPoints(rs.agree, rs.eligible);
    out.rounds.push_back(std::move(rs));
  }
  const auto* current = CurrentRound(view.rounds, c.current_round);
  for (std::size_t n = 0; n < view.items.size(); ++n) {
    const auto& iv = view.items[n];
    ItemTallyView t;
    t.item = &iv;
    t.round = evaluated;
    t.tally = std::move(evaluated_tallies[n]);
    t.provisional = std::string(cs::VerdictCode(t.tally.verdict));
    bool still_open = c.state == "open" && evaluated == c.current_round && current && Contains(current->item_ids, iv.item.id);
    t.verdict = still_open ? "open" : t.provisional;
    t.rates = cs::RatesOf(iv.rule, t.tally);
    out.overall_agree += cs::Basis(iv.rule, t.tally.agree);
    out.overall_eligible += cs::Basis(iv.rule, t.tally.eligible);
    out.items.push_back(std::move(t));
  }
  out.overall_rate_bp = cs::RateBasisPoints(out.overall_agree, out.overall_eligible);
  // Per building: each item's counts among the building's dwellings of its unit. Information only
  // (issue #11 §2): the rule applies to the item's whole unit, so a building's share of an estate-wide
  // vote has no verdict of its own. Only when the building's dwellings are the whole unit (a building-
  // or stairwell-scope item there) is its tally the item's, and then it carries the item's verdict.
  for (const auto& key : building_keys) {
    BuildingTally bt{key.second, key.first, {}};
    for (std::size_t n = 0; n < view.items.size(); ++n) {
      const auto& iv = view.items[n];
      bool decisive = iv.item.scope_type != "estate" && iv.item.building_id && *iv.item.building_id == key.second;
      std::optional<cs::ItemCounts> counts;
      if (!decisive || !maintained) counts = building_counts(n, key.second);
      else if (auto e = rows_by_key.find({0, iv.item.id, key.second}); e != rows_by_key.end() && e->second.eligible.dwellings > 0)
        counts = cs::ItemCounts{};  // present; the item's own tally is used
      if (!counts) continue;
      BuildingItemTally bi;
      bi.item_id = iv.item.id;
      bi.decisive = decisive;
      if (bi.decisive) {
        bi.tally = out.items[n].tally;
        bi.verdict = out.items[n].verdict;
      } else {
        bi.tally = cs::EvaluateItem(iv.rule, law, *counts, reading_);
      }
      bi.rates = cs::RatesOf(iv.rule, bi.tally);
      bt.items.push_back(std::move(bi));
    }
    out.buildings.push_back(std::move(bt));
  }
  out.reading = reading_;
  out.round = evaluated;
  out.from_aggregates = maintained;
  out.consultation = std::move(view);
  // Item pointers refer into out.consultation.items after the move: re-point them.
  for (std::size_t n = 0; n < out.items.size(); ++n) out.items[n].item = &out.consultation.items[n];
  return out;
}

Result<TallyView> ConsultationService::Tally(const Actor& actor, std::int64_t id, std::optional<int> round,
                                             TallySource source) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<TallyView> {
    auto l = Load(s, actor, id, false, perm::kConsultationRead);
    if (!l) return std::move(l).error();
    bool maintained = false;
    if (source == TallySource::kAuto) {
      auto m = TallyMaintained(s, id);
      if (!m) return std::move(m).error();
      maintained = *m;
    }
    // The maintained rows carry each unit's size; the recount sizes them from the register.
    auto view = View(s, std::move(l->c), /*unit_sizes=*/!maintained);
    if (!view) return std::move(view).error();
    return ComputeTally(s, std::move(*view), round, maintained);
  });
}

// ---- follow-up ----

Result<std::vector<FollowupRow>> ConsultationService::Followups(const Actor& actor, std::int64_t id,
                                                                const FollowupQuery& q) {
  if (q.status && *q.status != "unreached" && *q.status != "against" && *q.status != "undecided")
    return BadField("status", Text::Same(*q.status), Text("应为 unreached、against 或 undecided", "unreached, against or undecided"));
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::vector<FollowupRow>> {
    auto l = Load(s, actor, id, false, perm::kConsultationRead);
    if (!l) return std::move(l).error();
    auto view = View(s, std::move(l->c));
    if (!view) return std::move(view).error();
    const auto& c = view->c;
    std::vector<const ConsultationItemView*> items;
    const auto* round = CurrentRound(view->rounds, c.current_round);
    for (const auto& i : view->items) {
      if (q.item_id ? i.item.id == *q.item_id : (!round || Contains(round->item_ids, i.item.id))) items.push_back(&i);
    }
    if (q.item_id && items.empty()) return BadField("itemId", Text("不是本次协商的事项", "not an item of this consultation"));
    auto voters = Repo::VoterDwellings(s, c.estate_id);
    if (!voters) return std::move(voters).error();
    auto ballots = Repo::Ballots(s, c.id, std::nullopt);
    if (!ballots) return std::move(ballots).error();
    auto names = Repo::OwnerNames(s, c.estate_id);
    if (!names) return std::move(names).error();
    auto assignments = Repo::Assignments(s, c.id);
    if (!assignments) return std::move(assignments).error();
    auto visits = Repo::Visits(s, c.id);
    if (!visits) return std::move(visits).error();
    // The owner's choice per dwelling and item, attributed through heads as in the tally.
    std::map<std::pair<std::int64_t, std::int64_t>, std::string> choice_of;  // (item, dwelling)
    for (const auto* iv : items) {
      std::vector<const store::VoterDwelling*> unit;
      std::vector<core::reg::DwellingShare> shares;
      for (const auto& d : *voters)
        if (InUnit(iv->item, d)) {
          unit.push_back(&d);
          shares.push_back(ShareOf(d));
        }
      auto groups = core::reg::GroupHeads(shares, reading_);
      std::vector<std::pair<std::int64_t, std::string>> head_choice(groups.heads, {-1, ""});
      std::unordered_map<std::int64_t, std::size_t> index;
      for (std::size_t k = 0; k < unit.size(); ++k) index[unit[k]->id] = k;
      for (const auto& b : *ballots) {
        if (b.item_id != iv->item.id) continue;
        auto it = index.find(b.dwelling_id);
        if (it == index.end()) continue;
        auto& hc = head_choice[groups.head_of[it->second]];
        if (b.seq > hc.first) hc = {b.seq, b.choice};
      }
      for (std::size_t k = 0; k < unit.size(); ++k) {
        const auto& hc = head_choice[groups.head_of[k]];
        choice_of[{iv->item.id, unit[k]->id}] = hc.first < 0 ? "" : hc.second;
      }
    }
    std::vector<FollowupRow> out;
    for (const auto& d : *voters) {
      // Worst status over the items concerned: unreached before against before undecided.
      std::optional<std::string> status, choice;
      for (const auto* iv : items) {
        auto it = choice_of.find({iv->item.id, d.id});
        if (it == choice_of.end()) continue;
        std::string st = it->second.empty() ? "unreached" : it->second == "disagree" ? "against" : it->second == "abstain" ? "undecided" : "";
        if (st.empty()) continue;
        auto rank = [](const std::string& x) { return x == "unreached" ? 0 : x == "against" ? 1 : 2; };
        if (!status || rank(st) < rank(*status)) {
          status = st;
          choice = it->second.empty() ? std::nullopt : std::optional<std::string>(it->second);
        }
      }
      if (!status) continue;
      FollowupRow row;
      row.status = *status;
      row.choice = choice;
      for (const auto& a : *assignments)
        if (a.dwelling_id == d.id) row.assignee = a;
      for (const auto& v : *visits)
        if (v.dwelling_id == d.id && (!q.item_id || !v.item_id || *v.item_id == *q.item_id)) row.last_visit = v;
      // A promise to decide later keeps the dwelling "undecided" rather than "unreached".
      if (row.status == "unreached" && row.last_visit && row.last_visit->outcome == "will_decide") row.status = "undecided";
      if (q.status && row.status != *q.status) continue;
      if (q.assignee && (!row.assignee || row.assignee->user_id != *q.assignee)) continue;
      row.owner_names = MaskedNames(*names, d.id);
      row.dwelling = d;
      out.push_back(std::move(row));
    }
    return out;
  });
}

Result<std::int64_t> ConsultationService::Assign(const Actor& actor, std::int64_t id,
                                                 const std::vector<std::int64_t>& dwelling_ids, std::int64_t user_id) {
  return store::WriteResult(db_, [&](store::Session& s) -> Result<std::int64_t> {
    auto l = Load(s, actor, id, true, perm::kConsultationWrite);
    if (!l) return std::move(l).error();
    if (dwelling_ids.empty()) return BadField("dwellingIds", Text("至少选择一户", "choose at least one dwelling"));
    auto user = store::UserRepository::FindById(s, user_id);
    if (!user) return std::move(user).error();
    if (!*user || (*user)->disabled) return BadField("userId", Text("用户不存在或已停用", "no such active user"));
    // The assignee must work inside the consultation's area (their scope covers the estate, or is
    // inside the actor's scope), and be staff who may record ballots.
    auto role = core::auth::ParseRole((*user)->role);
    if (!role || !core::auth::HasPermission(*role, perm::kBallotWrite) ||
        !(core::auth::Scope((*user)->region_code).Covers(l->c.region_code) || actor.scope.Covers((*user)->region_code)))
      return BadField("userId", Text("该用户不能负责本小区的入户走访", "that user cannot do follow-up visits in this estate"));
    auto voters = Repo::VoterDwellings(s, l->c.estate_id);
    if (!voters) return std::move(voters).error();
    std::unordered_set<std::int64_t> ids;
    for (const auto& d : *voters) ids.insert(d.id);
    auto now = FormatIsoUtc(clock_.Now());
    for (auto did : dwelling_ids) {
      if (!ids.count(did)) return BadField("dwellingIds", Text::Same(std::to_string(did)), Text("不是本小区的房屋", "not a dwelling of this estate"));
      if (auto r = Repo::Assign(s, id, did, user_id, actor.user_id, now); !r) return std::move(r).error();
    }
    Changes ch;
    ch.Set("assignee", nullptr, json::string((*user)->username)).Set("dwellings", nullptr, static_cast<std::int64_t>(dwelling_ids.size()));
    if (auto r = RecordAudit(s, clock_, actor, "followup.assign", "consultation", std::to_string(id), l->c.region_code, ch); !r)
      return std::move(r).error();
    return static_cast<std::int64_t>(dwelling_ids.size());
  });
}

Result<store::FollowupVisitRecord> ConsultationService::RecordVisit(const Actor& actor, std::int64_t id,
                                                                   std::int64_t dwelling_id,
                                                                   std::optional<std::int64_t> item_id,
                                                                   const std::string& outcome, const std::string& note) {
  if (!kOutcomes.count(outcome))
    return BadField("outcome", Text::Same(outcome), Text("应为 absent、refused、agreed 或 will_decide", "absent, refused, agreed or will_decide"));
  if (auto n = Utf8Length(note); !n || *n > 500) return BadField("note", Text("不超过500字", "at most 500 characters"));
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::FollowupVisitRecord> {
    auto l = Load(s, actor, id, true, perm::kBallotWrite);
    if (!l) return std::move(l).error();
    auto d = store::DwellingRepository::Find(s, dwelling_id);
    if (!d) return std::move(d).error();
    if (!*d || (*d)->estate_id != l->c.estate_id) return BadField("dwellingId", Text("不是本小区的房屋", "not a dwelling of this estate"));
    if (item_id) {
      auto items = Repo::Items(s, id);
      if (!items) return std::move(items).error();
      if (std::none_of(items->begin(), items->end(), [&](const auto& i) { return i.id == *item_id; }))
        return BadField("itemId", Text("不是本次协商的事项", "not an item of this consultation"));
    }
    store::FollowupVisitRecord v{0, id, dwelling_id, item_id, outcome, note, actor.user_id, actor.username, FormatIsoUtc(clock_.Now())};
    auto vid = Repo::InsertVisit(s, v);
    if (!vid) return std::move(vid).error();
    v.id = *vid;
    Changes ch;
    ch.Set("dwellingId", nullptr, dwelling_id).Set("outcome", nullptr, json::string(outcome));
    if (auto r = RecordAudit(s, clock_, actor, "followup.visit", "consultation", std::to_string(id), l->c.region_code, ch); !r)
      return std::move(r).error();
    return v;
  });
}

// ---- lift cost sharing ----

Result<LiftShareView> ConsultationService::LiftShare(const Actor& actor, const LiftShareRequest& req) {
  if (auto r = RequirePermission(actor, perm::kConsultationRead); !r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<LiftShareView> {
    auto b = store::BuildingRepository::Find(s, req.building_id);
    if (!b) return std::move(b).error();
    if (!*b) return BadField("buildingId", Text("楼栋不存在", "no such building"));
    if (auto r = RequireInScope(actor, (*b)->region_code); !r) return std::move(r).error();
    if (req.stairwell < 1 || req.stairwell > (*b)->stairwells)
      return BadField("stairwell", Text("应为1–" + std::to_string((*b)->stairwells), "must be 1–" + std::to_string((*b)->stairwells)));
    auto voters = Repo::VoterDwellings(s, (*b)->estate_id);
    if (!voters) return std::move(voters).error();
    LiftShareView out;
    std::vector<cs::LiftDwelling> input;
    for (auto& d : *voters)
      if (d.building_id == req.building_id && d.stairwell == req.stairwell) {
        input.push_back({d.id, d.floor, d.area_dm2});
        out.dwellings.push_back(std::move(d));
      }
    auto r = cs::ShareLiftCost(input, req.costs);
    if (!r) return std::move(r).error();
    out.result = std::move(*r);
    return out;
  });
}

// ---- evidence files ----

namespace {
constexpr std::size_t kMaxEvidenceBytes = 10 * 1024 * 1024;

std::optional<std::string> SniffEvidenceType(const std::string& b) {
  if (auto image = SniffImage(b)) return std::string(ImageMime(*image));
  if (b.size() >= 5 && b.compare(0, 5, "%PDF-") == 0) return "application/pdf";
  return std::nullopt;
}
}  // namespace

Result<StoredFile> ConsultationService::StoreEvidence(const Actor& actor, std::int64_t consultation_id,
                                                      const std::string& name, const std::string& bytes) {
  if (bytes.size() > kMaxEvidenceBytes)
    return MakeError(ErrorCode::kPayloadTooLarge, "file.too_large", Text("文件超过 10 MiB", "the file is larger than 10 MiB"),
                     Text::Same(std::to_string(bytes.size()) + " bytes"), Text("请压缩照片后再上传", "compress the photo and try again"));
  auto type = SniffEvidenceType(bytes);
  if (!type)
    return MakeError(ErrorCode::kUnsupportedMediaType, "file.unsupported_type",
                     Text("只支持 JPEG、PNG、WebP 照片或 PDF", "only JPEG, PNG or WebP photos, or PDF"), Text::Same(name),
                     Text("请用手机拍摄签字表决票后上传", "photograph the signed ballot and upload it"));
  // Photos lose their metadata (EXIF: GPS, device) before they are kept (PIPL Art. 6).
  std::string kept = bytes;
  if (*type != "application/pdf") {
    auto stripped = StripImageMetadata(bytes);
    if (!stripped)
      return MakeError(ErrorCode::kUnprocessable, "file.bad_image", Text("图片已损坏或格式不完整", "the image is damaged or incomplete"),
                       Text::Same(name));
    kept = std::move(*stripped);
  }
  return store::WriteResult(db_, [&](store::Session& s) -> Result<StoredFile> {
    auto l = Load(s, actor, consultation_id, true, perm::kBallotWrite);
    if (!l) return std::move(l).error();
    auto f = files_.Put(s, actor, "consultation", l->c.region_code, name, *type, kept);
    if (!f) return std::move(f).error();
    Changes ch;
    ch.Set("file", nullptr, json::string(f->name)).Set("sha256", nullptr, json::string(f->sha256)).Set("bytes", nullptr, f->size_bytes);
    if (auto r = RecordAudit(s, clock_, actor, "file.upload", "consultation", std::to_string(consultation_id), f->region_code, ch); !r)
      return std::move(r).error();
    return std::move(*f);
  });
}


Result<std::optional<ConsultationWorkbench>> ConsultationService::Workbench(const Actor& actor) {
  if (!core::auth::HasPermission(actor.role, perm::kConsultationRead)) return std::optional<ConsultationWorkbench>{};
  return store::ReadResult(db_, [&](store::Session& s) -> Result<std::optional<ConsultationWorkbench>> {
    ConsultationWorkbench w;
    store::ConsultationFilter f;
    f.scope_prefix = actor.scope.prefix();
    f.state = "open";
    f.limit = 5;
    auto list = Repo::List(s, f, w.open);
    if (!list) return std::move(list).error();
    for (auto& c : *list) {
      auto v = View(s, c, /*unit_sizes=*/false);
      if (!v) return std::move(v).error();
      auto p = Repo::ParticipationOf(s, c.id);
      if (!p) return std::move(p).error();
      w.consultations.push_back({c.id, c.estate_id, c.title, v->estate_name, c.current_round, p->dwellings, p->participated});
    }
    auto mine = Repo::OpenFollowupsOf(s, actor.user_id, actor.scope.prefix());
    if (!mine) return std::move(mine).error();
    w.followups_assigned_to_me = *mine;
    return std::optional<ConsultationWorkbench>(std::move(w));
  });
}

}  // namespace huanxin::service
