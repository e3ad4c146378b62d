// Consultation routes (issue #5; docs/consultation.md).
#pragma once

#include "http/message.hpp"
#include "http/services.hpp"

namespace huanxin::http::handlers {

Response RenovationCatalog(Services& s, Request& req);
Response ListConsultations(Services& s, Request& req);
Response CreateConsultation(Services& s, Request& req);
Response GetConsultation(Services& s, Request& req);
Response OpenConsultation(Services& s, Request& req);
Response CloseConsultation(Services& s, Request& req);
Response AddConsultationRound(Services& s, Request& req);
Response CastBallot(Services& s, Request& req);
Response ListBallots(Services& s, Request& req);
Response BallotsPdf(Services& s, Request& req);
Response ListBallotCodes(Services& s, Request& req);
Response PaperLookup(Services& s, Request& req);
Response ConsultationTally(Services& s, Request& req);
Response ListFollowups(Services& s, Request& req);
Response FollowupsPdf(Services& s, Request& req);
Response AssignFollowups(Services& s, Request& req);
Response RecordFollowupVisit(Services& s, Request& req);
Response LiftShare(Services& s, Request& req);
Response ResidentBallot(Services& s, Request& req);
Response ResidentCastBallot(Services& s, Request& req);
Response PublicReceipt(Services& s, Request& req);
Response UploadEvidence(Services& s, Request& req);
Response DownloadFile(Services& s, Request& req);

}  // namespace huanxin::http::handlers
