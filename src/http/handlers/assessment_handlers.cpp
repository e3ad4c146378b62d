#include "http/handlers/assessment_handlers.hpp"

#include "common/text.hpp"
#include "http/handlers/handler_util.hpp"
#include "http/json/assessment_json.hpp"
#include "http/json/json_input.hpp"
#include "service/assessment/assessment_service.hpp"

namespace huanxin::http {

namespace {

using Api = AssessmentApi;

Result<std::int64_t> PathYear(const Request& req) {
  auto text = req.params.find("year");
  auto y = text == req.params.end() ? std::nullopt : ParseInt64(text->second);
  if (!y)
    return service::Invalid("assessment.invalid_year", Text("年度不正确", "invalid year"), Text{},
                            Text("年度应为2000至2100之间的整数", "the year must be a whole number between 2000 and 2100"));
  return *y;
}

Response Kpis(Api& a, Request& req) {
  HX_TRY(year, QueryInt64(req, "year"));
  HX_TRY(v, a.assessment.Kpis(req.actor(), QueryString(req, "regionCode"), year));
  return Json(200, KpiReportJson(v, req.english));
}

Response GetDuties(Api& a, Request& req) {
  HX_TRY(v, a.assessment.Duties(req.actor(), QueryString(req, "regionCode")));
  return Json(200, DutyMatrixJson(v));
}

Response PutDuties(Api& a, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseDuties(body));
  HX_TRY(v, a.assessment.PutDuties(req.actor(), QueryString(req, "regionCode"), in));
  return Json(200, DutyMatrixJson(v));
}

Response ListMeetings(Api& a, Request& req) {
  HX_TRY(paging, ParsePaging(req));
  HX_TRY(v, a.assessment.Meetings(req.actor(), QueryString(req, "regionCode"), paging.page, paging.page_size));
  return Json(200, MeetingPageJson(v));
}

Response CreateMeeting(Api& a, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseMeetingInput(body));
  HX_TRY(actions, ParseMeetingActions(body));
  HX_TRY(v, a.assessment.CreateMeeting(req.actor(), in, actions));
  return Json(201, MeetingJson(v));
}

Response GetMeeting(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.assessment.Meeting(req.actor(), id));
  return Json(200, MeetingJson(v));
}

Response UpdateMeeting(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseMeetingInput(body));
  HX_TRY(v, a.assessment.UpdateMeeting(req.actor(), id, in));
  return Json(200, MeetingJson(v));
}

Response DeleteMeeting(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY_VOID(a.assessment.DeleteMeeting(req.actor(), id));
  return NoContent();
}

Response AddAction(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseActionInput(body));
  HX_TRY(v, a.assessment.AddAction(req.actor(), id, in));
  return Json(201, ActionJson(v));
}

Response UpdateAction(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseActionInput(body));
  HX_TRY(v, a.assessment.UpdateAction(req.actor(), id, in));
  return Json(200, ActionJson(v));
}

Response DeleteAction(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY_VOID(a.assessment.DeleteAction(req.actor(), id));
  return NoContent();
}

Response GetEvaluation(Api& a, Request& req) {
  HX_TRY(year, PathYear(req));
  HX_TRY(v, a.assessment.Evaluation(req.actor(), QueryString(req, "regionCode"), year));
  return Json(200, EvaluationJson(v, req.english));
}

Response PutScore(Api& a, Request& req) {
  HX_TRY(year, PathYear(req));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseScoreInput(body));
  HX_TRY(v, a.assessment.PutScore(req.actor(), QueryString(req, "regionCode"), year, req.params.at("indicator"), in));
  return Json(200, EvaluationJson(v, req.english));
}

Response ReportPdf(Api& a, Request& req) {
  HX_TRY(year, PathYear(req));
  HX_TRY(doc, a.assessment.SelfEvaluationPdf(req.actor(), QueryString(req, "regionCode"), year));
  return SendDocument(std::move(doc));
}

Response ReportXlsx(Api& a, Request& req) {
  HX_TRY(year, PathYear(req));
  HX_TRY(doc, a.assessment.SelfEvaluationXlsx(req.actor(), QueryString(req, "regionCode"), year));
  return SendDocument(std::move(doc));
}

Response Monthly(Api& a, Request& req) {
  HX_TRY(doc, a.assessment.MonthlyXlsx(req.actor(), QueryString(req, "regionCode"), QueryString(req, "month")));
  return SendDocument(std::move(doc));
}

}  // namespace

// Not `reusable`: action items turn overdue with the date, ticket compliance with the time.
void AddAssessmentRoutes(RouteTable& t, Workbench&, AssessmentApi& api) {
  using A = Access;
  using B = BodyKind;
  t.Add("GET", "/api/v1/assessment/kpis", A::kSession, B::kNone, api, Kpis)
      .Add("GET", "/api/v1/assessment/duties", A::kSession, B::kNone, api, GetDuties)
      .Add("PUT", "/api/v1/assessment/duties", A::kSession, B::kJson, api, PutDuties)
      .Add("GET", "/api/v1/assessment/meetings", A::kSession, B::kNone, api, ListMeetings)
      .Add("POST", "/api/v1/assessment/meetings", A::kSession, B::kJson, api, CreateMeeting)
      .Add("GET", "/api/v1/assessment/meetings/{id}", A::kSession, B::kNone, api, GetMeeting)
      .Add("PUT", "/api/v1/assessment/meetings/{id}", A::kSession, B::kJson, api, UpdateMeeting)
      .Add("DELETE", "/api/v1/assessment/meetings/{id}", A::kSession, B::kNone, api, DeleteMeeting)
      .Add("POST", "/api/v1/assessment/meetings/{id}/actions", A::kSession, B::kJson, api, AddAction)
      .Add("PUT", "/api/v1/assessment/actions/{id}", A::kSession, B::kJson, api, UpdateAction)
      .Add("DELETE", "/api/v1/assessment/actions/{id}", A::kSession, B::kNone, api, DeleteAction)
      .Add("GET", "/api/v1/assessment/evaluations/{year}", A::kSession, B::kNone, api, GetEvaluation)
      .Add("PUT", "/api/v1/assessment/evaluations/{year}/scores/{indicator}", A::kSession, B::kJson, api, PutScore)
      .Add("GET", "/api/v1/assessment/evaluations/{year}/report.pdf", A::kSession, B::kNone, api, ReportPdf)
      .Add("GET", "/api/v1/assessment/evaluations/{year}/report.xlsx", A::kSession, B::kNone, api, ReportXlsx)
      .Add("GET", "/api/v1/assessment/monthly-report.xlsx", A::kSession, B::kNone, api, Monthly);
}

}  // namespace huanxin::http
