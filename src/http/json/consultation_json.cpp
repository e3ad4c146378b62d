#include "http/json/consultation_json.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "common/clock.hpp"
#include "common/decimal.hpp"
#include "common/text.hpp"
#include "http/json/json_input.hpp"
#include "http/json/platform_json.hpp"
#include "http/message.hpp"

namespace huanxin::http {

namespace json = boost::json;
namespace cs = core::consult;

namespace {

json::value Opt(const std::optional<std::string>& v) { return v ? json::value(json::string(*v)) : json::value(nullptr); }

json::array Ids(const std::vector<std::int64_t>& ids) {
  json::array a;
  for (auto id : ids) a.push_back(id);
  return a;
}

json::object ScopeJson(const service::ConsultationItemView& i) {
  json::object o{{"type", i.item.scope_type}};
  if (i.item.building_id) {
    o["buildingId"] = *i.item.building_id;
    o["buildingNumber"] = i.building_number ? json::value(json::string(*i.building_number)) : json::value(nullptr);
  }
  if (i.item.stairwell) o["stairwell"] = *i.item.stairwell;
  return o;
}

json::object CountsJson(const cs::Counts& c) {
  return {{"heads", c.heads}, {"area", DecimalJson(c.area_dm2)}, {"dwellings", c.dwellings}};
}

json::object DwellingRef(const store::VoterDwelling& d) {
  return {{"id", d.id}, {"buildingId", d.building_id}, {"buildingNumber", d.building_number},
          {"stairwell", d.stairwell}, {"floor", d.floor}, {"room", d.room}, {"area", DecimalJson(d.area_dm2)}};
}

Error Field(const std::string& field, Text why) { return InvalidField(field, std::move(why)); }

}  // namespace

json::object ConsultationJson(const service::ConsultationView& v) {
  const auto& c = v.c;
  json::array items;
  for (const auto& i : v.items)
    items.push_back({{"id", i.item.id},
                     {"position", i.item.position},
                     {"title", i.item.title},
                     {"catalogItemCode", Opt(i.item.catalog_item_code)},
                     {"rule", json::parse(i.item.rule_json)},
                     {"scope", ScopeJson(i)},
                     {"eligibleDwellings", i.eligible_dwellings}});
  json::array rounds;
  for (const auto& r : v.rounds)
    rounds.push_back({{"number", r.number},
                      {"itemIds", Ids(r.item_ids)},
                      {"dwellingIds", r.dwelling_ids ? json::value(Ids(*r.dwelling_ids)) : json::value(nullptr)},
                      {"openedAt", r.opened_at}});
  return {{"id", c.id},
          {"estateId", c.estate_id},
          {"estateName", v.estate_name},
          {"regionCode", c.region_code},
          {"title", c.title},
          {"kind", c.kind},
          {"lawVersion", c.law_version},
          {"state", c.state},
          {"currentRound", c.current_round},
          {"ballotsCast", c.ballots_cast},
          {"opensAt", Opt(c.opens_at)},
          {"closesAt", Opt(c.closes_at)},
          {"openedAt", Opt(c.opened_at)},
          {"closedAt", Opt(c.closed_at)},
          {"createdAt", c.created_at},
          {"updatedAt", c.updated_at},
          {"items", std::move(items)},
          {"rounds", std::move(rounds)}};
}

json::object ReceiptJson(const service::ReceiptView& r) {
  json::array choices;
  for (const auto& [item, choice] : r.choices) choices.push_back({{"itemId", item}, {"choice", choice}});
  return {{"receipt", service::ConsultationService::FormatCode(r.receipt.code)},
          {"consultationId", r.receipt.consultation_id},
          {"dwellingId", r.receipt.dwelling_id},
          {"round", r.receipt.round},
          {"channel", r.receipt.channel},
          {"castAt", r.receipt.cast_at},
          {"choices", std::move(choices)},
          {"dwellingIds", Ids(r.receipt.dwelling_ids)}};
}

json::object PublicReceiptJson(const service::PublicReceipt& r) {
  json::array choices;
  for (std::size_t k = 0; k < r.receipt.choices.size(); ++k)
    choices.push_back({{"itemId", r.receipt.choices[k].first},
                       {"title", r.item_titles[k]},
                       {"choice", r.receipt.choices[k].second}});
  return {{"receipt", service::ConsultationService::FormatCode(r.receipt.receipt.code)},
          {"consultationTitle", r.consultation_title},
          {"estateName", r.estate_name},
          {"round", r.receipt.receipt.round},
          {"castAt", r.receipt.receipt.cast_at},
          {"channel", r.receipt.receipt.channel},
          {"choices", std::move(choices)},
          {"counted", r.counted}};
}

json::object TallyJson(const service::TallyView& t, bool english) {
  json::array items;
  for (const auto& it : t.items) {
    const auto& x = it.tally;
    items.push_back({{"itemId", it.item->item.id},
                     {"title", it.item->item.title},
                     {"round", it.round},
                     {"scope", ScopeJson(*it.item)},
                     {"rule", json::parse(it.item->item.rule_json)},
                     {"eligible", CountsJson(x.eligible)},
                     {"participated", CountsJson(x.participated)},
                     {"agree", CountsJson(x.agree)},
                     {"disagree", CountsJson(x.disagree)},
                     {"abstain", CountsJson(x.abstain)},
                     {"agreeRate", DecimalJson(it.rates.agree_bp)},
                     {"agreeAreaRate", DecimalJson(it.rates.agree_area_bp)},
                     {"rateBase", std::string(cs::ApprovalBaseCode(x.approval_base))},
                     {"participationRate", DecimalJson(it.rates.participation_bp)},
                     {"participationAreaRate", DecimalJson(it.rates.participation_area_bp)},
                     {"headcountReading", std::string(core::reg::HeadcountReadingCode(x.reading))},
                     {"quorumMet", x.quorum_met},
                     {"verdict", it.verdict},
                     {"provisional", it.provisional},
                     {"conflictingOwners", x.conflicting_heads},
                     {"explanation", x.explanation.In(english)}});
  }
  json::array buildings;
  for (const auto& b : t.buildings) {
    json::array bi;
    for (const auto& i : b.items) {
      json::object o{{"itemId", i.item_id},
                     {"eligible", CountsJson(i.tally.eligible)},
                     {"participated", CountsJson(i.tally.participated)},
                     {"agree", CountsJson(i.tally.agree)},
                     {"disagree", CountsJson(i.tally.disagree)},
                     {"abstain", CountsJson(i.tally.abstain)},
                     {"agreeRate", DecimalJson(i.rates.agree_bp)},
                     {"agreeAreaRate", DecimalJson(i.rates.agree_area_bp)},
                     {"rateBase", std::string(cs::ApprovalBaseCode(i.tally.approval_base))},
                     {"informationOnly", !i.decisive}};
      // A verdict only where this building's dwellings are the item's whole voting unit.
      if (i.decisive) o["verdict"] = i.verdict;
      bi.push_back(std::move(o));
    }
    buildings.push_back({{"buildingId", b.building_id}, {"number", b.number}, {"items", std::move(bi)}});
  }
  json::array rounds;
  for (const auto& r : t.rounds) {
    json::array ri;
    for (const auto& [item, rate, verdict] : r.items)
      ri.push_back({{"itemId", item}, {"agreeRate", DecimalJson(rate)}, {"verdict", verdict}});
    rounds.push_back({{"round", r.round},
                      {"agree", r.agree},
                      {"eligible", r.eligible},
                      {"agreeRate", DecimalJson(r.agree_rate_bp)},
                      {"items", std::move(ri)}});
  }
  const auto& c = t.consultation.c;
  return {{"consultationId", c.id},
          {"title", c.title},
          {"state", c.state},
          {"lawVersion", c.law_version},
          {"headcountReading", std::string(core::reg::HeadcountReadingCode(t.reading))},
          {"currentRound", c.current_round},
          {"round", t.round},
          {"items", std::move(items)},
          {"buildings", std::move(buildings)},
          {"rounds", std::move(rounds)},
          {"overall",
           {{"agree", t.overall_agree}, {"eligible", t.overall_eligible}, {"agreeRate", DecimalJson(t.overall_rate_bp)}}}};
}

json::object CodeViewJson(const service::CodeView& v) {
  const auto& c = v.consultation.c;
  json::array items;
  for (const auto& i : v.items)
    items.push_back({{"id", i.id}, {"title", i.title}, {"open", i.open}, {"choice", Opt(i.choice)}});
  auto d = DwellingRef(v.dwelling);
  d.erase("area");
  return {{"consultation",
           {{"id", c.id},
            {"title", c.title},
            {"estateName", v.consultation.estate_name},
            {"kind", c.kind},
            {"state", c.state},
            {"closesAt", Opt(c.closes_at)},
            {"currentRound", c.current_round}}},
          {"dwelling", std::move(d)},
          {"items", std::move(items)},
          {"used", v.used},
          {"receipt", v.receipt ? json::value(json::string(service::ConsultationService::FormatCode(*v.receipt)))
                                : json::value(nullptr)}};
}

json::object VisitJson(const store::FollowupVisitRecord& v) {
  return {{"id", v.id},
          {"dwellingId", v.dwelling_id},
          {"itemId", v.item_id ? json::value(*v.item_id) : json::value(nullptr)},
          {"outcome", v.outcome},
          {"note", v.note},
          {"at", v.visited_at},
          {"by", v.username}};
}

json::object FollowupJson(const service::FollowupRow& r) {
  json::array names;
  for (const auto& n : r.owner_names) names.push_back(json::string(n));
  const auto& d = r.dwelling;
  return {{"dwellingId", d.id},
          {"buildingId", d.building_id},
          {"buildingNumber", d.building_number},
          {"stairwell", d.stairwell},
          {"floor", d.floor},
          {"room", d.room},
          {"ownerNames", std::move(names)},
          {"status", r.status},
          {"choice", Opt(r.choice)},
          {"assignee", r.assignee ? json::value({{"id", r.assignee->user_id}, {"username", r.assignee->username}})
                                  : json::value(nullptr)},
          {"lastVisit", r.last_visit ? json::value(VisitJson(*r.last_visit)) : json::value(nullptr)}};
}

json::object LiftShareJson(const service::LiftShareView& v) {
  json::array shares;
  for (std::size_t k = 0; k < v.result.shares.size(); ++k) {
    const auto& s = v.result.shares[k];
    const auto& d = v.dwellings[k];
    shares.push_back({{"dwellingId", s.dwelling_id},
                      {"floor", s.floor},
                      {"room", d.room},
                      {"area", DecimalJson(s.area_dm2)},
                      {"coefficient", RawNumberJson(cs::FormatCoefficient(s.coefficient_milli))},
                      {"exempt", s.exempt},
                      {"share", s.share_fen},
                      {"compensation", s.compensation_fen}});
  }
  return {{"amount", v.result.amount_fen}, {"totalWeight", v.result.total_weight}, {"shares", std::move(shares)}};
}

// ---- input ----

namespace {
Result<std::optional<std::string>> OptionalTime(const json::object& o, const char* field) {
  auto s = OptionalString(o, field);
  if (!s) return std::move(s).error();
  if (!*s) return std::optional<std::string>{};
  auto t = ParseIso(**s);
  if (!t) return Field(field, Text("应为 ISO 8601 时间，如 2026-12-01T00:00:00Z", "must be ISO 8601, e.g. 2026-12-01T00:00:00Z"));
  return std::optional<std::string>(FormatIsoUtc(*t));
}
}  // namespace

Result<service::ConsultationInput> ParseConsultationInput(const json::object& o) {
  service::ConsultationInput in;
  const auto* estate = o.if_contains("estateId");
  if (!estate || !estate->is_int64()) return Field("estateId", Text("必填，应为整数", "required integer"));
  in.estate_id = estate->as_int64();
  auto title = RequiredString(o, "title");
  if (!title) return std::move(title).error();
  in.title = *title;
  auto kind = RequiredString(o, "kind");
  if (!kind) return std::move(kind).error();
  in.kind = *kind;
  auto law = OptionalString(o, "lawVersion");
  if (!law) return std::move(law).error();
  in.law_version = *law;
  auto opens = OptionalTime(o, "opensAt");
  if (!opens) return std::move(opens).error();
  in.opens_at = *opens;
  auto closes = OptionalTime(o, "closesAt");
  if (!closes) return std::move(closes).error();
  in.closes_at = *closes;
  const auto* items = o.if_contains("items");
  if (!items || !items->is_array()) return Field("items", Text("必填，应为数组", "required array"));
  int n = 0;
  for (const auto& e : items->as_array()) {
    std::string field = "items[" + std::to_string(n++) + "]";
    if (!e.is_object()) return Field(field, Text("应为对象", "must be an object"));
    const auto& io = e.as_object();
    service::ConsultationItemInput it;
    auto t = RequiredString(io, "title");
    if (!t) return Field(field + ".title", Text("必填", "required"));
    it.title = *t;
    auto code = OptionalString(io, "catalogItemCode");
    if (!code) return Field(field + ".catalogItemCode", Text("应为字符串", "must be a string"));
    it.catalog_item_code = *code;
    const auto* rule = io.if_contains("rule");
    if (!rule || !rule->is_object()) return Field(field + ".rule", Text("必填，应为对象", "required object"));
    auto parsed = service::RuleFromJson(json::serialize(*rule));
    if (!parsed) {
      auto err = parsed.error();
      err.message = Text(field + "：" + err.message.zh, field + ": " + err.message.en);
      return err;
    }
    it.rule = *parsed;
    if (const auto* scope = io.if_contains("scope"); scope && !scope->is_null()) {
      if (!scope->is_object()) return Field(field + ".scope", Text("应为对象", "must be an object"));
      const auto& so = scope->as_object();
      auto type = OptionalString(so, "type");
      if (!type) return Field(field + ".scope.type", Text("应为字符串", "must be a string"));
      it.scope_type = type->value_or("estate");
      if (const auto* b = so.if_contains("buildingId"); b && !b->is_null()) {
        if (!b->is_int64()) return Field(field + ".scope.buildingId", Text("应为整数", "must be an integer"));
        it.building_id = b->as_int64();
      }
      if (const auto* w = so.if_contains("stairwell"); w && !w->is_null()) {
        if (!w->is_int64() || w->as_int64() < 1 || w->as_int64() > 99)
          return Field(field + ".scope.stairwell", Text("应为1–99的整数", "must be an integer 1–99"));
        it.stairwell = static_cast<int>(w->as_int64());
      }
    }
    in.items.push_back(std::move(it));
  }
  return in;
}

Result<service::BallotInput> ParseBallotInput(const json::object& o, bool resident) {
  service::BallotInput in;
  const auto* choices = o.if_contains("choices");
  if (!choices || !choices->is_object()) return Field("choices", Text("必填，形如 {\"事项ID\": \"agree\"}", "required, like {\"<itemId>\": \"agree\"}"));
  for (const auto& [key, value] : choices->as_object()) {
    auto id = ParseInt64(std::string_view(key.data(), key.size()));
    if (!id || *id <= 0) return Field("choices", Text("键应为事项ID：" + std::string(key), "keys must be item ids: " + std::string(key)));
    auto choice = value.is_string() ? cs::ParseChoice(std::string(value.as_string())) : std::nullopt;
    if (!choice) return Field("choices." + std::string(key), Text("应为 agree、disagree 或 abstain", "must be agree, disagree or abstain"));
    in.choices.emplace_back(*id, *choice);
  }
  if (resident) {
    in.channel = "online";
    return in;
  }
  auto channel = RequiredString(o, "channel");
  if (!channel) return std::move(channel).error();
  in.channel = *channel;
  if (const auto* f = o.if_contains("evidenceFileId"); f && !f->is_null()) {
    if (!f->is_int64() || f->as_int64() <= 0) return Field("evidenceFileId", Text("应为正整数", "must be a positive integer"));
    in.evidence_file_id = f->as_int64();
  }
  auto apply = OptionalBool(o, "applyToOwnerDwellings");
  if (!apply) return std::move(apply).error();
  in.apply_to_owner_dwellings = apply->value_or(false);
  return in;
}

Result<service::LiftShareRequest> ParseLiftShareRequest(const json::object& o) {
  service::LiftShareRequest r;
  auto integer = [&](const char* k, bool required, std::int64_t& out) -> Result<void> {
    const auto* v = o.if_contains(k);
    if (!v || v->is_null()) {
      if (required) return Field(k, Text("必填", "required"));
      return Ok();
    }
    if (!v->is_int64() || v->as_int64() < 0) return Field(k, Text("应为非负整数（金额单位：分）", "must be a non-negative integer (money in fen)"));
    out = v->as_int64();
    return Ok();
  };
  std::int64_t stairwell = 1;
  if (auto x = integer("buildingId", true, r.building_id); !x) return std::move(x).error();
  if (auto x = integer("stairwell", true, stairwell); !x) return std::move(x).error();
  r.stairwell = static_cast<int>(std::min<std::int64_t>(stairwell, 1000));
  if (auto x = integer("totalCost", true, r.costs.total_fen); !x) return std::move(x).error();
  if (auto x = integer("subsidy", false, r.costs.subsidy_fen); !x) return std::move(x).error();
  if (auto x = integer("compensation", false, r.costs.compensation_fen); !x) return std::move(x).error();
  // Floors as the register records them: basements negative (down to -5), 0 for a semi-basement
  // floor where a roster uses it, up to 200. Floors ≤ 0 may be exempt or carry a coefficient like any
  // other floor (issue #11 §2; REFERENCE §3.2).
  constexpr std::int64_t kLowestFloor = -5, kHighestFloor = 200;
  if (const auto* e = o.if_contains("exemptFloors"); e && !e->is_null()) {
    auto bad = [] {
      return Field("exemptFloors", Text("应为楼层整数数组（-5至200，地下层用负数）", "must be an array of floors -5 to 200 (basements negative)"));
    };
    if (!e->is_array() || e->as_array().size() > 1000) return bad();
    r.costs.exempt_floors.clear();
    for (const auto& f : e->as_array()) {
      if (!f.is_int64() || f.as_int64() < kLowestFloor || f.as_int64() > kHighestFloor) return bad();
      r.costs.exempt_floors.insert(static_cast<int>(f.as_int64()));
    }
  }
  if (const auto* c = o.if_contains("coefficients"); c && !c->is_null()) {
    if (!c->is_object()) return Field("coefficients", Text("形如 {\"3\": \"0.7\"}", "like {\"3\": \"0.7\"}"));
    for (const auto& [key, value] : c->as_object()) {
      std::string_view k(key.data(), key.size());
      bool negative = !k.empty() && k.front() == '-';
      auto digits = negative ? k.substr(1) : k;
      auto floor = IsDigits(digits) && digits.size() <= 3 ? ParseInt64(digits) : std::nullopt;
      if (floor && negative) *floor = -*floor;
      auto coef = value.is_string() ? cs::ParseCoefficient(std::string(value.as_string())) : std::nullopt;
      if (!floor || *floor < kLowestFloor || *floor > kHighestFloor || !coef)
        return Field("coefficients." + std::string(key),
                     Text("楼层应为-5至200（地下层用负数），系数为至多三位小数的字符串，如 \"0.7\"",
                          "floor -5 to 200 (basements negative) and a coefficient string with up to three decimals, e.g. \"0.7\""));
      r.costs.coefficient_milli[static_cast<int>(*floor)] = *coef;
    }
  }
  return r;
}

boost::json::object BallotJson(const store::BallotRecord& b) {
  return {{"dwellingId", b.dwelling_id},
          {"itemId", b.item_id},
          {"choice", b.choice},
          {"round", b.round},
          {"channel", b.channel},
          {"castAt", b.cast_at},
          {"receipt", service::ConsultationService::FormatCode(b.receipt)}};
}

boost::json::object BallotCodeJson(const service::BallotSheet& sh, const std::string& url) {
  return {{"dwellingId", sh.dwelling.id},
          {"buildingNumber", sh.dwelling.building_number},
          {"stairwell", sh.dwelling.stairwell},
          {"floor", sh.dwelling.floor},
          {"room", sh.dwelling.room},
          {"code", service::ConsultationService::FormatCode(sh.code)},
          {"url", url}};
}

boost::json::object ConsultationWorkbenchJson(const service::ConsultationWorkbench& w) {
  boost::json::array list;
  for (const auto& c : w.consultations)
    list.push_back({{"id", c.id},
                    {"title", c.title},
                    {"estateId", c.estate_id},
                    {"estateName", c.estate_name},
                    {"round", c.round},
                    {"dwellings", c.dwellings},
                    {"participated", c.participated},
                    {"participationPercent", DecimalJson(PercentHundredths(c.participated, c.dwellings))}});
  return {{"open", w.open}, {"followupsAssignedToMe", w.followups_assigned_to_me}, {"consultations", std::move(list)}};
}

json::object ConsultationPageJson(const std::vector<service::ConsultationView>& list, std::int64_t total, const Paging& paging) {
  json::array items;
  for (const auto& v : list) items.push_back(ConsultationJson(v));
  return PageJson(std::move(items), total, paging.page, paging.page_size);
}

json::object BallotListJson(const std::vector<store::BallotRecord>& ballots) {
  json::array items;
  for (const auto& b : ballots) items.push_back(BallotJson(b));
  return {{"items", std::move(items)}};
}

json::object FollowupListJson(const std::vector<service::FollowupRow>& rows) {
  json::array items;
  for (const auto& r : rows) items.push_back(FollowupJson(r));
  return {{"items", std::move(items)}, {"total", static_cast<std::int64_t>(rows.size())}};
}

json::object BallotCodeListJson(const std::vector<service::BallotSheet>& sheets, const std::string& public_base) {
  json::array items;
  for (const auto& sh : sheets)
    items.push_back(BallotCodeJson(sh, service::ConsultationService::ResidentBallotUrl(public_base, sh.code)));
  return {{"items", std::move(items)}};
}

Result<RoundInput> ParseRoundInput(const json::object& o) {
  RoundInput in;
  const auto* items = o.if_contains("itemIds");
  if (!items) return Field("itemIds", Text("必填", "required"));
  auto item_ids = ParseIdArray(*items, "itemIds");
  if (!item_ids) return std::move(item_ids).error();
  in.item_ids = std::move(*item_ids);
  if (const auto* d = o.if_contains("dwellingIds"); d && !d->is_null()) {
    auto ids = ParseIdArray(*d, "dwellingIds");
    if (!ids) return std::move(ids).error();
    in.dwelling_ids = std::move(*ids);
  }
  return in;
}

Result<FollowupAssignInput> ParseFollowupAssignInput(const json::object& o) {
  FollowupAssignInput in;
  const auto* d = o.if_contains("dwellingIds");
  if (!d) return Field("dwellingIds", Text("必填", "required"));
  auto dwellings = ParseIdArray(*d, "dwellingIds");
  if (!dwellings) return std::move(dwellings).error();
  in.dwelling_ids = std::move(*dwellings);
  const auto* u = o.if_contains("userId");
  if (!u || !u->is_int64()) return Field("userId", Text("必填，应为整数", "required integer"));
  in.user_id = u->as_int64();
  return in;
}

Result<VisitInput> ParseVisitInput(const json::object& o) {
  VisitInput in;
  const auto* d = o.if_contains("dwellingId");
  if (!d || !d->is_int64()) return Field("dwellingId", Text("必填，应为整数", "required integer"));
  in.dwelling_id = d->as_int64();
  if (const auto* i = o.if_contains("itemId"); i && !i->is_null()) {
    if (!i->is_int64()) return Field("itemId", Text("应为整数", "must be an integer"));
    in.item_id = i->as_int64();
  }
  auto outcome = RequiredString(o, "outcome");
  if (!outcome) return std::move(outcome).error();
  in.outcome = std::move(*outcome);
  auto note = OptionalString(o, "note");
  if (!note) return std::move(note).error();
  in.note = note->value_or("");
  return in;
}

Result<service::FollowupQuery> ParseFollowupQuery(const Request& req) {
  service::FollowupQuery q;
  auto item = QueryInt64(req, "itemId");
  if (!item) return std::move(item).error();
  q.item_id = *item;
  auto assignee = QueryInt64(req, "assignee");
  if (!assignee) return std::move(assignee).error();
  q.assignee = *assignee;
  q.status = QueryString(req, "status");
  return q;
}

Result<std::optional<int>> ParseTallyRound(const Request& req) {
  auto round = QueryInt64(req, "round");
  if (!round) return std::move(round).error();
  if (!*round) return std::optional<int>{};
  return std::optional<int>(static_cast<int>(std::clamp<std::int64_t>(**round, -1, 1000000)));
}

}  // namespace huanxin::http
