#include "service/construction/progress_service.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <set>
#include <utility>

#include "common/decimal.hpp"
#include "common/tabular/xlsx_reader.hpp"
#include "common/text.hpp"
#include "core/calendar/work_calendar.hpp"
#include "report/xlsx_writer.hpp"
#include "service/audit/audit_service.hpp"
#include "service/construction/access.hpp"

namespace huanxin::service {

namespace {

namespace json = boost::json;
namespace cc = core::construction;
using Repo = store::ProgressRepository;

constexpr std::size_t kNoteMaxChars = 500;
constexpr std::size_t kClientIdMaxChars = 64;

json::value OptInt(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object ReportAudit(const store::ProgressReportRecord& r) {
  return json::object{{"step", r.step_code}, {"percent", r.percent}, {"on", r.on_date},
                      {"photo", OptInt(r.photo_file_id)}, {"quantity", OptInt(r.quantity_centi)}};
}

// Excel keeps a typed date as its serial number (days since 1899-12-30); a sheet's date cell comes
// back as "46113". Text dates pass through.
std::string SheetDate(const std::string& cell) {
  if (cell.size() != 5 || !IsDigits(cell)) return cell;
  const auto serial = ParseInt64(cell).value_or(0);
  const core::calendar::Date epoch{std::chrono::year{1899}, std::chrono::month{12}, std::chrono::day{30}};
  return core::calendar::FormatDate(core::calendar::Date{std::chrono::sys_days(epoch) + std::chrono::days(serial)});
}

}  // namespace

Error WorksField(const std::string& field, Text why) {
  return Invalid("construction.invalid_field",
                 Text("字段 " + field + " 无效：" + why.zh, "field " + field + " is invalid: " + why.en), Text::Same(field),
                 Text("请按提示修改后重试", "correct the field and try again"));
}

Result<ProgressView> LoadProgress(store::Session& s, const store::ProjectRecord& project) {
  ProgressView v;
  v.project = project;
  auto steps = Repo::Steps(s, project.id);
  if (!steps) return std::move(steps).error();
  auto latest = Repo::Latest(s, project.id);
  if (!latest) return std::move(latest).error();
  auto lines = Repo::BudgetLines(s, project.id);
  if (!lines) return std::move(lines).error();
  auto weights = Repo::Weights(s, project.id);
  if (!weights) return std::move(weights).error();
  auto names = Repo::ItemNames(s);
  if (!names) return std::move(names).error();
  auto estates = store::ProjectRepository::Estates(s, project.id);
  if (!estates) return std::move(estates).error();

  std::vector<cc::StepFacts> facts;
  for (auto& st : *steps) {
    StepProgressView sv;
    auto found = latest->find(st.id);
    if (found != latest->end()) sv.latest = found->second;
    facts.push_back(cc::StepFacts{st.code, st.item_code, st.estate_id, st.duration_days,
                                  sv.latest ? std::optional<int>(sv.latest->percent) : std::nullopt});
    sv.step = std::move(st);
    v.steps.push_back(std::move(sv));
  }
  std::vector<cc::BudgetAmounts> amounts;
  for (const auto& l : *lines) amounts.push_back(cc::BudgetAmounts{l.item_code, l.estimate_fen, l.budget_fen, l.contract_fen});
  std::vector<std::int64_t> estate_ids;
  for (const auto& e : *estates) {
    estate_ids.push_back(e.estate_id);
    v.estate_names[e.estate_id] = e.name;
  }
  v.rollup = cc::RollUp(facts, amounts, *weights, estate_ids);
  for (auto& n : *names) v.item_names[n.code] = std::move(n);
  return v;
}

const std::vector<std::string>& ProgressService::SheetHeaders() {
  static const std::vector<std::string> headers{"工序编码", "工序名称", "改造内容", "小区",     "上次进度%",
                                                "上次日期", "本次进度%", "填报日期", "完成工程量", "备注"};
  return headers;
}

ProgressService::ProgressService(store::Database& db, const Clock& clock, FileService& files)
    : db_(db), clock_(clock), files_(files) {
  // Site photos are records of the works (they may show residents passing by): construction:read;
  // the file service checks the region.
  files_.SetReadPolicy("construction", [](const Actor& actor, const StoredFile&) {
    return RequirePermission(actor, core::auth::perm::kConstructionRead);
  });
}

Result<void> ProgressService::CheckAccess(const Actor& actor, std::int64_t project_id, std::string_view permission) {
  return db_.Read([&](store::Session& s) -> Result<void> {
    auto project = ProjectForConstruction(s, actor, project_id, permission);
    if (!project) return std::move(project).error();
    return Ok();
  });
}

std::string ProgressService::Today() const { return FormatShanghai(clock_.Now(), 10); }

Result<void> ProgressService::CheckInput(const store::ProjectRecord& project, const ProgressInput& in) const {
  if (Trim(in.step_code).empty()) return WorksField("stepCode", Text("不能为空", "must not be empty"));
  if (in.percent < 0 || in.percent > 100)
    return WorksField("percent", Text("应为 0–100 的整数，现为 " + std::to_string(in.percent),
                                      "must be an integer 0–100, got " + std::to_string(in.percent)));
  if (!core::calendar::ParseDate(in.on)) return WorksField("on", Text("应为 YYYY-MM-DD 日期", "must be a YYYY-MM-DD date"));
  // A report tells what was done: not tomorrow's work, and not before the project's year began.
  const auto today = Today();
  if (in.on > today)
    return WorksField("on", Text("不能晚于今天（" + today + "）", "must not be after today (" + today + ")"));
  const auto year_start = std::to_string(project.year) + "-01-01";
  if (in.on < year_start)
    return WorksField("on", Text("不能早于项目年度开始（" + year_start + "）",
                                 "must not be before the project's year began (" + year_start + ")"));
  if (in.quantity_centi && *in.quantity_centi < 0) return WorksField("quantityDone", Text("不能为负数", "must not be negative"));
  auto note = Utf8Length(in.note);
  if (!note) return WorksField("note", Text("不是有效的 UTF-8 文本", "is not valid UTF-8 text"));
  if (*note > kNoteMaxChars)
    return WorksField("note", Text("最多 500 个字符", "at most 500 characters"));
  if (in.client_id && (in.client_id->empty() || in.client_id->size() > kClientIdMaxChars))
    return WorksField("clientId", Text("应为 1–64 个字符", "must be 1–64 characters"));
  return Ok();
}

Result<store::ProgressReportRecord> ProgressService::Prepare(store::Session& s, const Actor& actor,
                                                             const store::ProjectRecord& project, const ProgressInput& in) {
  if (auto r = CheckInput(project, in); !r) return std::move(r).error();
  auto step = Repo::FindStep(s, project.id, in.step_code);
  if (!step) return std::move(step).error();
  if (!*step) return WorksField("stepCode", Text("项目没有工序 " + in.step_code, "the project has no step " + in.step_code));
  if (in.photo_file_id) {
    auto f = files_.Find(s, *in.photo_file_id);
    if (!f) return std::move(f).error();
    // A photo of another place's works must not be attached here (and read through this project).
    if (!*f || (*f)->region_code.rfind(project.region_code, 0) != 0)
      return WorksField("photoFileId", Text("照片文件不存在", "no such photo file"));
  }
  store::ProgressReportRecord r;
  r.project_id = project.id;
  r.region_code = project.region_code;
  r.step_id = (*step)->id;
  r.step_code = (*step)->code;
  r.percent = static_cast<int>(in.percent);
  r.quantity_centi = in.quantity_centi;
  r.on_date = in.on;
  r.photo_file_id = in.photo_file_id;
  r.note = in.note;
  r.client_id = in.client_id;
  r.reported_by = actor.user_id;
  r.created_at = FormatIsoUtc(clock_.Now());
  return r;
}

Result<ProgressReportView> ProgressService::Report(const Actor& actor, std::int64_t project_id, const ProgressInput& in) {
  std::optional<ProgressReportView> again;
  std::int64_t id = 0;
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto project = ProjectForConstruction(s, actor, project_id, core::auth::perm::kProgressWrite);
    if (!project) return std::move(project).error();
    if (in.client_id) {
      // A phone's queue resends what it is not sure arrived: the first report answers.
      auto first = Repo::FindByClientId(s, project_id, *in.client_id);
      if (!first) return std::move(first).error();
      if (*first) {
        again = ProgressReportView{std::move(**first), false};
        return Ok();
      }
    }
    auto rec = Prepare(s, actor, *project, in);
    if (!rec) return std::move(rec).error();
    auto inserted = Repo::Insert(s, *rec);
    if (!inserted) return std::move(inserted).error();
    id = *inserted;
    if (on_report_)
      if (auto r = on_report_(s, *project); !r) return r;
    Changes ch;
    ch.Set("report", nullptr, id).Set("progress", nullptr, ReportAudit(*rec));
    return RecordAudit(s, clock_, actor, "construction.progress", "project", std::to_string(project_id),
                       project->region_code, ch);
  });
  if (!w && w.error().reason == "store.duplicate" && in.client_id) {
    // The same clientId arrived twice at once: the other request stored it; answer that one.
    auto first = store::ReadResult(db_, [&](store::Session& s) { return Repo::FindByClientId(s, project_id, *in.client_id); });
    if (first && *first) return ProgressReportView{std::move(**first), false};
  }
  if (!w) return std::move(w).error();
  if (again) return std::move(*again);
  auto r = store::ReadResult(db_, [&](store::Session& s) { return Repo::Find(s, id); });
  if (!r) return std::move(r).error();
  return ProgressReportView{std::move(**r), true};
}

