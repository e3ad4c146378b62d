// Handlers of the register context (issue #3): parse, call RegisterService / ImportService, encode.
#pragma once

#include "http/message.hpp"
#include "http/services.hpp"

namespace huanxin::http::handlers {

Response ListEstates(Services& s, Request& req);
Response CreateEstate(Services& s, Request& req);
Response GetEstate(Services& s, Request& req);
Response UpdateEstate(Services& s, Request& req);
Response DeleteEstate(Services& s, Request& req);
Response EstateSummary(Services& s, Request& req);
Response RegisterRollup(Services& s, Request& req);
Response EstateEligibility(Services& s, Request& req);
Response ExportEstates(Services& s, Request& req);

Response ListBuildings(Services& s, Request& req);
Response CreateBuilding(Services& s, Request& req);
Response GetBuilding(Services& s, Request& req);
Response UpdateBuilding(Services& s, Request& req);
Response DeleteBuilding(Services& s, Request& req);

Response ListBuildingDwellings(Services& s, Request& req);
Response ListEstateDwellings(Services& s, Request& req);
Response CreateDwelling(Services& s, Request& req);
Response GetDwelling(Services& s, Request& req);
Response UpdateDwelling(Services& s, Request& req);
Response DeleteDwelling(Services& s, Request& req);
Response ExportDwellings(Services& s, Request& req);

Response ListOwners(Services& s, Request& req);
Response CreateOwner(Services& s, Request& req);
Response LinkOwner(Services& s, Request& req);
Response UnlinkOwner(Services& s, Request& req);
Response SetHousehold(Services& s, Request& req);

Response ImportDwellings(Services& s, Request& req);
Response ImportTemplate(Services& s, Request& req);
Response GetJob(Services& s, Request& req);
Response RegisterDictionaries(Services& s, Request& req);

}  // namespace huanxin::http::handlers
