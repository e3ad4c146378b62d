#include "service/stewardship/stewardship_service.hpp"

#include <boost/json.hpp>
#include <utility>

#include "common/decimal.hpp"
#include "core/calendar/work_calendar.hpp"
#include "core/consultation/rules.hpp"
#include "core/stewardship/stewardship.hpp"
#include "service/audit/audit_service.hpp"
#include "service/platform/field_check.hpp"

namespace huanxin::service {

namespace {

namespace cst = core::stewardship;
namespace cs = core::consult;
namespace perm = core::auth::perm;
using Repo = store::StewardshipRepository;

// Assigns a Result's value to `target`, or returns its error.
#define HX_STEW_ASSIGN(target, expr)                       \
  do {                                                     \
    auto hx_assign_ = (expr);                              \
    if (!hx_assign_) return std::move(hx_assign_).error(); \
    target = std::move(*hx_assign_);                       \
  } while (0)

constexpr std::size_t kNameMax = 100, kShortMax = 20, kNoteMax = 500, kServicesMax = 50, kMembersMax = 30, kUtilityMax = 100;

Error Field(const std::string& field, Text why) {
  return Invalid("stewardship.invalid_field", Text("字段 " + field + " 无效：" + why.zh, "field " + field + " is invalid: " + why.en),
                 Text::Same(field), Text("请按提示修改后重试", "correct the field and try again"));
}

Result<void> CheckText(const std::string& field, const std::string& v, std::size_t min, std::size_t max) {
  if (auto problem = TextProblem(v, min, max)) return Field(field, std::move(*problem));
  return Ok();
}

Result<void> CheckDate(const std::string& field, const std::string& v) {
  auto d = core::calendar::ParseDate(v);
  if (!d || core::calendar::FormatDate(*d) != v) return Field(field, Text("应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD"));
  return Ok();
}

Result<void> CheckTerm(const std::string& start, const std::string& end) {
  if (auto r = CheckDate("termStart", start); !r) return r;
  if (auto r = CheckDate("termEnd", end); !r) return r;
  if (end < start) return Field("termEnd", Text("不能早于 termStart", "must not be before termStart"));
  return Ok();
}

Result<std::int64_t> CheckAmount(const std::string& field, const std::optional<std::int64_t>& v) {
  if (!v) return Field(field, Text("必填，单位为分的正整数", "is required: a positive integer in fen"));
  if (*v <= 0) return Field(field, Text("须大于 0", "must be more than 0"));
  return *v;
}

Error EstateNotFound() { return NotFound("stewardship.estate_not_found", Text("小区不存在", "no such estate")); }

// The estate, in the actor's scope with `permission`.
Result<store::StewardshipEstateRef> EstateFor(store::Session& s, const Actor& actor, std::int64_t estate_id, std::string_view permission) {
  if (auto r = RequirePermission(actor, permission); !r) return std::move(r).error();
  auto e = Repo::FindEstate(s, estate_id);
  if (!e) return std::move(e).error();
  if (!*e) return EstateNotFound();
  if (auto r = RequireInScope(actor, (*e)->region_code); !r) return std::move(r).error();
  return std::move(**e);
}

std::string Yuan(std::int64_t fen) { return FormatHundredths(fen); }
boost::json::value J(const std::string& v) { return boost::json::string(v); }

}  // namespace

StewardshipService::StewardshipService(store::Database& db, const Clock& clock, ConsultationService& consultations,
                                       std::int64_t initial_fund_yuan_per_m2)
    : db_(db), clock_(clock), consultations_(consultations), initial_fund_yuan_per_m2_(initial_fund_yuan_per_m2) {}

std::string StewardshipService::Today() const { return FormatShanghai(clock_.Now(), 10); }

// The vote is read through the consultation context's own tally (its rules, headcount reading and
// verdict), so a decision is "passed" here exactly when the consultation page says so.
Result<void> StewardshipService::RequirePassedVote(const Actor& actor, std::int64_t estate_id, std::optional<std::int64_t> id,
                                                   int matter) {
  const auto matter_name = cs::MatterName(matter);
  const Text law("民法典第二百七十八条第" + std::to_string(matter) + "项（" + matter_name.zh + "）",
                 "Civil Code Art. 278 (" + std::to_string(matter) + ") (" + matter_name.en + ")");
  if (!id)
    return MakeError(ErrorCode::kUnprocessable, "stewardship.consultation_required",
                     Text("此事项须经业主共同决定：" + law.zh + "，请提供表决通过的征询（consultationId）",
                          "this needs the owners' decision under " + law.en + ": give the consultation that passed it (consultationId)"),
                     Text::Same("consultationId"),
                     Text("先在“民主协商”中发起表决并通过该事项", "hold and pass the vote in the consultation context first"));
  auto tally = consultations_.Tally(actor, *id, std::nullopt);
  if (!tally) {
    if (tally.error().code == ErrorCode::kNotFound)
      return MakeError(ErrorCode::kUnprocessable, "stewardship.consultation_not_passed",
                       Text("征询 " + std::to_string(*id) + " 不存在", "consultation " + std::to_string(*id) + " does not exist"),
                       Text::Same("consultationId"));
    return std::move(tally).error();
  }
  if (tally->consultation.c.estate_id != estate_id)
    return MakeError(ErrorCode::kUnprocessable, "stewardship.consultation_not_passed",
                     Text("征询 " + std::to_string(*id) + " 不是本小区的表决", "consultation " + std::to_string(*id) + " is not this estate's"),
                     Text::Same("consultationId"));
  bool has_item = false;
  std::string verdicts;
  for (const auto& it : tally->items) {
    const auto* rule = std::get_if<cs::Art278Rule>(&it.item->rule);
    if (!rule || rule->matter != matter) continue;
    if (it.verdict == "passed") return Ok();
    has_item = true;
    verdicts += (verdicts.empty() ? "" : ", ") + it.verdict;
  }
  if (!has_item)
    return MakeError(ErrorCode::kUnprocessable, "stewardship.consultation_not_passed",
                     Text("征询 " + std::to_string(*id) + " 没有" + law.zh + "的表决事项",
                          "consultation " + std::to_string(*id) + " has no item under " + law.en),
                     Text::Same("consultationId"));
  return MakeError(ErrorCode::kUnprocessable, "stewardship.consultation_not_passed",
                   Text("征询 " + std::to_string(*id) + " 中" + law.zh + "的事项未获通过（" + verdicts + "）",
                        "the item under " + law.en + " of consultation " + std::to_string(*id) + " has not passed (" + verdicts + ")"),
                   Text::Same(verdicts),
                   Text("表决结束且达到法定比例后方可据此办理", "act on it once the vote has closed with the required majority"));
}

Result<ManagementView> StewardshipService::ViewOf(store::Session& s, const Actor& actor, const store::StewardshipEstateRef& e) {
  ManagementView v;
  v.estate_id = e.id;
  v.estate_name = e.name;
  v.region_code = e.region_code;
  HX_STEW_ASSIGN(v.history, Repo::Modes(s, e.id));
  for (const auto& m : v.history)
    if (!m.ended_on) v.current = m;
  HX_STEW_ASSIGN(v.committee, Repo::FindCommittee(s, e.id));
  HX_STEW_ASSIGN(v.contract, Repo::FindContract(s, e.id));
  HX_STEW_ASSIGN(v.fee_sources, Repo::FeeSources(s, e.id));
  for (auto src : {cst::FeeSource::kGovernmentReward, cst::FeeSource::kMarketIncome, cst::FeeSource::kResidentFees}) {
    FeeSourceTotal t{std::string(cst::FeeSourceCode(src)), 0};
    for (const auto& f : v.fee_sources)
      if (f.source == t.source) t.amount_fen += f.amount_fen;
    v.fee_source_totals.push_back(std::move(t));
  }
  HX_STEW_ASSIGN(v.fund.entries, Repo::FundEntries(s, e.id));
  HX_STEW_ASSIGN(v.fund.balance_fen, Repo::FundBalance(s, e.id));
  auto dwellings = Repo::BillableDwellings(s, e.id);
  if (!dwellings) return std::move(dwellings).error();
  for (const auto& d : *dwellings) v.fund.exclusive_area_dm2 += d.area_dm2;
  v.fund.initial_minimum_fen = cst::InitialDepositMinimum(v.fund.exclusive_area_dm2, initial_fund_yuan_per_m2_);
  HX_STEW_ASSIGN(v.utilities, Repo::UtilityTransfers(s, e.id));
  // Members' phones are personal data: shown whole to those who may read residents' personal data
  // (register:pii:read), masked for the others (138****5678).
  if (v.committee && !RequirePermission(actor, perm::kRegisterPiiRead))
    for (auto& m : v.committee->members)
      if (m.phone) *m.phone = m.phone->size() >= 7 ? m.phone->substr(0, 3) + "****" + m.phone->substr(m.phone->size() - 4) : "****";
  return v;
}

Result<ManagementView> StewardshipService::Get(const Actor& actor, std::int64_t estate_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<ManagementView> {
    auto e = EstateFor(s, actor, estate_id, perm::kStewardshipRead);
    if (!e) return std::move(e).error();
    return ViewOf(s, actor, *e);
  });
}

