// JSON codecs of publicity (公示; docs/project.md routes, docs/publicity.md shapes).
#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "http/json/json_input.hpp"
#include "service/project/publicity_service.hpp"

namespace huanxin::http {

// Notice for staff: the current version's fields, window status and counts; with `versions` and
// `objections` (names and phones included) when the view carries them (GET by id, writes).
boost::json::object NoticeJson(const service::NoticeView& v, bool english, bool full);
boost::json::object NoticeListJson(const std::vector<service::NoticeView>& list, bool english);  // {items}
boost::json::object ObjectionJson(const store::PublicityObjectionRecord& o);
// The public page: never a name, a phone, a user or a file.
boost::json::object PublicNoticeJson(const service::NoticeView& v, bool english);
boost::json::object ObjectionReceiptJson(const service::ObjectionReceipt& r);

Result<service::NoticeInput> ParseNoticeInput(const boost::json::object& o);
Result<service::RevisionInput> ParseRevisionInput(const boost::json::object& o);
Result<service::ObjectionInput> ParseObjectionInput(const boost::json::object& o);

}  // namespace huanxin::http
