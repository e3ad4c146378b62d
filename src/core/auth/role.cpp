#include "core/auth/role.hpp"

#include <algorithm>
#include <array>

#include "common/text.hpp"

namespace huanxin::core::auth {

namespace {
struct RoleInfo {
  Role role;
  std::string_view code;
  const char* zh;
  const char* en;
};
constexpr RoleInfo kRoles[] = {
    {Role::kAdmin, "admin", "系统管理员", "Administrator"},
    {Role::kBureau, "bureau", "住建局", "Housing bureau"},
    {Role::kStreet, "street", "街道办", "Street office"},
    {Role::kCommunity, "community", "社区/网格员", "Community / grid worker"},
    {Role::kSupervisor, "supervisor", "义务监督员", "Volunteer supervisor"},
    {Role::kContractor, "contractor", "施工/监理单位", "Contractor / supervising engineer"},
    {Role::kUtility, "utility", "专业经营单位", "Utility company"},
    {Role::kProperty, "property", "物业服务企业", "Property company"},
    {Role::kResident, "resident", "业主/住户", "Resident"},
};

const RoleInfo& Info(Role role) {
  for (const auto& r : kRoles)
    if (r.role == role) return r;
  return kRoles[0];  // unreachable: every enumerator is listed
}

// Which roles hold which permission.
// Inferences from ARCHITECTURE.md §1: user management is delegated to the bureau and street levels
// inside their own scope (as county systems do for their street accounts); the audit log is read by
// the supervising levels (admin, bureau, street); grids are drawn by the street or admin. The
// register is kept by community staff and streets (§1: "register upkeep"); personal data (ID
// numbers, phones) is needed by those who visit doors and verify owners — street and community —
// not by the bureau or the system administrator, who work with figures (PIPL Art. 6, minimum
// necessary). Assignment-based roles read the estates they are assigned to.
// Consultations are run by street offices and communities (grid workers go door to door); the
// bureau oversees its county. Assignment-based roles do not see ballots.
// Check-ups: grid workers capture and submit; streets run campaigns and review; the bureau oversees;
// only administrators edit the indicator catalogue (issue #4: "editable by admins").
// The renovation catalogue is read by everyone who builds menus or check-ups (the roles that read
// consultations and check-ups) and edited, like the indicator catalogue, by administrators.
// The official working-day calendar is loaded by administrators (REFERENCE.md §9: "an administrator
// loads the next year"); everyone signed in reads it.
// Projects and money (issue #12): the county housing bureau draws up the annual plan, runs the joint
// review (REFERENCE.md §1.4 step 4: "the city or county organises a joint review") and keeps the
// funding ledger with the finance bureau; street offices package estates, gather the documents,
// record resident contributions and publicise plans (公示); communities read what concerns their
// estates. Administrators hold every permission, as elsewhere.
// Construction (issue #13): the construction unit draws up the schedule (施工组织设计) and reports
// progress on the projects it is assigned to; street offices and the bureau run and re-plan
// schedules over their area; utilities (专业经营单位) report progress on their pipes; communities and
// contractors record household works door to door; the bureau or an administrator sets the city's
// seasons (heating season, frost window, exam days). Assigned roles see only their projects
// (service/construction/access.hpp); supervisors read them (issue #14 builds on it).
// Supervision and tickets (issue #14; REFERENCE.md §4.1): volunteer supervisors inspect the estates
// and projects they are assigned to and issue rectification orders from their findings, as do
// street offices and communities; responsible units (contractors, utilities) reply; only the
// finder or a street office closes (the service checks who found it). Residents' tickets are
// handled by street offices and communities in their area and watched by the bureau; categories,
// routing and Open311 client keys are set by the bureau or an administrator.
// Acceptance (issue #14; REFERENCE.md §4.3): completion acceptance is organised by the 建设单位 — in
// renovation the street office or the bureau's programme — so street offices and the bureau record it,
// the punch list and the handover; household acceptance is taken door to door by grid workers
// (community) and street offices (Shanxi: "with each household", §1.4); contractors, utilities,
// supervisors and the property company read the acceptance of the projects they are assigned to
// (the builder answers defects under warranty, the property company after; issue #14).
// Stewardship (issue #15; REFERENCE.md §1.4 step 7): the street office organises long-term management
// after acceptance (owners' assembly, property company, hosting, the maintenance fund) and the
// bureau oversees it, so both record it; communities read it (they help the owners' committee).
// Property companies are not given fee writes here: they are assigned estates and a scoped role
// for them is left for later (docs/stewardship.md).
// Evaluations (issue #15; REFERENCE.md §4.4): the inspections and rankings of estates (检查评比) are
// run by the housing bureau over its county and by street offices over their estates, so both
// evaluate; the bureau (and administrators) set the scorecards every street is scored by; grid
// workers (community) read the results of their estates to follow up. Other roles do not rank.
// Assessment (issue #15 督查考核): the county assesses its streets and departments and convenes the
// joint meetings (联席会议) — the bureau (住建 coordinates) and administrators write the duty matrix,
// meetings and the annual scorecard; a street office reads its own KPIs and the meetings' action
// items (it is assessed, it does not grade itself). Nobody below the street reads them.
constexpr std::string_view kAdminPerms[] = {perm::kUserManage,         perm::kAuditRead,        perm::kRegionRead,
                                            perm::kRegionGridCreate,  perm::kRegisterRead,     perm::kRegisterWrite,
                                            perm::kConsultationRead,  perm::kConsultationWrite, perm::kBallotWrite,
                                            perm::kCheckupRead,       perm::kCheckupWrite,      perm::kCheckupCapture,
                                            perm::kCheckupCatalogWrite, perm::kCatalogueRead, perm::kCatalogueWrite,
                                            perm::kCalendarWrite,     perm::kProjectRead,       perm::kProjectWrite,
                                            perm::kProjectApprove,    perm::kPlanWrite,         perm::kFundWrite,
                                            perm::kPublicityWrite,    perm::kConstructionRead,  perm::kConstructionWrite,
                                            perm::kProgressWrite,     perm::kHouseholdWrite,    perm::kSeasonWrite,
                                            perm::kSupervisionRead,   perm::kSupervisionWrite,  perm::kInspect,
                                            perm::kRectifyIssue,      perm::kRectifyReply,      perm::kTicketRead,
                                            perm::kTicketWrite,       perm::kTicketAdmin, perm::kAcceptanceRead, perm::kAcceptanceWrite, perm::kAcceptanceHouseholdWrite,
                                            perm::kStewardshipRead, perm::kStewardshipWrite,
                                            perm::kEvaluationRead, perm::kEvaluationWrite, perm::kEvaluationScorecardWrite,
                                            perm::kAssessmentRead, perm::kAssessmentWrite};
constexpr std::string_view kBureauPerms[] = {perm::kUserManage,        perm::kAuditRead,        perm::kRegionRead,
                                             perm::kRegionGridCreate, perm::kRegisterRead,     perm::kRegisterWrite,
                                             perm::kConsultationRead, perm::kConsultationWrite, perm::kBallotWrite,
                                             perm::kCheckupRead,       perm::kCheckupWrite,     perm::kCatalogueRead,
                                             perm::kProjectRead,       perm::kProjectWrite,     perm::kProjectApprove,
                                             perm::kPlanWrite,         perm::kFundWrite,        perm::kPublicityWrite,
                                             perm::kConstructionRead,  perm::kConstructionWrite, perm::kSeasonWrite,
                                             perm::kSupervisionRead,   perm::kSupervisionWrite, perm::kTicketRead,
                                             perm::kTicketAdmin, perm::kAcceptanceRead, perm::kAcceptanceWrite,
                                             perm::kStewardshipRead, perm::kStewardshipWrite,
                                             perm::kEvaluationRead, perm::kEvaluationWrite, perm::kEvaluationScorecardWrite,
                                             perm::kAssessmentRead, perm::kAssessmentWrite};
constexpr std::string_view kStreetPerms[] = {perm::kUserManage,       perm::kAuditRead,          perm::kRegionRead,
                                             perm::kRegionGridCreate, perm::kRegisterRead,       perm::kRegisterWrite,
                                             perm::kRegisterPiiRead,  perm::kConsultationRead,   perm::kConsultationWrite,
                                             perm::kBallotWrite,      perm::kCheckupRead,        perm::kCheckupWrite,
                                             perm::kCheckupCapture,   perm::kCatalogueRead,      perm::kProjectRead,
                                             perm::kProjectWrite,     perm::kFundWrite,          perm::kPublicityWrite,
                                             perm::kConstructionRead, perm::kConstructionWrite,  perm::kProgressWrite,
                                             perm::kHouseholdWrite,   perm::kSupervisionRead,    perm::kSupervisionWrite,
                                             perm::kInspect,          perm::kRectifyIssue,       perm::kTicketRead,
                                             perm::kTicketWrite, perm::kAcceptanceRead, perm::kAcceptanceWrite, perm::kAcceptanceHouseholdWrite,
                                             perm::kStewardshipRead, perm::kStewardshipWrite,
                                             perm::kEvaluationRead, perm::kEvaluationWrite,
                                             perm::kAssessmentRead};
constexpr std::string_view kCommunityPerms[] = {perm::kRegionRead,        perm::kRegisterRead,       perm::kRegisterWrite,
                                                perm::kRegisterPiiRead,   perm::kConsultationRead,   perm::kConsultationWrite,
                                                perm::kBallotWrite,       perm::kCheckupRead,        perm::kCheckupCapture,
                                                perm::kCatalogueRead,     perm::kProjectRead,        perm::kConstructionRead,
                                                perm::kHouseholdWrite,    perm::kSupervisionRead,    perm::kInspect,
                                                perm::kRectifyIssue,      perm::kTicketRead,         perm::kTicketWrite, perm::kAcceptanceRead, perm::kAcceptanceHouseholdWrite,
                                                perm::kStewardshipRead,
                                                perm::kEvaluationRead};
constexpr std::string_view kContractorPerms[] = {perm::kRegionRead,        perm::kRegisterRead,  perm::kConstructionRead,
                                                 perm::kConstructionWrite, perm::kProgressWrite, perm::kHouseholdWrite,
                                                 perm::kSupervisionRead,   perm::kRectifyReply, perm::kAcceptanceRead};
constexpr std::string_view kUtilityPerms[] = {perm::kRegionRead,     perm::kRegisterRead,    perm::kConstructionRead,
                                              perm::kProgressWrite,  perm::kSupervisionRead, perm::kRectifyReply, perm::kAcceptanceRead};
constexpr std::string_view kSupervisorPerms[] = {perm::kRegionRead,      perm::kRegisterRead, perm::kConstructionRead,
                                                 perm::kSupervisionRead, perm::kInspect,      perm::kRectifyIssue, perm::kAcceptanceRead};
constexpr std::string_view kPropertyPerms[] = {perm::kRegionRead, perm::kRegisterRead, perm::kAcceptanceRead};
constexpr std::string_view kResidentPerms[] = {perm::kRegionRead};
}  // namespace

std::string_view RoleCode(Role role) { return Info(role).code; }

std::optional<Role> ParseRole(std::string_view code) {
  for (const auto& r : kRoles)
    if (r.code == code) return r.role;
  return std::nullopt;
}

Text RoleName(Role role) { return Text(Info(role).zh, Info(role).en); }

std::span<const std::string_view> PermissionsOf(Role role) {
  switch (role) {
    case Role::kAdmin: return kAdminPerms;
    case Role::kBureau: return kBureauPerms;
    case Role::kStreet: return kStreetPerms;
    case Role::kCommunity: return kCommunityPerms;
    case Role::kSupervisor: return kSupervisorPerms;
    case Role::kContractor: return kContractorPerms;
    case Role::kUtility: return kUtilityPerms;
    case Role::kProperty: return kPropertyPerms;
    case Role::kResident: return kResidentPerms;
  }
  return {};
}

bool HasPermission(Role role, std::string_view permission) {
  auto perms = PermissionsOf(role);
  return std::find(perms.begin(), perms.end(), permission) != perms.end();
}

namespace {
Error BadScope(Role role, std::string_view scope, const char* want_zh, const char* want_en) {
  std::string code(scope.empty() ? "(空)" : scope);
  return MakeError(ErrorCode::kUnprocessable, "auth.scope_invalid_for_role",
                   Text("角色与管辖范围不匹配", "scope does not fit the role"),
                   Text("角色 " + std::string(RoleCode(role)) + " 的范围为 " + code + "，需要" + want_zh,
                        "role " + std::string(RoleCode(role)) + " has scope " + std::string(scope) +
                            "; it needs " + want_en),
                   Text("请选择与角色对应层级的行政区划", "pick a region of the level the role works at"));
}
}  // namespace

Result<void> ValidateRoleScope(Role role, std::string_view scope) {
  if (!scope.empty() && !IsDigits(scope))
    return BadScope(role, scope, "数字行政区划代码", "a numeric region code");
  const auto n = scope.size();
  switch (role) {
    case Role::kAdmin: return Ok();
    case Role::kBureau:
      if (n == 2 || n == 4 || n == 6) return Ok();
      return BadScope(role, scope, "区县（6位）或市、省代码", "a county (6 digits) or city/province code");
    case Role::kStreet:
      if (n == 9) return Ok();
      return BadScope(role, scope, "街道/乡镇（9位）代码", "a street/town code (9 digits)");
    case Role::kCommunity:
      if (n == 12 || n == 15) return Ok();
      return BadScope(role, scope, "社区（12位）或网格（15位）代码", "a community (12 digits) or grid (15 digits) code");
    case Role::kSupervisor:
    case Role::kContractor:
    case Role::kUtility:
    case Role::kProperty:
    case Role::kResident:
      if (n >= 2) return Ok();
      return BadScope(role, scope, "一个行政区划代码", "a region code");
  }
  return Ok();
}

Result<void> CheckGrant(Role actor_role, const Scope& actor_scope, Role target_role,
                        std::string_view target_scope) {
  if (target_role == Role::kAdmin && actor_role != Role::kAdmin)
    return MakeError(ErrorCode::kForbidden, "auth.forbidden",
                     Text("只有系统管理员可以授予管理员角色", "only an administrator can grant the admin role"));
  if (!actor_scope.Covers(target_scope))
    return MakeError(ErrorCode::kForbidden, "auth.out_of_scope",
                     Text("超出您的管辖范围", "outside your scope"),
                     Text("范围 " + std::string(target_scope.empty() ? "(全部)" : target_scope) +
                              " 不在 " + actor_scope.prefix() + " 之内",
                          "scope " + std::string(target_scope.empty() ? "(all)" : target_scope) +
                              " is not inside " + actor_scope.prefix()),
                     Text("只能在本级及下级区划内授权", "grant only inside your own region"));
  return Ok();
}

}  // namespace huanxin::core::auth