Result<ManagementView> StewardshipService::SetMode(const Actor& actor, std::int64_t estate_id, const ManagementInput& in) {
  if (auto r = RequirePermission(actor, perm::kStewardshipWrite); !r) return std::move(r).error();
  auto mode = cst::ParseMode(in.mode);
  if (!mode)
    return Field("mode", Text("应为 property_company、hosting、self_management 或 red_steward",
                              "must be property_company, hosting, self_management or red_steward"));
  const std::string company = in.company.value_or("");
  if (auto r = CheckText("company", company, *mode == cst::Mode::kPropertyCompany ? 1 : 0, kNameMax); !r) return std::move(r).error();
  if (in.fee_fen_per_m2 && *in.fee_fen_per_m2 < 0) return Field("feePerM2Month", Text("不能为负数", "must not be negative"));
  // Read the estate and the current mode first (scope, and whether leaving a company needs a vote).
  auto current = store::ReadResult(db_, [&](store::Session& s) -> Result<std::optional<store::ManagementModeRecord>> {
    auto e = EstateFor(s, actor, estate_id, perm::kStewardshipWrite);
    if (!e) return std::move(e).error();
    return Repo::CurrentMode(s, estate_id);
  });
  if (!current) return std::move(current).error();
  std::optional<cst::Mode> from;
  if (*current) from = cst::ParseMode((*current)->mode);
  if (auto matter = cst::MatterForModeChange(from, *mode))
    if (auto r = RequirePassedVote(actor, estate_id, in.consultation_id, *matter); !r) return std::move(r).error();
  const auto today = Today();
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<ManagementView> {
    auto e = EstateFor(s, actor, estate_id, perm::kStewardshipWrite);
    if (!e) return std::move(e).error();
    store::ManagementModeRecord m;
    m.estate_id = estate_id;
    m.region_code = e->region_code;
    m.mode = in.mode;
    m.consultation_id = in.consultation_id;
    m.company = company;
    m.fee_fen_per_m2 = in.fee_fen_per_m2;
    m.started_on = today;
    m.created_by = actor.user_id;
    m.created_at = now;
    auto id = Repo::ReplaceMode(s, m, today);
    if (!id) return std::move(id).error();
    Changes ch;
    ch.Set("mode", *current ? J((*current)->mode) : boost::json::value(nullptr), J(in.mode));
    if (in.consultation_id) ch.Set("consultation", nullptr, *in.consultation_id);
    if (!company.empty()) ch.Set("company", nullptr, J(company));
    if (in.fee_fen_per_m2) ch.Set("feeFenPerM2Month", nullptr, *in.fee_fen_per_m2);
    if (auto r = RecordAudit(s, clock_, actor, "stewardship.mode", "management_mode", std::to_string(*id), e->region_code, ch); !r)
      return std::move(r).error();
    return ViewOf(s, actor, *e);
  });
}

