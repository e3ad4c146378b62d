// JSON codecs of the reserve pool, the resource list and resident bills (docs/project.md).
#pragma once

#include <boost/json/object.hpp>

#include "http/json/json_input.hpp"
#include "http/message.hpp"
#include "service/project/pool_service.hpp"

namespace huanxin::http {

boost::json::object PoolJson(const service::PoolView& v, bool english);
boost::json::object ResourceJson(const store::ResourceRecord& r, bool english);
boost::json::object ResourcesJson(const std::vector<store::ResourceRecord>& list, bool english);
boost::json::object BillJson(const store::BillRecord& b);
boost::json::object BillPageJson(const service::BillPage& p);
boost::json::object BillsIssuedJson(const service::BillsIssued& b);

Result<service::ResourceInput> ParseResourceInput(const boost::json::object& o);
struct BillsInput {
  std::string purpose;
  std::int64_t amount_fen = 0;
};
Result<BillsInput> ParseBillsInput(const boost::json::object& o);
Result<std::string> ParsePayment(const boost::json::object& o);

}  // namespace huanxin::http
