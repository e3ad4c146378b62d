// Projects and money (issue #12; docs/project.md, core/project/README.md): annual plans, projects
// with their gates and documents, participating units, budget lines and change orders, and the
// funding ledger.
//
// Every method authorises (project:read / project:write / project:approve / project:plan:write /
// project:fund:write and the project's region in the actor's scope), validates with the core rules,
// writes in one transaction with its audit entry, and is durable before it is acknowledged.
// Thread safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "core/project/budget.hpp"
#include "core/project/funds.hpp"
#include "core/project/gates.hpp"
#include "core/project/plan.hpp"
#include "core/register/eligibility.hpp"
#include "service/file/file_service.hpp"
#include "service/platform/actor.hpp"
#include "store/database.hpp"
#include "store/project/money_repository.hpp"
#include "store/project/project_repository.hpp"

namespace huanxin::service {

struct ProjectPolicy {
  core::project::GatePolicy gates;
  core::reg::EligibilityPolicy eligibility;  // the register's: which estates are extension estates, the cap
  bool separate_material_supplier = false;   // project.separate_material_supplier (望奎)
};

struct PlanInput {
  std::string region_code;
  int year = 0;
  std::int64_t target_estates = 0, target_households = 0;
};

struct PlanView {
  store::PlanRecord plan;
  std::string region_name;
  store::PlanCounts counts;
  std::int64_t year_households = 0;   // max(target, planned)
  std::int64_t extension_share = 0;   // hundredths of a percent of year_households
  std::int64_t extension_cap = 0;     // hundredths of a percent
};

struct ProjectInput {
  std::string name, kind, region_code;
  int year = 0;
  std::vector<std::int64_t> estate_ids;
};

struct ProjectListQuery {
  std::optional<std::string> region_code, status;
  std::optional<int> year;
  std::int64_t page = 1, page_size = 20;
};

struct ProjectPage {
  std::vector<store::ProjectSummaryRecord> items;
  std::map<std::string, std::string> region_names;
  std::int64_t total = 0, page = 1, page_size = 20;
};

struct EstateInProject {
  store::ProjectEstateRecord estate;
  core::reg::Verdict verdict = core::reg::Verdict::kEligible;
};

struct BudgetView {
  std::vector<store::BudgetLineRecord> lines;
  core::project::BudgetTotals totals;
  std::vector<core::project::Breach> breaches;
  std::vector<store::ChangeOrderRecord> change_orders;
};

struct FundsView {
  std::int64_t committed_fen = 0, received_fen = 0, paid_fen = 0;
  std::optional<std::int64_t> execution_rate;  // hundredths of a percent
  std::vector<store::FundSums> by_source;       // in the order of core::project::kFundSources
  std::vector<store::FundEntryRecord> entries;
};

struct ProjectView {
  store::ProjectRecord project;
  std::string region_name;
  std::vector<EstateInProject> estates;
  std::int64_t buildings = 0, households = 0, floor_area_dm2 = 0;
  std::optional<core::project::Status> next;
  std::vector<core::project::Missing> missing;  // what `next` still needs
  core::project::GateFacts facts;               // what is on file, for the gates
  std::optional<store::PlanRecord> plan;        // the annual plan covering the project's region and year
  std::vector<store::DocumentRecord> documents;
  std::vector<store::UnitRecord> units;
  std::vector<store::TransitionRecord> transitions;
  BudgetView budget;
  FundsView funds;
};

// The project section of the home page: the current (Beijing) year's projects in scope by stage,
// the plan covering the scope, and what waits for someone.
struct ProjectWorkbench {
  int year = 0;
  store::ProjectWorkbenchCounts counts;
  std::optional<PlanView> plan;
};

struct DocumentInput {
  std::string kind, title, reference;
};

struct UnitInput {
  std::string company, credit_code, contact, phone;
};

struct BudgetLineInput {
  std::optional<std::string> item_code, description;
  std::optional<std::int64_t> quantity_centi, unit_price_fen;
  // Absent: unchanged (or none on create); present holding nullopt: cleared.
  std::optional<std::optional<std::int64_t>> budget_fen, contract_fen, settlement_fen;
};

struct ChangeOrderInput {
  std::int64_t budget_item_id = 0, amount_fen = 0;
  std::string reason, approved_by, approved_on;
};

struct FundInput {
  std::string source, kind, on, note;
  std::int64_t amount_fen = 0;
};

class ProjectService {
 public:
  ProjectService(store::Database& db, const Clock& clock, FileService& files, ProjectPolicy policy);