Result<ManagementView> StewardshipService::PutCommittee(const Actor& actor, std::int64_t estate_id, const CommitteeInput& in) {
  if (auto r = RequirePermission(actor, perm::kStewardshipWrite); !r) return std::move(r).error();
  auto kind = cst::ParseCommitteeKind(in.kind);
  if (!kind) return Field("kind", Text("应为 owners_committee 或 management_committee", "must be owners_committee or management_committee"));
  if (auto r = CheckTerm(in.term_start, in.term_end); !r) return std::move(r).error();
  if (in.members.empty() || in.members.size() > kMembersMax) return Field("members", Text("应有 1–30 名成员", "must have 1–30 members"));
  for (std::size_t i = 0; i < in.members.size(); ++i) {
    const auto& m = in.members[i];
    const std::string at = "members[" + std::to_string(i) + "]";
    if (auto r = CheckText(at + ".name", m.name, 1, kNameMax); !r) return std::move(r).error();
    if (auto r = CheckText(at + ".role", m.role, 1, kShortMax); !r) return std::move(r).error();
    if (m.phone)
      if (auto p = PhoneProblem(*m.phone)) return Field(at + ".phone", std::move(*p));
  }
  {
    auto e = store::ReadResult(db_, [&](store::Session& s) { return EstateFor(s, actor, estate_id, perm::kStewardshipWrite); });
    if (!e) return std::move(e).error();
  }
  if (auto matter = cst::MatterForCommittee(*kind))
    if (auto r = RequirePassedVote(actor, estate_id, in.consultation_id, *matter); !r) return std::move(r).error();
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<ManagementView> {
    auto e = EstateFor(s, actor, estate_id, perm::kStewardshipWrite);
    if (!e) return std::move(e).error();
    store::CommitteeRecord c;
    c.estate_id = estate_id;
    c.region_code = e->region_code;
    c.kind = in.kind;
    c.term_start = in.term_start;
    c.term_end = in.term_end;
    c.consultation_id = in.consultation_id;
    c.updated_by = actor.user_id;
    c.updated_at = now;
    for (const auto& m : in.members) c.members.push_back({m.name, m.role, m.phone});
    if (auto r = Repo::PutCommittee(s, c); !r) return std::move(r).error();
    Changes ch;  // no names or phones in the audit: the record is the place for them
    ch.Set("kind", nullptr, J(in.kind)).Set("members", nullptr, static_cast<std::int64_t>(in.members.size()));
    ch.Set("term", nullptr, J(in.term_start + "/" + in.term_end));
    if (in.consultation_id) ch.Set("consultation", nullptr, *in.consultation_id);
    if (auto r = RecordAudit(s, clock_, actor, "stewardship.committee", "estate_committee", std::to_string(estate_id), e->region_code, ch);
        !r)
      return std::move(r).error();
    return ViewOf(s, actor, *e);
  });
}

