#include "http/handlers/evaluation_handlers.hpp"

#include "http/handlers/handler_util.hpp"
#include "http/json/evaluation_json.hpp"
#include "http/json/json_input.hpp"
#include "service/evaluation/evaluation_service.hpp"

namespace huanxin::http {

namespace {

using Api = EvaluationApi;

Response ListScorecards(Api& a, Request& req) {
  HX_TRY(v, a.evaluation.Scorecards(req.actor()));
  return Json(200, ScorecardsJson(v));
}

Response GetScorecard(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.evaluation.Scorecard(req.actor(), id));
  return Json(200, ScorecardJson(v));
}

Response CreateScorecard(Api& a, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseScorecardInput(body));
  HX_TRY(v, a.evaluation.CreateScorecard(req.actor(), in));
  return Json(201, ScorecardJson(v));
}

Response UpdateScorecard(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseScorecardInput(body));
  HX_TRY(v, a.evaluation.UpdateScorecard(req.actor(), id, in));
  return Json(200, ScorecardJson(v));
}

Response CreateEvaluation(Api& a, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseEvaluationInput(body));
  HX_TRY(v, a.evaluation.Evaluate(req.actor(), in));
  return Json(201, EvaluationJson(v));
}

Response GetEvaluation(Api& a, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, a.evaluation.Evaluation(req.actor(), id));
  return Json(200, EvaluationJson(v));
}

Response ListEvaluations(Api& a, Request& req) {
  service::EvaluationQuery q;
  q.region_code = QueryString(req, "regionCode");
  q.period = QueryString(req, "period");
  HX_TRY(estate, QueryInt64(req, "estateId"));
  q.estate_id = estate;
  HX_TRY(card, QueryInt64(req, "scorecardId"));
  q.scorecard_id = card;
  HX_TRY(paging, ParsePaging(req));
  q.limit = paging.page_size;
  q.offset = (paging.page - 1) * paging.page_size;
  HX_TRY(v, a.evaluation.Evaluations(req.actor(), q));
  return Json(200, EvaluationsJson(v, paging.page, paging.page_size));
}

Response GetRankings(Api& a, Request& req) {
  HX_TRY(v, a.evaluation.Rank(req.actor(), QueryString(req, "level").value_or("estate"), QueryString(req, "regionCode"),
                              QueryString(req, "period").value_or("")));
  return Json(200, RankingsJson(v));
}

}  // namespace

// Reads are `reusable`: they change only with a write (no date-dependent figures).
void AddEvaluationRoutes(RouteTable& t, Workbench&, EvaluationApi& api) {
  using A = Access;
  using B = BodyKind;
  t.Add("GET", "/api/v1/scorecards", A::kSession, B::kNone, api, ListScorecards, true)
      .Add("POST", "/api/v1/scorecards", A::kSession, B::kJson, api, CreateScorecard)
      .Add("GET", "/api/v1/scorecards/{id}", A::kSession, B::kNone, api, GetScorecard, true)
      .Add("PUT", "/api/v1/scorecards/{id}", A::kSession, B::kJson, api, UpdateScorecard)
      .Add("GET", "/api/v1/evaluations", A::kSession, B::kNone, api, ListEvaluations, true)
      .Add("POST", "/api/v1/evaluations", A::kSession, B::kJson, api, CreateEvaluation)
      .Add("GET", "/api/v1/evaluations/{id}", A::kSession, B::kNone, api, GetEvaluation, true)
      .Add("GET", "/api/v1/rankings", A::kSession, B::kNone, api, GetRankings, true);
}

}  // namespace huanxin::http
