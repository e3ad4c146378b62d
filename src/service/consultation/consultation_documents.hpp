// Consultation documents (issue #5): printable A4 ballots with a QR code and a one-time code per
// dwelling, and visit sheets for the follow-up work, one per visitor. Data comes from
// ConsultationService (which authorises); the pure renderers are in src/report/ballot_pdf.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.hpp"
#include "service/consultation/consultation_service.hpp"
#include "service/platform/document.hpp"

namespace huanxin::service {

class ConsultationDocuments {
 public:
  ConsultationDocuments(ConsultationService& consult, const Clock& clock) : consult_(consult), clock_(clock) {}

  // Ballots of the consultation's current round for a building (or all buildings); the QR codes
  // link to ConsultationService::ResidentBallotUrl(public_base, code). 422
  // consultation.nothing_to_print when none.
  Result<Document> BallotsPdf(const Actor& actor, std::int64_t id, std::optional<std::int64_t> building_id,
                              const std::string& public_base);
  // Visit sheets for the follow-ups `q` selects, one per assignee (unassigned last), printed on the
  // day in Beijing time. 422 consultation.nothing_to_print when none needs a visit.
  Result<Document> FollowupsPdf(const Actor& actor, std::int64_t id, const FollowupQuery& q);

 private:
  ConsultationService& consult_;
  const Clock& clock_;
};

}  // namespace huanxin::service