Result<ManagementView> StewardshipService::PutContract(const Actor& actor, std::int64_t estate_id, const ContractInput& in) {
  if (auto r = RequirePermission(actor, perm::kStewardshipWrite); !r) return std::move(r).error();
  if (auto r = CheckText("company", in.company, 1, kNameMax); !r) return std::move(r).error();
  if (!in.uscc.empty() && in.uscc.size() != 18)
    return Field("uscc", Text("统一社会信用代码应为 18 位", "a unified social credit code has 18 characters"));
  if (auto r = CheckTerm(in.term_start, in.term_end); !r) return std::move(r).error();
  if (!in.fee_fen_per_m2) return Field("feePerM2Month", Text("必填，元/平方米·月，最多两位小数", "is required: yuan per m² per month, at most two decimals"));
  if (*in.fee_fen_per_m2 < 0) return Field("feePerM2Month", Text("不能为负数", "must not be negative"));
  if (!cst::ParseBilling(in.billing)) return Field("billing", Text("应为 monthly 或 yearly", "must be monthly or yearly"));
  if (in.services.size() > kServicesMax) return Field("services", Text("最多 50 项", "at most 50 entries"));
  for (std::size_t i = 0; i < in.services.size(); ++i) {
    if (auto r = CheckText("services[" + std::to_string(i) + "]", in.services[i], 1, kNameMax); !r) return std::move(r).error();
    if (in.services[i].find('\n') != std::string::npos)
      return Field("services[" + std::to_string(i) + "]", Text("不能含换行", "must not contain a line break"));
  }
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<ManagementView> {
    auto e = EstateFor(s, actor, estate_id, perm::kStewardshipWrite);
    if (!e) return std::move(e).error();
    store::PropertyContractRecord c{estate_id, e->region_code, in.company, in.uscc, in.term_start, in.term_end, *in.fee_fen_per_m2,
                                    in.billing, in.services, actor.user_id, now};
    if (auto r = Repo::PutContract(s, c); !r) return std::move(r).error();
    Changes ch;
    ch.Set("company", nullptr, J(in.company)).Set("feeFenPerM2Month", nullptr, *in.fee_fen_per_m2).Set("billing", nullptr, J(in.billing));
    ch.Set("term", nullptr, J(in.term_start + "/" + in.term_end));
    if (auto r = RecordAudit(s, clock_, actor, "stewardship.contract", "property_contract", std::to_string(estate_id), e->region_code, ch);
        !r)
      return std::move(r).error();
    return ViewOf(s, actor, *e);
  });
}

