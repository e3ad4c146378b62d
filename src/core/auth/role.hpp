// Roles, permissions and the region-prefix scope rule (ARCHITECTURE.md §1).
//
// Pure rules: no I/O. A user has exactly one role and one scope (a region-code prefix).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "common/result.hpp"

namespace huanxin::core::auth {

enum class Role {
  kAdmin,       // 系统管理员: users, dictionaries, catalogues; scope: all
  kBureau,      // 区县住建局: its county (6 digits)
  kStreet,      // 街道办 / 专班: its street (9 digits)
  kCommunity,   // 社区工作人员 / 网格员: its community (12 digits) or grid (15 digits)
  kSupervisor,  // 义务监督员: assigned estates
  kContractor,  // 施工单位 / 监理: assigned projects
  kUtility,     // 专业经营单位: assigned projects
  kProperty,    // 物业服务企业: assigned estates
  kResident,    // 业主 / 住户: own dwellings
};

inline constexpr Role kAllRoles[] = {Role::kAdmin,      Role::kBureau,     Role::kStreet,
                                     Role::kCommunity,  Role::kSupervisor, Role::kContractor,
                                     Role::kUtility,    Role::kProperty,   Role::kResident};

std::string_view RoleCode(Role role);
std::optional<Role> ParseRole(std::string_view code);
Text RoleName(Role role);

// Permission codes `context:entity:action` (CONVENTIONS.md, Web). The web menu keys on them.
namespace perm {
inline constexpr std::string_view kUserManage = "user:manage";
inline constexpr std::string_view kAuditRead = "audit:read";
inline constexpr std::string_view kRegionRead = "region:read";
inline constexpr std::string_view kRegionGridCreate = "region:grid:create";
inline constexpr std::string_view kRegisterRead = "register:read";
inline constexpr std::string_view kRegisterWrite = "register:write";
inline constexpr std::string_view kRegisterPiiRead = "register:pii:read";
inline constexpr std::string_view kConsultationRead = "consultation:read";
inline constexpr std::string_view kConsultationWrite = "consultation:write";
inline constexpr std::string_view kBallotWrite = "consultation:ballot:write";
inline constexpr std::string_view kCheckupRead = "checkup:read";
inline constexpr std::string_view kCheckupWrite = "checkup:write";            // campaigns, assignment, review
inline constexpr std::string_view kCheckupCapture = "checkup:capture";        // observations, photos, submit
inline constexpr std::string_view kCheckupCatalogWrite = "checkup:catalog:write";  // indicator catalogue
inline constexpr std::string_view kCatalogueRead = "catalogue:read";    // renovation items (menus, suggestions)
inline constexpr std::string_view kCatalogueWrite = "catalogue:write";  // item units, costs, payers
inline constexpr std::string_view kCalendarWrite = "calendar:write";    // load a year's official calendar
inline constexpr std::string_view kProjectRead = "project:read";        // plans, pool, projects, funds, statistics
inline constexpr std::string_view kProjectWrite = "project:write";      // projects, gates, documents, units, budget
inline constexpr std::string_view kProjectApprove = "project:approve";  // the joint-review gate (planned → approved)
inline constexpr std::string_view kPlanWrite = "project:plan:write";    // annual plans
inline constexpr std::string_view kFundWrite = "project:fund:write";    // funding ledger, resident bills
inline constexpr std::string_view kPublicityWrite = "project:publicity:write";  // notices, answers to objections
inline constexpr std::string_view kConstructionRead = "construction:read";    // steps, schedules, progress, household works
inline constexpr std::string_view kConstructionWrite = "construction:write";  // steps, crews, schedule runs, baselines
inline constexpr std::string_view kProgressWrite = "construction:progress:write";    // progress reports, weights
inline constexpr std::string_view kHouseholdWrite = "construction:household:write";  // household works, teams
inline constexpr std::string_view kSeasonWrite = "construction:season:write";        // a city's seasons and exam days
inline constexpr std::string_view kSupervisionRead = "supervision:read";        // roster, inspections, orders, scores, quality register
inline constexpr std::string_view kSupervisionWrite = "supervision:write";      // roster, supervision days, checklists, quality register
inline constexpr std::string_view kInspect = "supervision:inspect";             // inspections and findings on the phone
inline constexpr std::string_view kRectifyIssue = "supervision:rectify:issue";  // issue, re-check and close rectification orders
inline constexpr std::string_view kRectifyReply = "supervision:rectify:reply";  // a responsible unit's reply
inline constexpr std::string_view kTicketRead = "ticket:read";                  // residents' tickets, figures
inline constexpr std::string_view kTicketWrite = "ticket:write";                // accept, route, resolve, merge; file for a resident
inline constexpr std::string_view kTicketAdmin = "ticket:admin";                // categories, routing, Open311 client keys
inline constexpr std::string_view kAcceptanceRead = "acceptance:read";          // acceptance records, punch list, warranties, the sign
inline constexpr std::string_view kAcceptanceWrite = "acceptance:write";        // completion acceptance, punch list, handover
inline constexpr std::string_view kAcceptanceHouseholdWrite = "acceptance:household:write";  // household acceptance, signatures
inline constexpr std::string_view kStewardshipRead = "stewardship:read";    // management mode, committee, contract, fees, fund
inline constexpr std::string_view kStewardshipWrite = "stewardship:write";  // set them, run bills, record payments and entries
inline constexpr std::string_view kEvaluationRead = "evaluation:read";    // evaluations, scorecards, rankings
inline constexpr std::string_view kEvaluationWrite = "evaluation:write";  // evaluate an estate (and issue its rectification orders)
inline constexpr std::string_view kEvaluationScorecardWrite = "evaluation:scorecard:write";  // the scorecard editor
inline constexpr std::string_view kAssessmentRead = "assessment:read";    // KPIs, duty matrix, joint meetings, annual evaluation, reports
inline constexpr std::string_view kAssessmentWrite = "assessment:write";  // duty matrix, joint meetings and action items, scores
}  // namespace perm

// The permissions a role holds, in a stable order.
std::span<const std::string_view> PermissionsOf(Role role);
bool HasPermission(Role role, std::string_view permission);

// A region-code prefix. The empty prefix (admin) covers everything.
// ARCHITECTURE.md §1: "a user with scope 360104 may touch exactly the rows whose code starts with
// 360104".
class Scope {
 public:
  explicit Scope(std::string prefix) : prefix_(std::move(prefix)) {}
  const std::string& prefix() const { return prefix_; }
  bool is_all() const { return prefix_.empty(); }
  // True when `region_code` lies inside this scope (also true for the scope's own code).
  bool Covers(std::string_view region_code) const {
    return region_code.substr(0, prefix_.size()) == prefix_ && region_code.size() >= prefix_.size();
  }

 private:
  std::string prefix_;
};

// Checks that `scope_code` is a sensible scope for `role`: admin any (usually empty); bureau a
// county (6 digits) or wider city/province code (4/2) for municipal bureaus; street 9 digits;
// community 12 (residents' committee) or 15 (grid); the assignment-based roles (supervisor,
// contractor, utility, property, resident) need a non-empty code that bounds their assignments.
Result<void> ValidateRoleScope(Role role, std::string_view scope_code);

// Whether an actor may grant `target_role` with `target_scope`: the target scope must lie inside the
// actor's scope, and only an admin may create or promote admins (no privilege escalation).
Result<void> CheckGrant(Role actor_role, const Scope& actor_scope, Role target_role,
                        std::string_view target_scope);

}  // namespace huanxin::core::auth
