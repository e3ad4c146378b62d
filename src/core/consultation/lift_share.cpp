#include "core/consultation/lift_share.hpp"

#include <algorithm>
#include <numeric>

#include "common/text.hpp"

namespace huanxin::core::consult {

namespace {
__extension__ typedef __int128 i128;  // exact products of int64 values

Error Bad(std::string detail_zh, std::string detail_en) {
  return MakeError(ErrorCode::kUnprocessable, "lift_share.invalid", Text("加装电梯费用分摊参数不正确", "invalid lift cost-sharing input"),
                   Text(std::move(detail_zh), std::move(detail_en)));
}
}  // namespace

std::int64_t DefaultCoefficientMilli(int floor) { return floor <= 2 ? 0 : 700 + 100 * static_cast<std::int64_t>(floor - 3); }

std::optional<std::int64_t> ParseCoefficient(std::string_view text) {
  text = Trim(text);
  auto dot = text.find('.');
  auto whole = text.substr(0, dot);
  auto frac = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (!IsDigits(whole) || whole.size() > 3 || frac.size() > 3 || (dot != std::string_view::npos && frac.empty()) ||
      (!frac.empty() && !IsDigits(frac)))
    return std::nullopt;
  std::int64_t milli = *ParseInt64(whole) * 1000;
  std::int64_t scale = 100;
  for (char c : frac) {
    milli += (c - '0') * scale;
    scale /= 10;
  }
  if (milli > 100000) return std::nullopt;
  return milli;
}

std::string FormatCoefficient(std::int64_t milli) {
  std::string s = std::to_string(milli / 1000);
  auto frac = milli % 1000;
  if (frac == 0) return s;
  std::string f = std::to_string(1000 + frac).substr(1);
  while (!f.empty() && f.back() == '0') f.pop_back();
  return s + "." + f;
}

std::vector<std::int64_t> SplitExactly(std::int64_t amount, std::span<const std::int64_t> weights,
                                       std::span<const std::int64_t> tie_keys) {
  i128 total = 0;
  for (auto w : weights) total += w;
  std::vector<std::int64_t> out(weights.size(), 0);
  if (total <= 0) return out;
  std::vector<i128> remainder(weights.size());
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    i128 prod = static_cast<i128>(amount) * weights[i];
    out[i] = static_cast<std::int64_t>(prod / total);
    remainder[i] = prod % total;
    given += out[i];
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (remainder[a] != remainder[b]) return remainder[a] > remainder[b];
    return tie_keys[a] < tie_keys[b];
  });
  // Fewer fen are left over than there are dwellings: Σ⌊x⌋ > Σx − n.
  for (std::size_t k = 0; given < amount && k < order.size(); ++k, ++given) ++out[order[k]];
  return out;
}

Result<LiftShareResult> ShareLiftCost(std::span<const LiftDwelling> dwellings, const LiftCosts& costs) {
  if (costs.total_fen <= 0) return Bad("总造价应大于0", "the total cost must be above 0");
  if (costs.subsidy_fen < 0 || costs.compensation_fen < 0) return Bad("补贴和补偿不能为负", "subsidy and compensation cannot be negative");
  if (costs.subsidy_fen > costs.total_fen) return Bad("补贴不能超过总造价", "the subsidy cannot exceed the total cost");
  if (dwellings.empty()) return Bad("该单元没有登记房屋", "the stairwell has no dwellings in the register");
  LiftShareResult out;
  out.amount_fen = costs.total_fen - costs.subsidy_fen + costs.compensation_fen;
  std::vector<std::int64_t> pay_w, pay_key, comp_w, comp_key;
  std::vector<std::size_t> pay_idx, comp_idx;
  for (std::size_t i = 0; i < dwellings.size(); ++i) {
    const auto& d = dwellings[i];
    LiftShare s{d.dwelling_id, d.floor, d.area_dm2};
    s.exempt = costs.exempt_floors.count(d.floor) > 0;
    if (!s.exempt) {
      // A configured coefficient wins; otherwise the default table, which starts at 3F. Basements and
      // semi-basements (floor ≤ 0) without a coefficient are exempt [inference, see the header]; a
      // paying floor 1 or 2 needs one configured.
      if (auto it = costs.coefficient_milli.find(d.floor); it != costs.coefficient_milli.end()) {
        s.coefficient_milli = it->second;
      } else if (d.floor >= 3) {
        s.coefficient_milli = DefaultCoefficientMilli(d.floor);
      } else if (d.floor <= 0) {
        s.coefficient_milli = 0;
      } else {
        return Bad(std::to_string(d.floor) + "层不免摊，但没有分摊系数；请将其列入免摊楼层或给出系数",
                   "floor " + std::to_string(d.floor) + " pays but has no coefficient; list it as exempt or give one");
      }
      s.exempt = s.coefficient_milli == 0;
    }
    if (s.exempt) {
      comp_idx.push_back(i);
      comp_w.push_back(d.area_dm2);
      comp_key.push_back(d.dwelling_id);
    } else {
      pay_idx.push_back(i);
      pay_w.push_back(s.coefficient_milli * d.area_dm2);
      pay_key.push_back(d.dwelling_id);
      out.total_weight += s.coefficient_milli * d.area_dm2;
    }
    out.shares.push_back(s);
  }
  if (out.total_weight <= 0) return Bad("没有需要分摊的房屋", "no dwelling pays a share");
  if (costs.compensation_fen > 0 && comp_idx.empty())
    return Bad("有低层补偿但没有免摊楼层的房屋", "compensation is given but no dwelling is on an exempt floor");
  auto pay = SplitExactly(out.amount_fen, pay_w, pay_key);
  for (std::size_t k = 0; k < pay_idx.size(); ++k) out.shares[pay_idx[k]].share_fen = pay[k];
  if (!comp_idx.empty()) {
    auto comp = SplitExactly(costs.compensation_fen, comp_w, comp_key);
    for (std::size_t k = 0; k < comp_idx.size(); ++k) out.shares[comp_idx[k]].compensation_fen = comp[k];
  }
  return out;
}

}  // namespace huanxin::core::consult