Result<BillRunResult> StewardshipService::RunBills(const Actor& actor, std::int64_t estate_id, const std::string& period_text) {
  if (auto r = RequirePermission(actor, perm::kStewardshipWrite); !r) return std::move(r).error();
  auto period = cst::ParsePeriod(period_text);
  if (!period || period->Code() != period_text)
    return Field("period", Text("应为月份 YYYY-MM 或年份 YYYY", "must be a month YYYY-MM or a year YYYY"));
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<BillRunResult> {
    auto e = EstateFor(s, actor, estate_id, perm::kStewardshipWrite);
    if (!e) return std::move(e).error();
    auto contract = Repo::FindContract(s, estate_id);
    if (!contract) return std::move(contract).error();
    if (!*contract)
      return MakeError(ErrorCode::kConflict, "stewardship.no_contract", Text("小区尚无物业服务合同，无法出账", "the estate has no property contract to bill by"),
                       {}, Text("先通过 PUT /estates/{id}/property-contract 录入合同", "record the contract first"));
    const auto billing = *cst::ParseBilling((*contract)->billing);
    if (auto r = cst::CheckRunPeriod(billing, *period); !r) return std::move(r).error();
    auto dwellings = Repo::BillableDwellings(s, estate_id);
    if (!dwellings) return std::move(dwellings).error();
    BillRunResult out;
    out.period = period_text;
    for (const auto& d : *dwellings) {
      store::FeeBillRecord b;
      b.estate_id = estate_id;
      b.dwelling_id = d.dwelling_id;
      b.region_code = d.region_code;
      b.period = period_text;
      b.area_dm2 = d.area_dm2;
      b.fee_fen_per_m2 = (*contract)->fee_fen_per_m2;
      b.amount_fen = cst::PeriodFee(billing, d.area_dm2, b.fee_fen_per_m2);
      b.created_at = now;
      auto inserted = Repo::InsertBillIfAbsent(s, b);
      if (!inserted) return std::move(inserted).error();
      if (*inserted) {
        ++out.created;
        out.created_fen += b.amount_fen;
      } else {
        ++out.existing;
      }
    }
    if (out.created > 0) {
      Changes ch;
      ch.Set("period", nullptr, J(period_text)).Set("bills", nullptr, out.created).Set("amountFen", nullptr, out.created_fen);
      if (auto r = RecordAudit(s, clock_, actor, "stewardship.bill_run", "estate", std::to_string(estate_id), e->region_code, ch); !r)
        return std::move(r).error();
    }
    return out;
  });
}

