// A project's status gates and the documents each needs (issue #12; REFERENCE.md §1.4, §4). Pure.
//
// Order: reserve → planned → approved → designed → tendered → permitted → started → completed →
// accepted → handed_over, one step at a time. What each step needs:
//   planned     an annual plan for the project's region and year (the plan and its extension cap
//               are checked by plan.hpp); the residents' willingness consent when the deployment
//               requires it (Yizheng: ≥ 2/3 of owners agree before the community reports upward;
//               Luoyang: ≥ 80 % before construction — REFERENCE.md §1.4 steps 2–3)
//   approved    the joint-review opinion (联合审查意见); a budget estimate (概算); from 10 000 000
//               yuan of estimate one feasibility report as well (Chongqing, REFERENCE.md §1.4 step 4:
//               "< 1000万元 approved on the joint-review opinion; ≥ 1000万 … one feasibility report")
//   designed    the construction design (施工图设计文件); the design unit recorded
//   tendered    the tender result (中标通知书); the construction and supervision units recorded
//   permitted   the construction permit (施工许可证) (Shanxi: a permit before work starts, §1.4 step 5)
//   started     the construction permit (still on file) and the start order (开工令)
//   completed   the completion report (竣工报告)
//   accepted    the completion acceptance record (竣工验收记录) with residents' representatives (§4.3)
//   handed_over the handover record to long-term management (移交接管记录, §1.4 step 6)
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/result.hpp"

namespace huanxin::core::project {

enum class Status { kReserve, kPlanned, kApproved, kDesigned, kTendered, kPermitted, kStarted, kCompleted, kAccepted, kHandedOver };
inline constexpr Status kStatuses[] = {Status::kReserve,   Status::kPlanned,   Status::kApproved, Status::kDesigned,
                                       Status::kTendered,  Status::kPermitted, Status::kStarted,  Status::kCompleted,
                                       Status::kAccepted,  Status::kHandedOver};
std::string_view StatusCode(Status s);
std::optional<Status> ParseStatus(std::string_view code);
Text StatusName(Status s);
// The step after `s` (none after handed_over).
std::optional<Status> Next(Status s);
// True when `s` is at or past `than` in the order.
inline bool AtLeast(Status s, Status than) { return static_cast<int>(s) >= static_cast<int>(than); }

enum class DocumentKind {
  kWillingnessConsent,   // 改造意愿征询结果
  kJointReviewOpinion,   // 联合审查意见
  kFeasibilityReport,    // 可行性研究报告（含概算）
  kConstructionDesign,   // 施工图设计文件
  kTenderResult,         // 中标通知书
  kConstructionPermit,   // 施工许可证
  kStartOrder,           // 开工令
  kCompletionReport,     // 竣工报告
  kAcceptanceRecord,     // 竣工验收记录
  kHandoverRecord,       // 移交接管记录
  kOther,                // 其他
};
inline constexpr DocumentKind kDocumentKinds[] = {
    DocumentKind::kWillingnessConsent, DocumentKind::kJointReviewOpinion, DocumentKind::kFeasibilityReport,
    DocumentKind::kConstructionDesign, DocumentKind::kTenderResult,       DocumentKind::kConstructionPermit,
    DocumentKind::kStartOrder,         DocumentKind::kCompletionReport,   DocumentKind::kAcceptanceRecord,
    DocumentKind::kHandoverRecord,     DocumentKind::kOther};
std::string_view DocumentCode(DocumentKind k);
std::optional<DocumentKind> ParseDocument(std::string_view code);
Text DocumentName(DocumentKind k);

enum class UnitRole { kDesign, kConstruction, kSupervision, kMaterial };
inline constexpr UnitRole kUnitRoles[] = {UnitRole::kDesign, UnitRole::kConstruction, UnitRole::kSupervision,
                                          UnitRole::kMaterial};
std::string_view UnitRoleCode(UnitRole r);
std::optional<UnitRole> ParseUnitRole(std::string_view code);
Text UnitRoleName(UnitRole r);

// The joint-review route's threshold: 10 000 000 yuan (REFERENCE.md §1.4 step 4), in fen.
inline constexpr std::int64_t kFeasibilityThresholdFen = 10'000'000LL * 100;

// The deployment's gate rules (config project.*).
struct GatePolicy {
  bool require_willingness_consent = true;  // before `planned`
};

// What is on file for a project when a step is asked for.
struct GateFacts {
  std::set<DocumentKind> documents;
  std::set<UnitRole> units;
  bool has_plan = false;                      // an annual plan covers the project's region and year
  std::optional<std::int64_t> estimate_fen;   // the budget estimate (概算), if any line is entered
};

// One thing a step needs that is not on file.
struct Missing {
  std::string code;  // a document kind, "annual_plan", "estimate", or "unit:<role>"
  Text name;
};

// What moving `from` → `to` still needs (empty: the gate is met). Only the next step is a valid
// target: others are refused by CheckTransition before this is asked.
std::vector<Missing> MissingFor(Status to, const GateFacts& facts, const GatePolicy& policy);

// 409 project.transition_invalid unless `to` is the step after `from`; 409 project.gate_unmet
// naming each missing thing (detail: "缺少：施工许可证（construction_permit）；…") otherwise.
Result<void> CheckTransition(Status from, Status to, const GateFacts& facts, const GatePolicy& policy);

}  // namespace huanxin::core::project

namespace huanxin::core::project {

// A participating unit as recorded.
struct UnitFacts {
  std::string company, credit_code;
};

// 409 project.units_not_separate when the deployment requires material selection and construction
// by separate companies (望奎: "施工、选材单位分离", REFERENCE.md §10; config
// project.separate_material_supplier) and the two are the same company: the same unified social
// credit code when both carry one, else the same name once spaces are dropped.
Result<void> CheckUnitsSeparate(const UnitFacts& material, const UnitFacts& construction);

}  // namespace huanxin::core::project