  // Plans (project:plan:write to write, project:read to read).
  Result<PlanView> CreatePlan(const Actor& actor, const PlanInput& in);
  Result<std::vector<PlanView>> Plans(const Actor& actor, const std::optional<std::string>& region_code,
                                      std::optional<int> year);
  Result<PlanView> Plan(const Actor& actor, std::int64_t id);
  Result<PlanView> UpdatePlan(const Actor& actor, std::int64_t id, std::optional<std::int64_t> target_estates,
                              std::optional<std::int64_t> target_households);

  // Projects.
  Result<ProjectView> Create(const Actor& actor, const ProjectInput& in);
  Result<ProjectPage> List(const Actor& actor, const ProjectListQuery& q);
  Result<ProjectView> Get(const Actor& actor, std::int64_t id);
  Result<ProjectView> Transition(const Actor& actor, std::int64_t id, const std::string& to);

  // Gate documents.
  Result<store::DocumentRecord> AddDocument(const Actor& actor, std::int64_t project_id, const DocumentInput& in);
  // The scan or photo of a document: PDF, JPEG, PNG or WebP by its bytes (415 file.unsupported_type
  // otherwise), at most 20 MiB (413 file.too_large); photos lose their metadata (PIPL Art. 6).
  Result<store::DocumentRecord> AttachFile(const Actor& actor, std::int64_t project_id, std::int64_t document_id,
                                           const std::string& name, const std::string& bytes);
  Result<void> DeleteDocument(const Actor& actor, std::int64_t project_id, std::int64_t document_id);

  // Units.
  Result<store::UnitRecord> PutUnit(const Actor& actor, std::int64_t project_id, const std::string& role,
                                    const UnitInput& in);

  // Budget.
  Result<BudgetView> Budget(const Actor& actor, std::int64_t project_id);
  Result<store::BudgetLineRecord> AddBudgetLine(const Actor& actor, std::int64_t project_id, const BudgetLineInput& in);
  Result<store::BudgetLineRecord> UpdateBudgetLine(const Actor& actor, std::int64_t project_id, std::int64_t line_id,
                                                   const BudgetLineInput& in);
  Result<store::ChangeOrderRecord> AddChangeOrder(const Actor& actor, std::int64_t project_id,
                                                  const ChangeOrderInput& in);

  // Funding ledger.
  Result<store::FundEntryRecord> AddFund(const Actor& actor, std::int64_t project_id, const FundInput& in);
  Result<FundsView> Funds(const Actor& actor, std::int64_t project_id);

  // The home page's section; nullopt without project:read.
  Result<std::optional<ProjectWorkbench>> Workbench(const Actor& actor);

  // For other services of the context (publicity, bills): the project if `actor` may read it
  // (404 project.not_found, 403 auth.out_of_scope), inside the caller's transaction.
  static Result<store::ProjectRecord> Readable(store::Session& s, const Actor& actor, std::int64_t id,
                                               std::string_view permission);

  const ProjectPolicy& policy() const { return policy_; }

 private:
  Result<PlanView> PlanViewOf(store::Session& s, const store::PlanRecord& p);
  Result<ProjectView> ViewOf(store::Session& s, const store::ProjectRecord& p);
  // The budget (lines, totals, breaches; change orders only when `with_orders`) and the funds
  // (sums by source; entries only when `with_entries`) of a project: parts of its view, also read
  // on their own.
  static Result<BudgetView> LoadBudget(store::Session& s, std::int64_t project_id, bool with_orders);
  static Result<FundsView> LoadFunds(store::Session& s, std::int64_t project_id, bool with_entries);

  store::Database& db_;
  const Clock& clock_;
  FileService& files_;
  ProjectPolicy policy_;
};

// A 'YYYY-MM-DD' date that exists (2026-02-30 does not).
bool IsIsoDate(std::string_view text);
// 422 project.invalid_field naming `field` (the context's services share it).
Error ProjectField(const std::string& field, Text why);
// 422 project.invalid_field unless `value` is valid UTF-8 of min–max characters.
Result<void> CheckTextField(const std::string& field, const std::string& value, std::size_t min_chars,
                            std::size_t max_chars);

}  // namespace huanxin::service