Result<FeeSummary> StewardshipService::Fees(const Actor& actor, std::int64_t estate_id, const std::string& period) {
  if (!period.empty()) {
    auto p = cst::ParsePeriod(period);
    if (!p || p->Code() != period) return Field("period", Text("应为月份 YYYY-MM 或年份 YYYY", "must be a month YYYY-MM or a year YYYY"));
  }
  return store::ReadResult(db_, [&](store::Session& s) -> Result<FeeSummary> {
    auto e = EstateFor(s, actor, estate_id, perm::kStewardshipRead);
    if (!e) return std::move(e).error();
    FeeSummary out;
    out.estate_id = estate_id;
    out.period = period;
    auto totals = Repo::Totals(s, estate_id, period);
    if (!totals) return std::move(totals).error();
    out.bills = totals->bills;
    out.billed_fen = totals->billed_fen;
    out.paid_fen = totals->paid_fen;
    out.collection_rate = cst::CollectionRate(out.paid_fen, out.billed_fen);
    HX_STEW_ASSIGN(out.items, Repo::Bills(s, estate_id, period));
    return out;
  });
}

Result<PaymentResult> StewardshipService::Pay(const Actor& actor, std::int64_t estate_id, const PaymentInput& in) {
  if (auto r = RequirePermission(actor, perm::kStewardshipWrite); !r) return std::move(r).error();
  if (!in.amount_fen) return Field("amount", Text("必填，单位为分的整数", "is required: an integer in fen"));
  const auto today = Today();
  const std::string paid_on = in.paid_on.empty() ? today : in.paid_on;
  if (auto r = CheckDate("paidOn", paid_on); !r) return std::move(r).error();
  if (paid_on > today) return Field("paidOn", Text("不能晚于今天（" + today + "）", "must not be after today (" + today + ")"));
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<PaymentResult> {
    auto e = EstateFor(s, actor, estate_id, perm::kStewardshipWrite);
    if (!e) return std::move(e).error();
    auto bill = Repo::FindBill(s, in.bill_id);
    if (!bill) return std::move(bill).error();
    if (!*bill || (*bill)->estate_id != estate_id) return Field("billId", Text("不是本小区的账单", "is not a bill of this estate"));
    if (auto r = cst::CheckPayment((*bill)->amount_fen, (*bill)->paid_fen, *in.amount_fen); !r) return std::move(r).error();
    store::FeePaymentRecord p{0, in.bill_id, (*bill)->region_code, *in.amount_fen, paid_on, actor.user_id, now};
    auto id = Repo::InsertPayment(s, p);
    if (!id) return std::move(id).error();
    p.id = *id;
    Changes ch;
    ch.Set("bill", nullptr, in.bill_id).Set("amountFen", nullptr, *in.amount_fen).Set("paidOn", nullptr, J(paid_on));
    if (auto r = RecordAudit(s, clock_, actor, "stewardship.payment", "fee_payment", std::to_string(*id), e->region_code, ch); !r)
      return std::move(r).error();
    auto after = Repo::FindBill(s, in.bill_id);
    if (!after) return std::move(after).error();
    return PaymentResult{std::move(p), std::move(**after)};
  });
}

Result<store::FeeSourceRecord> StewardshipService::AddFeeSource(const Actor& actor, std::int64_t estate_id, const FeeSourceInput& in) {
  if (auto r = RequirePermission(actor, perm::kStewardshipWrite); !r) return std::move(r).error();
  if (!cst::ParseFeeSource(in.source))
    return Field("source", Text("应为 government_reward、market_income 或 resident_fees", "must be government_reward, market_income or resident_fees"));
  auto amount = CheckAmount("amount", in.amount_fen);
  if (!amount) return std::move(amount).error();
  if (auto r = CheckDate("on", in.on); !r) return std::move(r).error();
  if (auto r = CheckText("note", in.note, 0, kNoteMax); !r) return std::move(r).error();
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::FeeSourceRecord> {
    auto e = EstateFor(s, actor, estate_id, perm::kStewardshipWrite);
    if (!e) return std::move(e).error();
    store::FeeSourceRecord f{0, estate_id, e->region_code, in.source, *amount, in.on, in.note, actor.user_id, now};
    auto id = Repo::InsertFeeSource(s, f);
    if (!id) return std::move(id).error();
    f.id = *id;
    Changes ch;
    ch.Set("source", nullptr, J(in.source)).Set("amountFen", nullptr, *amount).Set("on", nullptr, J(in.on));
    if (auto r = RecordAudit(s, clock_, actor, "stewardship.fee_source", "fee_source_entry", std::to_string(*id), e->region_code, ch); !r)
      return std::move(r).error();
    return f;
  });
}