Result<ProgressView> ProgressService::Get(const Actor& actor, std::int64_t project_id) {
  return store::ReadResult(db_, [&](store::Session& s) -> Result<ProgressView> {
    auto project = ProjectForConstruction(s, actor, project_id, core::auth::perm::kConstructionRead);
    if (!project) return std::move(project).error();
    return LoadProgress(s, *project);
  });
}

Result<ProgressView> ProgressService::SetWeights(const Actor& actor, std::int64_t project_id,
                                                 const std::map<std::string, std::int64_t>& weights) {
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto project = ProjectForConstruction(s, actor, project_id, core::auth::perm::kProgressWrite);
    if (!project) return std::move(project).error();
    auto before = LoadProgress(s, *project);
    if (!before) return std::move(before).error();
    auto problems = cc::CheckWeights(weights);
    std::set<std::string> items;
    for (const auto& i : before->rollup.items) items.insert(i.item_code);
    for (const auto& [code, _] : weights)
      if (!items.count(code)) problems.push_back(code + ": not an item of the project");
    if (!problems.empty()) {
      std::string list;
      for (const auto& p : problems) list += (list.empty() ? "" : "; ") + p;
      return Invalid("construction.invalid_weights", Text("进度权重无效", "the progress weights are invalid"),
                     Text::Same(list),
                     Text("每项权重为 0–1000‰，合计不超过 1000‰，且须为项目的改造内容",
                          "each weight is 0–1000 ‰, together at most 1000 ‰, each an item of the project"));
    }
    auto old = store::ProgressRepository::Weights(s, project_id);
    if (!old) return std::move(old).error();
    if (auto r = Repo::ReplaceWeights(s, project_id, weights); !r) return r;
    json::object from, to;
    for (const auto& [k, v] : *old) from[k] = v;
    for (const auto& [k, v] : weights) to[k] = v;
    Changes ch;
    ch.Set("weights", from, to);
    return RecordAudit(s, clock_, actor, "construction.progress_weights", "project", std::to_string(project_id),
                       project->region_code, ch);
  });
  if (!w) return std::move(w).error();
  return Get(actor, project_id);
}

