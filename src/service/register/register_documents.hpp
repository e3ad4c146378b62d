// Register documents (issue #3): the estate list and an estate's roster as XLSX, and the roster
// import template. People edit these in Excel, so the roster export uses the import template's
// columns: a corrected export can be imported again.
#pragma once

#include <cstdint>

#include "service/platform/actor.hpp"
#include "service/platform/document.hpp"
#include "service/register/register_service.hpp"

namespace huanxin::service {

class RegisterDocuments {
 public:
  explicit RegisterDocuments(RegisterService& reg) : reg_(reg) {}

  // Every estate the query selects (all pages), with its eligibility verdict; labels in the
  // reader's language for the sheet name, Chinese vocabulary labels as rosters use them.
  Result<Document> EstatesXlsx(const Actor& actor, EstateQuery query, bool english);
  // The estate's dwellings and owners in the import template's columns; personal data masked
  // when the reader may not see it (as RegisterService::ListEstateDwellings decides, audited there).
  Result<Document> DwellingsXlsx(const Actor& actor, std::int64_t estate_id);
  // The import template with its list validations, worked examples and instructions.
  static Result<Document> ImportTemplateXlsx();

 private:
  RegisterService& reg_;
};

}  // namespace huanxin::service
