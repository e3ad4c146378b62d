#include "core/project/gates.hpp"

#include <algorithm>

#include "common/code_table.hpp"

namespace huanxin::core::project {

namespace {
constexpr CodeName<Status> kStatusInfo[] = {
    {Status::kReserve, "reserve", "储备", "Reserve"},         {Status::kPlanned, "planned", "列入计划", "Planned"},
    {Status::kApproved, "approved", "已审批", "Approved"},    {Status::kDesigned, "designed", "已设计", "Designed"},
    {Status::kTendered, "tendered", "已招标", "Tendered"},    {Status::kPermitted, "permitted", "已取得施工许可", "Permitted"},
    {Status::kStarted, "started", "已开工", "Started"},       {Status::kCompleted, "completed", "已完工", "Completed"},
    {Status::kAccepted, "accepted", "已验收", "Accepted"},    {Status::kHandedOver, "handed_over", "已移交", "Handed over"},
};

constexpr CodeName<DocumentKind> kDocInfo[] = {
    {DocumentKind::kWillingnessConsent, "willingness_consent", "居民改造意愿征询结果", "residents' willingness consent"},
    {DocumentKind::kJointReviewOpinion, "joint_review_opinion", "联合审查意见", "joint-review opinion"},
    {DocumentKind::kFeasibilityReport, "feasibility_report", "可行性研究报告", "feasibility report"},
    {DocumentKind::kConstructionDesign, "construction_design", "施工图设计文件", "construction design"},
    {DocumentKind::kTenderResult, "tender_result", "中标通知书", "tender result"},
    {DocumentKind::kConstructionPermit, "construction_permit", "施工许可证", "construction permit"},
    {DocumentKind::kStartOrder, "start_order", "开工令", "start order"},
    {DocumentKind::kCompletionReport, "completion_report", "竣工报告", "completion report"},
    {DocumentKind::kAcceptanceRecord, "acceptance_record", "竣工验收记录", "completion acceptance record"},
    {DocumentKind::kHandoverRecord, "handover_record", "移交接管记录", "handover record"},
    {DocumentKind::kOther, "other", "其他材料", "other document"},
};

constexpr CodeName<UnitRole> kUnitInfo[] = {
    {UnitRole::kDesign, "design", "设计单位", "design unit"},
    {UnitRole::kConstruction, "construction", "施工单位", "construction unit"},
    {UnitRole::kSupervision, "supervision", "监理单位", "supervision unit"},
    {UnitRole::kMaterial, "material", "材料供应（选材）单位", "material supplier"},
};

}  // namespace

std::string_view StatusCode(Status s) { return CodeOf(kStatusInfo, s); }
std::optional<Status> ParseStatus(std::string_view code) { return ParseCode(kStatusInfo, code); }
Text StatusName(Status s) { return NameOf(kStatusInfo, s); }
std::optional<Status> Next(Status s) {
  if (s == Status::kHandedOver) return std::nullopt;
  return static_cast<Status>(static_cast<int>(s) + 1);
}

std::string_view DocumentCode(DocumentKind k) { return CodeOf(kDocInfo, k); }
std::optional<DocumentKind> ParseDocument(std::string_view code) { return ParseCode(kDocInfo, code); }
Text DocumentName(DocumentKind k) { return NameOf(kDocInfo, k); }

std::string_view UnitRoleCode(UnitRole r) { return CodeOf(kUnitInfo, r); }
std::optional<UnitRole> ParseUnitRole(std::string_view code) { return ParseCode(kUnitInfo, code); }
Text UnitRoleName(UnitRole r) { return NameOf(kUnitInfo, r); }

std::vector<Missing> MissingFor(Status to, const GateFacts& facts, const GatePolicy& policy) {
  std::vector<Missing> out;
  auto need_doc = [&](DocumentKind k) {
    if (!facts.documents.contains(k)) out.push_back({std::string(DocumentCode(k)), DocumentName(k)});
  };
  auto need_unit = [&](UnitRole r) {
    if (!facts.units.contains(r)) out.push_back({"unit:" + std::string(UnitRoleCode(r)), UnitRoleName(r)});
  };
  switch (to) {
    case Status::kReserve: break;
    case Status::kPlanned:
      if (!facts.has_plan) out.push_back({"annual_plan", Text("本年度改造计划", "the annual plan for the year")});
      if (policy.require_willingness_consent) need_doc(DocumentKind::kWillingnessConsent);
      break;
    case Status::kApproved:
      need_doc(DocumentKind::kJointReviewOpinion);
      if (!facts.estimate_fen) {
        out.push_back({"estimate", Text("项目概算（预算明细）", "the estimate (budget lines)")});
      } else if (*facts.estimate_fen >= kFeasibilityThresholdFen) {
        need_doc(DocumentKind::kFeasibilityReport);
      }
      break;
    case Status::kDesigned:
      need_doc(DocumentKind::kConstructionDesign);
      need_unit(UnitRole::kDesign);
      break;
    case Status::kTendered:
      need_doc(DocumentKind::kTenderResult);
      need_unit(UnitRole::kConstruction);
      need_unit(UnitRole::kSupervision);
      break;
    case Status::kPermitted: need_doc(DocumentKind::kConstructionPermit); break;
    case Status::kStarted:
      need_doc(DocumentKind::kConstructionPermit);
      need_doc(DocumentKind::kStartOrder);
      break;
    case Status::kCompleted: need_doc(DocumentKind::kCompletionReport); break;
    case Status::kAccepted: need_doc(DocumentKind::kAcceptanceRecord); break;
    case Status::kHandedOver: need_doc(DocumentKind::kHandoverRecord); break;
  }
  return out;
}

Result<void> CheckTransition(Status from, Status to, const GateFacts& facts, const GatePolicy& policy) {
  auto next = Next(from);
  if (!next || *next != to) {
    std::string want_zh = next ? "只能进入下一步：" + StatusName(*next).zh : std::string("项目已移交，流程已结束");
    std::string want_en = next ? "only the next step is allowed: " + std::string(StatusCode(*next))
                               : std::string("the project is handed over; the workflow has ended");
    return MakeError(ErrorCode::kConflict, "project.transition_invalid",
                     Text("不能从“" + StatusName(from).zh + "”转到“" + StatusName(to).zh + "”",
                          "cannot move from " + std::string(StatusCode(from)) + " to " + std::string(StatusCode(to))),
                     Text(want_zh, want_en),
                     Text("项目按 储备→计划→审批→设计→招标→许可→开工→完工→验收→移交 逐步推进",
                          "projects move one gate at a time, in order"));
  }
  auto missing = MissingFor(to, facts, policy);
  if (missing.empty()) return Ok();
  std::string zh = "缺少：", en = "missing: ";
  for (std::size_t i = 0; i < missing.size(); ++i) {
    if (i) {
      zh += "；";
      en += "; ";
    }
    zh += missing[i].name.zh + "（" + missing[i].code + "）";
    en += missing[i].name.en + " (" + missing[i].code + ")";
  }
  return MakeError(ErrorCode::kConflict, "project.gate_unmet",
                   Text("进入“" + StatusName(to).zh + "”的要件不全", "the gate to " + std::string(StatusCode(to)) + " is not met"),
                   Text(zh, en), Text("请先上传或登记所缺要件，再推进项目", "upload or record what is missing, then try again"));
}

}  // namespace huanxin::core::project

namespace huanxin::core::project {

namespace {
std::string Squeeze(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\t') out += c;
  return out;
}
}  // namespace

Result<void> CheckUnitsSeparate(const UnitFacts& material, const UnitFacts& construction) {
  bool same = (!material.credit_code.empty() && !construction.credit_code.empty())
                  ? material.credit_code == construction.credit_code
                  : Squeeze(material.company) == Squeeze(construction.company);
  if (!same) return Ok();
  return MakeError(ErrorCode::kConflict, "project.units_not_separate",
                   Text("选材单位与施工单位须为不同企业", "material selection and construction must be separate companies"),
                   Text("两者均为：" + construction.company, "both are: " + construction.company),
                   Text("本地要求施工、选材单位分离，请另选材料供应单位",
                        "this deployment requires separate companies: pick another material supplier"));
}

}  // namespace huanxin::core::project
