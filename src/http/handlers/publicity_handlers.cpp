#include "http/handlers/publicity_handlers.hpp"

#include <boost/json.hpp>

#include "http/handlers/handler_util.hpp"
#include "http/json/json_input.hpp"
#include "http/json/publicity_json.hpp"
#include "service/project/publicity_service.hpp"

namespace huanxin::http {

namespace {

Response ListNotices(PublicityApi& s, Request& req) {
  HX_TRY(project, QueryInt64(req, "projectId"));
  HX_TRY(list, s.publicity.List(req.actor(), project, QueryString(req, "regionCode")));
  return Json(200, NoticeListJson(list, req.english));
}

Response CreateNotice(PublicityApi& s, Request& req) {
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseNoticeInput(body));
  HX_TRY(v, s.publicity.Create(req.actor(), in));
  return Json(201, NoticeJson(v, req.english, true));
}

Response GetNotice(PublicityApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, s.publicity.Get(req.actor(), id));
  return Json(200, NoticeJson(v, req.english, true));
}

Response ReviseNotice(PublicityApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseRevisionInput(body));
  HX_TRY(v, s.publicity.Revise(req.actor(), id, in));
  return Json(200, NoticeJson(v, req.english, true));
}

Response AttachNoticePhoto(PublicityApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(file, UploadedFile(req));
  HX_TRY(v, s.publicity.AttachPhoto(req.actor(), id, file.filename, file.data));
  return Json(200, NoticeJson(v, req.english, true));
}

Response AnswerObjection(PublicityApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(objection, PathId(req, "objectionId"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(answer, RequiredString(body, "answer"));
  HX_TRY(o, s.publicity.Answer(req.actor(), id, objection, answer));
  return Json(200, ObjectionJson(o));
}

Response PublicNotice(PublicityApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(v, s.publicity.PublicGet(id));
  return Json(200, PublicNoticeJson(v, req.english));
}

Response PublicObject(PublicityApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(body, ParseJsonObject(req.body));
  HX_TRY(in, ParseObjectionInput(body));
  HX_TRY(r, s.publicity.Object(id, in, req.client_ip, req.request_id));
  return Json(201, ObjectionReceiptJson(r));
}

// Shown in the browser to be printed, not downloaded: no Content-Disposition.
Response PrintNotice(PublicityApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(doc, s.publicity.PrintHtml(id, PublicBase(s.public_url, s.secure_cookie, req)));
  return SendInline(std::move(doc));
}

}  // namespace

// No route is `reusable`: a notice's status moves with the date, with nothing written.
void AddPublicityRoutes(RouteTable& t, Workbench&, PublicityApi& api) {
  using A = Access;
  using B = BodyKind;
  t.Add("GET", "/api/v1/publicity", A::kSession, B::kNone, api, ListNotices)
      .Add("POST", "/api/v1/publicity", A::kSession, B::kJson, api, CreateNotice)
      .Add("GET", "/api/v1/publicity/{id}", A::kSession, B::kNone, api, GetNotice)
      .Add("POST", "/api/v1/publicity/{id}/revisions", A::kSession, B::kJson, api, ReviseNotice)
      .Add("POST", "/api/v1/publicity/{id}/photo", A::kSession, B::kMultipart, api, AttachNoticePhoto)
      .Add("POST", "/api/v1/publicity/{id}/objections/{objectionId}/answer", A::kSession, B::kJson, api, AnswerObjection)
      .Add("GET", "/api/v1/public/publicity/{id}", A::kPublic, B::kNone, api, PublicNotice)
      .Add("POST", "/api/v1/public/publicity/{id}/objections", A::kPublic, B::kJson, api, PublicObject)
      .Add("GET", "/api/v1/public/publicity/{id}/print", A::kPublic, B::kNone, api, PrintNotice);
}

}  // namespace huanxin::http
