// JSON codecs of the consultation context (issue #5; docs/consultation.md is the contract).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/json/json_input.hpp"
#include "http/message.hpp"
#include "service/consultation/consultation_service.hpp"

namespace huanxin::http {

boost::json::object ConsultationJson(const service::ConsultationView& v);
// GET /consultations: one page {items, total, page, pageSize}.
boost::json::object ConsultationPageJson(const std::vector<service::ConsultationView>& list, std::int64_t total,
                                         const Paging& paging);
boost::json::object ReceiptJson(const service::ReceiptView& r);
boost::json::object PublicReceiptJson(const service::PublicReceipt& r);
boost::json::object TallyJson(const service::TallyView& t, bool english);
boost::json::object CodeViewJson(const service::CodeView& v);
boost::json::object FollowupJson(const service::FollowupRow& r);
boost::json::object VisitJson(const store::FollowupVisitRecord& v);
boost::json::object LiftShareJson(const service::LiftShareView& v);
boost::json::object BallotJson(const store::BallotRecord& b);
boost::json::object BallotListJson(const std::vector<store::BallotRecord>& ballots);  // {items}
boost::json::object FollowupListJson(const std::vector<service::FollowupRow>& rows);  // {items, total}
boost::json::object ConsultationWorkbenchJson(const service::ConsultationWorkbench& w);
// One dwelling's one-time code; `url` is where its QR code points.
boost::json::object BallotCodeJson(const service::BallotSheet& sheet, const std::string& url);
// GET /consultations/{id}/codes: {items}, each pointing at its resident ballot page under
// `public_base` (ConsultationService::ResidentBallotUrl).
boost::json::object BallotCodeListJson(const std::vector<service::BallotSheet>& sheets, const std::string& public_base);

// POST /consultations/{id}/rounds: itemIds (required), dwellingIds (absent or null: every dwelling
// that fell short).
struct RoundInput {
  std::vector<std::int64_t> item_ids;
  std::optional<std::vector<std::int64_t>> dwelling_ids;
};
Result<RoundInput> ParseRoundInput(const boost::json::object& o);
// POST /consultations/{id}/followups/assign: dwellingIds and userId, both required.
struct FollowupAssignInput {
  std::vector<std::int64_t> dwelling_ids;
  std::int64_t user_id = 0;
};
Result<FollowupAssignInput> ParseFollowupAssignInput(const boost::json::object& o);
// POST /consultations/{id}/followups/visits: dwellingId (required), itemId, outcome (required), note.
struct VisitInput {
  std::int64_t dwelling_id = 0;
  std::optional<std::int64_t> item_id;
  std::string outcome, note;
};
Result<VisitInput> ParseVisitInput(const boost::json::object& o);
// GET …/followups and …/followups.pdf: itemId, assignee, status.
Result<service::FollowupQuery> ParseFollowupQuery(const Request& req);
// GET …/tally: ?round=N (absent: the current round), kept within −1…1 000 000.
Result<std::optional<int>> ParseTallyRound(const Request& req);

Result<service::ConsultationInput> ParseConsultationInput(const boost::json::object& o);
Result<service::BallotInput> ParseBallotInput(const boost::json::object& o, bool resident);
Result<service::LiftShareRequest> ParseLiftShareRequest(const boost::json::object& o);

}  // namespace huanxin::http