Result<store::MaintenanceFundEntryRecord> StewardshipService::AddFundEntry(const Actor& actor, std::int64_t estate_id, const FundEntryInput& in) {
  if (auto r = RequirePermission(actor, perm::kStewardshipWrite); !r) return std::move(r).error();
  auto kind = cst::ParseFundEntryKind(in.kind);
  if (!kind) return Field("kind", Text("应为 initial、raise 或 use", "must be initial, raise or use"));
  auto amount = CheckAmount("amount", in.amount_fen);
  if (!amount) return std::move(amount).error();
  if (auto r = CheckDate("on", in.on); !r) return std::move(r).error();
  if (auto r = CheckText("purpose", in.purpose, *kind == cst::FundEntryKind::kUse ? 1 : 0, kNoteMax); !r) return std::move(r).error();
  {
    auto e = store::ReadResult(db_, [&](store::Session& s) { return EstateFor(s, actor, estate_id, perm::kStewardshipWrite); });
    if (!e) return std::move(e).error();
  }
  if (auto matter = cst::MatterForFundEntry(*kind))
    if (auto r = RequirePassedVote(actor, estate_id, in.consultation_id, *matter); !r) return std::move(r).error();
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::MaintenanceFundEntryRecord> {
    auto e = EstateFor(s, actor, estate_id, perm::kStewardshipWrite);
    if (!e) return std::move(e).error();
    auto balance = Repo::FundBalance(s, estate_id);
    if (!balance) return std::move(balance).error();
    if (*kind == cst::FundEntryKind::kInitial) {
      auto entries = Repo::FundEntries(s, estate_id);
      if (!entries) return std::move(entries).error();
      if (!entries->empty())
        return MakeError(ErrorCode::kConflict, "stewardship.fund_exists",
                         Text("小区已建立维修资金，首期归集只在尚无资金时办理", "the estate has a fund already: the initial deposit is for an estate without one"),
                         {}, Text("续筹请用 kind=raise 并附业主表决", "replenish with kind=raise and the owners' vote"));
      auto dwellings = Repo::BillableDwellings(s, estate_id);
      if (!dwellings) return std::move(dwellings).error();
      std::int64_t area = 0;
      for (const auto& d : *dwellings) area += d.area_dm2;
      const auto minimum = cst::InitialDepositMinimum(area, initial_fund_yuan_per_m2_);
      if (*amount < minimum)
        return MakeError(ErrorCode::kUnprocessable, "stewardship.initial_too_small",
                         Text("首期维修资金不少于每平方米 " + std::to_string(initial_fund_yuan_per_m2_) + " 元：专有面积 " + FormatHundredths(area) +
                                  " 平方米，至少 " + Yuan(minimum) + " 元",
                              "the initial fund is at least " + std::to_string(initial_fund_yuan_per_m2_) + " yuan/m²: " + FormatHundredths(area) +
                                  " m² of exclusive area, at least " + Yuan(minimum) + " yuan"),
                         Text::Same(Yuan(*amount) + " < " + Yuan(minimum)));
    }
    auto after = cst::FundBalanceAfter(*balance, *kind, *amount);
    if (!after) return std::move(after).error();
    store::MaintenanceFundEntryRecord f{0, estate_id, e->region_code, in.kind, *amount, in.on, in.purpose, in.consultation_id, actor.user_id, now};
    auto id = Repo::InsertFundEntry(s, f);
    if (!id) return std::move(id).error();
    f.id = *id;
    Changes ch;
    ch.Set("kind", nullptr, J(in.kind)).Set("amountFen", nullptr, *amount).Set("balanceFen", *balance, *after);
    if (in.consultation_id) ch.Set("consultation", nullptr, *in.consultation_id);
    if (auto r = RecordAudit(s, clock_, actor, "stewardship.fund", "maintenance_fund_entry", std::to_string(*id), e->region_code, ch); !r)
      return std::move(r).error();
    return f;
  });
}

