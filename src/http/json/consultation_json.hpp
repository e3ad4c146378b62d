// JSON codecs of the consultation context (issue #5; docs/consultation.md is the contract).
#pragma once

#include <boost/json/object.hpp>

#include "service/consultation/consultation_service.hpp"

namespace huanxin::http {

boost::json::object ConsultationJson(const service::ConsultationView& v);
boost::json::object ReceiptJson(const service::ReceiptView& r);
boost::json::object PublicReceiptJson(const service::PublicReceipt& r);
boost::json::object TallyJson(const service::TallyView& t, bool english);
boost::json::object CodeViewJson(const service::CodeView& v);
boost::json::object FollowupJson(const service::FollowupRow& r);
boost::json::object VisitJson(const store::FollowupVisitRecord& v);
boost::json::object LiftShareJson(const service::LiftShareView& v);
boost::json::object BallotJson(const store::BallotRecord& b);
boost::json::object ConsultationWorkbenchJson(const service::ConsultationWorkbench& w);
// One dwelling's one-time code; `url` is where its QR code points.
boost::json::object BallotCodeJson(const service::BallotSheet& sheet, const std::string& url);

Result<service::ConsultationInput> ParseConsultationInput(const boost::json::object& o);
Result<service::BallotInput> ParseBallotInput(const boost::json::object& o, bool resident);
Result<service::LiftShareRequest> ParseLiftShareRequest(const boost::json::object& o);

}  // namespace huanxin::http