Result<ProgrammeView> ProgressService::Programme(const Actor& actor, const std::optional<std::string>& region_code,
                                                 std::optional<int> year) {
  if (auto r = RequirePermission(actor, core::auth::perm::kConstructionRead); !r) return std::move(r).error();
  auto region = ScopedRegionFilter(actor, region_code);
  if (!region) return std::move(region).error();
  return store::ReadResult(db_, [&](store::Session& s) -> Result<ProgrammeView> {
    auto projects = Repo::Projects(s, region->value_or(actor.scope.prefix()), year);
    if (!projects) return std::move(projects).error();
    std::vector<cc::ProjectShare> shares;
    ProgrammeView v;
    for (const auto& p : *projects) {
      auto project = ProjectForConstruction(s, actor, p.id, core::auth::perm::kConstructionRead);
      if (!project) {
        if (project.error().code == ErrorCode::kForbidden) continue;  // not among an assigned role's projects
        return std::move(project).error();
      }
      auto progress = LoadProgress(s, *project);
      if (!progress) return std::move(progress).error();
      std::int64_t budget = 0;
      for (const auto& i : progress->rollup.items) budget += i.budget_fen;
      shares.push_back(cc::ProjectShare{p.id, progress->rollup.percent, progress->rollup.reported, budget});
      v.projects.push_back(ProgrammeProjectView{p.id, p.name, progress->rollup.percent, 0, progress->rollup.reported});
    }
    auto total = cc::RollUpProgramme(shares);
    v.percent = total.percent;
    v.reported = total.reported;
    for (std::size_t i = 0; i < v.projects.size(); ++i) v.projects[i].weight = total.weights[i];
    return v;
  });
}