Result<store::UtilityTransferRecord> StewardshipService::PutUtilityTransfer(const Actor& actor, std::int64_t estate_id,
                                                                            const std::string& network, const UtilityTransferInput& in) {
  if (auto r = RequirePermission(actor, perm::kStewardshipWrite); !r) return std::move(r).error();
  if (!cst::ParseNetwork(network))
    return NotFound("stewardship.network_not_found", Text("网络应为 water、power、gas、telecom、drainage 或 heating",
                                                          "the network is water, power, gas, telecom, drainage or heating"));
  auto status = cst::ParseTransferStatus(in.status);
  if (!status) return Field("status", Text("应为 pending、agreed 或 transferred", "must be pending, agreed or transferred"));
  if (in.on)
    if (auto r = CheckDate("on", *in.on); !r) return std::move(r).error();
  if (*status == cst::TransferStatus::kTransferred && !in.on) return Field("on", Text("移交完成须填写日期", "a transfer needs its date"));
  if (auto r = CheckText("utility", in.utility, *status == cst::TransferStatus::kPending ? 0 : 1, kUtilityMax); !r)
    return std::move(r).error();
  const auto now = FormatIsoUtc(clock_.Now());
  return store::WriteResult(db_, [&](store::Session& s) -> Result<store::UtilityTransferRecord> {
    auto e = EstateFor(s, actor, estate_id, perm::kStewardshipWrite);
    if (!e) return std::move(e).error();
    store::UtilityTransferRecord u{estate_id, network, e->region_code, in.status, in.on, in.utility, in.consultation_id, actor.user_id, now};
    if (auto r = Repo::PutUtilityTransfer(s, u); !r) return std::move(r).error();
    Changes ch;
    ch.Set("network", nullptr, J(network)).Set("status", nullptr, J(in.status));
    if (!in.utility.empty()) ch.Set("utility", nullptr, J(in.utility));
    if (auto r = RecordAudit(s, clock_, actor, "stewardship.utility_transfer", "utility_transfer", std::to_string(estate_id) + "/" + network,
                             e->region_code, ch);
        !r)
      return std::move(r).error();
    return u;
  });
}

std::optional<StewardshipPublicSummary> StewardshipService::PublicSummary(std::int64_t estate_id) {
  const int year = ShanghaiYear(clock_.Now());
  auto r = store::ReadResult(db_, [&](store::Session& s) -> Result<std::optional<StewardshipPublicSummary>> {
    auto e = Repo::FindEstate(s, estate_id);
    if (!e) return std::move(e).error();
    if (!*e) return std::optional<StewardshipPublicSummary>();
    StewardshipPublicSummary p;
    p.estate_id = estate_id;
    p.year = year;
    auto mode = Repo::CurrentMode(s, estate_id);
    if (!mode) return std::move(mode).error();
    if (*mode) {
      p.mode = (*mode)->mode;
      p.company = (*mode)->company;
      p.fee_fen_per_m2 = (*mode)->fee_fen_per_m2;
    }
    auto contract = Repo::FindContract(s, estate_id);
    if (!contract) return std::move(contract).error();
    if (*contract) {
      p.company = (*contract)->company;
      p.fee_fen_per_m2 = (*contract)->fee_fen_per_m2;
      p.term_start = (*contract)->term_start;
      p.term_end = (*contract)->term_end;
    }
    auto totals = Repo::Totals(s, estate_id, std::to_string(year));
    if (!totals) return std::move(totals).error();
    p.billed_fen = totals->billed_fen;
    p.paid_fen = totals->paid_fen;
    p.collection_rate = cst::CollectionRate(p.paid_fen, p.billed_fen);
    HX_STEW_ASSIGN(p.fund_balance_fen, Repo::FundBalance(s, estate_id));
    return std::optional<StewardshipPublicSummary>(std::move(p));
  });
  if (!r) return std::nullopt;
  return std::move(*r);
}

}  // namespace huanxin::service
