// The assessment documents (issue #15; docs/assessment.md), drawn from data the service assembled:
// the self-evaluation report (自评报告) of the annual performance evaluation as PDF (cairo/pango,
// the CJK font) and XLSX, and the monthly upward report (月度上报) as XLSX. Pure renderers: no
// database, no clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"

namespace huanxin::report {

struct SelfEvaluationIndicator {
  std::string group_zh, code, name_zh;
  std::int64_t max = 0;                 // hundredths of a point
  std::optional<std::int64_t> points;   // nullopt: not scored
  bool computed = false;
  std::string basis;                    // how it was computed, or the note entered
};

struct SelfEvaluationKpi {
  std::string name_zh, value, formula_zh, inputs;  // value and inputs already formatted
};

struct SelfEvaluationReport {
  std::string region_name, region_code;
  int year = 0;
  std::string generated_at;  // Beijing time, shown in the footer
  std::vector<SelfEvaluationIndicator> indicators;
  std::int64_t total = 0;
  std::string grade_zh, boundary_note;
  std::vector<SelfEvaluationKpi> kpis;  // the region's KPIs, the evidence
};

Result<std::string> RenderSelfEvaluationPdf(const SelfEvaluationReport& r);
// Sheets 自评得分 (one row per indicator, then 合计 and 等次) and 考核指标 (the KPIs).
Result<std::string> RenderSelfEvaluationXlsx(const SelfEvaluationReport& r);

struct MonthlyRow {
  std::string code, name;
  std::int64_t planned = 0, started = 0, completed = 0, households = 0, investment_fen = 0;
  std::optional<std::int64_t> start_rate, completion_rate;  // hundredths of a percent
};

struct MonthlyReport {
  std::string region_name, region_code, month;  // month "YYYY-MM"
  std::vector<MonthlyRow> streets;
  MonthlyRow total;
};

// One sheet 月度上报: a title row, the headings (街道, 区划代码, 计划改造小区数, 已开工, 开工率(%),
// 已完工, 完工率(%), 户数, 投资(万元)), one row per street, the county total row last.
Result<std::string> RenderMonthlyXlsx(const MonthlyReport& r);

}  // namespace huanxin::report