Result<StoredFile> ProgressService::AddPhoto(const Actor& actor, std::int64_t project_id, const std::string& name,
                                             const std::string& bytes) {
  // Who may add to the project is answered before anything about the file (a caller without access
  // learns nothing from the file's checks).
  if (auto r = CheckAccess(actor, project_id, core::auth::perm::kProgressWrite); !r) return std::move(r).error();
  auto photo = CheckPhoto(name, bytes, Text("请上传施工现场的照片", "upload a photo of the works on site"));
  if (!photo) return std::move(photo).error();
  return store::WriteResult(db_, [&](store::Session& s) -> Result<StoredFile> {
    auto project = ProjectForConstruction(s, actor, project_id, core::auth::perm::kProgressWrite);
    if (!project) return std::move(project).error();
    auto f = files_.Put(s, actor, "construction", project->region_code, name, photo->content_type, photo->bytes);
    if (!f) return std::move(f).error();
    Changes ch;
    ch.Set("file", nullptr, f->id).Set("sha256", nullptr, json::string(f->sha256));
    if (auto r = RecordAudit(s, clock_, actor, "construction.progress_photo", "project", std::to_string(project_id),
                             project->region_code, ch);
        !r)
      return std::move(r).error();
    return std::move(*f);
  });
}

Result<Document> ProgressService::Sheet(const Actor& actor, std::int64_t project_id) {
  auto v = Get(actor, project_id);
  if (!v) return std::move(v).error();
  report::XlsxWriter x;
  x.AddSheet("进度填报");
  x.SetColumnWidths({22, 24, 18, 16, 10, 12, 10, 12, 12, 30});
  x.WriteHeader(SheetHeaders());
  for (const auto& sv : v->steps) {
    const auto& st = sv.step;
    std::string item, estate;
    if (st.item_code) {
      auto n = v->item_names.find(*st.item_code);
      item = n != v->item_names.end() ? n->second.name_zh : *st.item_code;
    }
    if (st.estate_id) {
      auto n = v->estate_names.find(*st.estate_id);
      estate = n != v->estate_names.end() ? n->second : std::to_string(*st.estate_id);
    }
    std::vector<report::CellValue> row{st.code, st.name, item, estate};
    if (sv.latest) {
      row.emplace_back(static_cast<std::int64_t>(sv.latest->percent));
      row.emplace_back(sv.latest->on_date);
    } else {
      row.emplace_back(std::monostate{});
      row.emplace_back(std::monostate{});
    }
    x.WriteRow(row);
  }
  auto bytes = x.Finish();
  if (!bytes) return std::move(bytes).error();
  return Document{std::move(*bytes), kXlsxType, "进度填报-" + std::to_string(project_id) + ".xlsx"};
}

