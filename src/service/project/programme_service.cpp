#include "service/project/programme_service.hpp"

#include "common/decimal.hpp"
#include "core/project/gates.hpp"
#include "core/region/region_code.hpp"
#include "report/xlsx_writer.hpp"
#include "store/region/region_repository.hpp"

namespace huanxin::service {

namespace proj = core::project;

namespace {

// The programme's years: 2000 (the cut-off of 国办发〔2020〕23号, REFERENCE.md §1.1) to 2100.
constexpr std::int64_t kFirstYear = 2000, kLastYear = 2100;

std::vector<std::string> StatusesFrom(proj::Status first) {
  std::vector<std::string> out;
  for (auto s : proj::kStatuses)
    if (proj::AtLeast(s, first)) out.emplace_back(proj::StatusCode(s));
  return out;
}

std::optional<std::int64_t> RateOf(std::int64_t part, std::optional<std::int64_t> whole) {
  if (!whole || *whole <= 0) return std::nullopt;
  return PercentHundredths(part, *whole);
}

std::string KindName(const std::string& kind) {
  return kind == "area" ? "片区" : kind == "estate" ? "单个小区" : kind;
}

std::string StatusName(const std::string& code) {
  auto s = proj::ParseStatus(code);
  return s ? proj::StatusName(*s).zh : code;
}

report::CellValue Money(std::int64_t fen) { return report::Hundredths{fen}; }
report::CellValue OptRate(const std::optional<std::int64_t>& r) {
  return r ? report::CellValue(report::Hundredths{*r}) : report::CellValue{};
}

}  // namespace

Result<ProgrammeService::Resolved> ProgrammeService::Resolve(const Actor& actor, const std::optional<std::string>& region_code,
                                                             std::optional<std::int64_t> year) const {
  if (auto r = RequirePermission(actor, core::auth::perm::kProjectRead); !r) return std::move(r).error();
  if (region_code && !region_code->empty()) {
    auto level = core::region::LevelOf(*region_code);
    if (!level || *level == core::region::Level::kGrid)
      return Invalid("region.invalid_code", Text("行政区划代码格式不正确", "malformed region code"), Text::Same(*region_code),
                     Text("请使用2、4、6、9或12位区划代码，或不填表示全部辖区",
                          "use a 2, 4, 6, 9 or 12-digit code, or none for your whole scope"));
  }
  auto requested = ScopedRegionFilter(actor, region_code);
  if (!requested) return std::move(requested).error();
  const std::int64_t y = year.value_or(ShanghaiYear(clock_.Now()));
  if (y < kFirstYear || y > kLastYear)
    return Invalid("programme.invalid_year", Text("年度不正确", "invalid year"), Text::Same(std::to_string(y)),
                   Text("年度应在2000至2100之间", "the year must lie between 2000 and 2100"));
  Resolved out;
  out.region_code = requested->value_or(actor.scope.prefix());
  out.year = static_cast<int>(y);
  out.filter.prefix = out.region_code;
  out.filter.year = out.year;
  // Reserve projects are candidates, not the programme (REFERENCE.md §1.4: 实施一批、谋划一批、储备一批).
  out.filter.statuses = StatusesFrom(proj::Status::kPlanned);
  out.filter.started = StatusesFrom(proj::Status::kStarted);
  out.filter.completed = StatusesFrom(proj::Status::kCompleted);
  return out;
}

Result<ProgrammeStats> ProgrammeService::Compute(store::Session& s, const Resolved& r) const {
  ProgrammeStats out;
  out.region_code = r.region_code;
  out.year = r.year;
  if (r.region_code.empty()) {
    out.region_name = "全国";
  } else {
    auto names = store::RegionRepository::FindNames(s, {r.region_code});
    if (!names) return std::move(names).error();
    out.region_name = names->empty() ? r.region_code : names->begin()->second;
  }
  auto figures = store::ProgrammeRepository::Figures(s, r.filter);
  if (!figures) return std::move(figures).error();
  out.figures = *figures;
  auto funds = store::ProgrammeRepository::Funds(s, r.filter);
  if (!funds) return std::move(funds).error();
  for (auto source : proj::kFundSources) {
    ProgrammeSource row{source};
    bool any = false;
    for (const auto& f : *funds) {
      if (f.source != proj::FundSourceCode(source)) continue;
      auto kind = proj::ParseFundKind(f.kind);
      if (!kind) continue;
      any = true;
      (*kind == proj::FundKind::kCommitted ? row.committed_fen
       : *kind == proj::FundKind::kReceived ? row.received_fen
                                             : row.paid_fen) += f.amount_fen;
    }
    if (!any) continue;
    out.committed_fen += row.committed_fen;
    out.received_fen += row.received_fen;
    out.paid_fen += row.paid_fen;
    out.by_source.push_back(row);
  }
  auto plan = store::ProgrammeRepository::PlanFor(s, r.region_code, r.year);
  if (!plan) return std::move(plan).error();
  out.plan = *plan;
  // Start and completion rates against the plan's target estates (issue #12: "started and completed
  // counts and rates against the annual plan"); none without a plan or with a target of 0.
  const auto target = out.plan ? std::optional<std::int64_t>(out.plan->target_estates) : std::nullopt;
  out.start_rate = RateOf(out.figures.started, target);
  out.completion_rate = RateOf(out.figures.completed, target);
  out.execution_rate = proj::ExecutionRate(out.paid_fen, out.received_fen);
  return out;
}

Result<ProgrammeStats> ProgrammeService::Statistics(const Actor& actor, const std::optional<std::string>& region_code,
                                                    std::optional<std::int64_t> year) {
  auto r = Resolve(actor, region_code, year);
  if (!r) return std::move(r).error();
  return store::ReadResult(db_, [&](store::Session& s) { return Compute(s, *r); });
}

Result<Document> ProgrammeService::ReportXlsx(const Actor& actor, const std::optional<std::string>& region_code,
                                              std::optional<std::int64_t> year) {
  auto r = Resolve(actor, region_code, year);
  if (!r) return std::move(r).error();
  std::optional<ProgrammeStats> stats;
  std::vector<store::ProgrammeProjectRow> projects;
  auto read = db_.Read([&](store::Session& s) -> Result<void> {
    auto st = Compute(s, *r);
    if (!st) return std::move(st).error();
    stats = std::move(*st);
    auto rows = store::ProgrammeRepository::Projects(s, r->filter, std::string(proj::FundKindCode(proj::FundKind::kCommitted)),
                                                     std::string(proj::FundKindCode(proj::FundKind::kReceived)),
                                                     std::string(proj::FundKindCode(proj::FundKind::kPaid)));
    if (!rows) return std::move(rows).error();
    projects = std::move(*rows);
    return Ok();
  });
  if (!read) return std::move(read).error();
  const auto& st = *stats;
  const auto& f = st.figures;
  using report::CellValue;
  report::XlsxWriter xlsx;
  xlsx.AddSheet("汇总");
  xlsx.SetColumnWidths({28, 20});
  xlsx.WriteHeader({"指标", "数值"});
  auto row = [&](const char* label, CellValue v) { xlsx.WriteRow({std::string(label), std::move(v)}); };
  row("地区", st.region_name);
  row("区划代码", st.region_code);
  row("年度", std::int64_t{st.year});
  row("项目数(个)", f.projects);
  row("小区数(个)", f.estates);
  row("楼栋数(栋)", f.buildings);
  row("户数(户)", f.dwellings);
  row("建筑面积(㎡)", report::Hundredths{f.floor_area_dm2});
  row("未填建筑面积的小区(个)", f.floor_area_missing);
  row("投资(承诺资金,元)", Money(st.committed_fen));
  row("到位资金(元)", Money(st.received_fen));
  row("已支付资金(元)", Money(st.paid_fen));
  row("资金执行率(%)", OptRate(st.execution_rate));
  row("年度计划小区数(个)", st.plan ? CellValue(st.plan->target_estates) : CellValue{});
  row("年度计划户数(户)", st.plan ? CellValue(st.plan->target_households) : CellValue{});
  row("开工小区数(个)", f.started);
  row("完工小区数(个)", f.completed);
  row("开工率(%)", OptRate(st.start_rate));
  row("完工率(%)", OptRate(st.completion_rate));

  xlsx.AddSheet("资金来源");
  xlsx.SetColumnWidths({22, 18, 18, 18, 14});
  xlsx.WriteHeader({"资金来源", "承诺资金(元)", "到位资金(元)", "已支付资金(元)", "执行率(%)"});
  for (const auto& b : st.by_source)
    xlsx.WriteRow({proj::FundSourceName(b.source).zh, Money(b.committed_fen), Money(b.received_fen), Money(b.paid_fen),
                   OptRate(proj::ExecutionRate(b.paid_fen, b.received_fen))});
  xlsx.WriteRow({std::string("合计"), Money(st.committed_fen), Money(st.received_fen), Money(st.paid_fen),
                 OptRate(st.execution_rate)});

  xlsx.AddSheet("项目明细");
  xlsx.SetColumnWidths({8, 30, 10, 14, 10, 10, 10, 10, 16, 18, 18, 18});
  xlsx.WriteHeader({"ID", "项目名称", "类型", "区划代码", "状态", "小区数(个)", "楼栋数(栋)", "户数(户)", "建筑面积(㎡)",
                    "承诺资金(元)", "到位资金(元)", "已支付资金(元)"});
  for (const auto& p : projects)
    xlsx.WriteRow({p.id, p.name, KindName(p.kind), p.region_code, StatusName(p.status), p.estates, p.buildings, p.dwellings,
                   report::Hundredths{p.floor_area_dm2}, Money(p.committed_fen), Money(p.received_fen), Money(p.paid_fen)});
  auto bytes = xlsx.Finish();
  if (!bytes) return std::move(bytes).error();
  const std::string where = st.region_code.empty() ? std::string("全国") : st.region_name;
  return Document{std::move(*bytes), kXlsxType, where + std::to_string(st.year) + "年度改造统计.xlsx"};
}

}  // namespace huanxin::service
