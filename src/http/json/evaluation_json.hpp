// JSON codecs of the evaluation context (issue #15; docs/evaluation.md; shapes in
// src/http/openapi/evaluation.json). Points are numbers with at most two decimals (92.5).
#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "http/json/json_input.hpp"
#include "service/evaluation/evaluation_service.hpp"

namespace huanxin::http {

boost::json::object ScorecardJson(const service::ScorecardView& v);
boost::json::object ScorecardsJson(const std::vector<service::ScorecardView>& list);  // {items}
boost::json::object EvaluationJson(const service::EvaluationView& v);
boost::json::object EvaluationsJson(const service::EvaluationPage& page, std::int64_t page_number, std::int64_t page_size);
boost::json::object RankingsJson(const service::Rankings& r);

Result<service::ScorecardInput> ParseScorecardInput(const boost::json::object& o);
Result<service::EvaluationInput> ParseEvaluationInput(const boost::json::object& o);

}  // namespace huanxin::http
