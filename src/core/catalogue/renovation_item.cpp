#include "core/catalogue/renovation_item.hpp"

#include "common/text.hpp"

namespace huanxin::core::catalogue {

namespace {
Error BadField(const std::string& field, Text detail) {
  return MakeError(ErrorCode::kUnprocessable, "catalogue.invalid_field",
                   Text("字段 " + field + " 不正确", "field " + field + " is invalid"), std::move(detail));
}
}  // namespace

bool IsPayer(std::string_view code) {
  return code == "government" || code == "utility" || code == "residents" || code == "social_capital";
}

Result<void> ValidatePatch(const ItemPatch& patch) {
  if (patch.payer && !IsPayer(*patch.payer))
    return BadField("payer", Text(*patch.payer + "：应为 government、utility、residents 或 social_capital",
                                  *patch.payer + ": government, utility, residents or social_capital"));
  if (patch.unit) {
    auto n = Utf8Length(*patch.unit);
    if (!n || *n < 1 || *n > 10) return BadField("unit", Text("1–10字", "1–10 characters"));
  }
  if (patch.unit_cost_fen && *patch.unit_cost_fen && **patch.unit_cost_fen < 0)
    return BadField("unitCost", Text("不能为负", "cannot be negative"));
  return Ok();
}

}  // namespace huanxin::core::catalogue