Result<SheetImport> ProgressService::Import(const Actor& actor, std::int64_t project_id, const std::string& bytes) {
  if (auto r = CheckAccess(actor, project_id, core::auth::perm::kProgressWrite); !r) return std::move(r).error();
  // The filled rows: step code, percent, date, quantity, note (columns A, G, H, I, J).
  struct SheetRow {
    std::size_t row;
    std::vector<std::string> cells;
  };
  std::vector<SheetRow> rows;
  auto read = tabular::ReadXlsx(bytes, [&](std::size_t n, std::vector<std::string>& cells) {
    if (n == 1) return true;  // the header
    cells.resize(SheetHeaders().size());
    if (Trim(cells[6]).empty()) return true;  // nothing reported on this row
    rows.push_back(SheetRow{n, cells});
    return true;
  });
  if (!read) return std::move(read).error();
  SheetImport out;
  auto w = db_.Write([&](store::Session& s) -> Result<void> {
    auto project = ProjectForConstruction(s, actor, project_id, core::auth::perm::kProgressWrite);
    if (!project) return std::move(project).error();
    std::vector<store::ProgressReportRecord> records;
    for (const auto& r : rows) {
      ProgressInput in;
      in.step_code = std::string(Trim(r.cells[0]));
      const auto percent = ParseInt64(Trim(r.cells[6]));
      in.on = SheetDate(std::string(Trim(r.cells[7])));
      in.note = r.cells[9];
      std::optional<Error> bad;
      if (!percent) bad = WorksField("percent", Text("应为 0–100 的整数", "must be an integer 0–100"));
      else in.percent = *percent;
      if (!bad && !Trim(r.cells[8]).empty()) {
        auto q = ParseHundredths(Trim(r.cells[8]));
        if (!q) bad = WorksField("quantityDone", Text("应为最多两位小数的数", "must be a number with at most two decimals"));
        else in.quantity_centi = *q;
      }
      if (!bad) {
        auto rec = Prepare(s, actor, *project, in);
        if (rec) records.push_back(std::move(*rec));
        else bad = rec.error();
      }
      if (bad) {
        const auto field = bad->detail.en;
        const std::map<std::string, std::size_t> column{{"stepCode", 0}, {"percent", 6}, {"on", 7}, {"quantityDone", 8}, {"note", 9}};
        auto c = column.find(field);
        const std::size_t col = c != column.end() ? c->second : 0;
        out.errors.push_back(SheetRowError{r.row, SheetHeaders()[col], r.cells[col], bad->message});
      }
    }
    if (!out.errors.empty()) return Ok();  // nothing stored: every bad row goes back to the user
    for (const auto& rec : records) {
      auto id = Repo::Insert(s, rec);
      if (!id) return std::move(id).error();
    }
    out.imported = static_cast<std::int64_t>(records.size());
    if (on_report_)
      if (auto r = on_report_(s, *project); !r) return r;
    Changes ch;
    ch.Set("imported", nullptr, out.imported);
    return RecordAudit(s, clock_, actor, "construction.progress_import", "project", std::to_string(project_id),
                       project->region_code, ch);
  });
  if (!w) return std::move(w).error();
  return out;
}

}  // namespace huanxin::service
