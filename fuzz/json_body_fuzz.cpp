// Fuzzes JSON request bodies of the register and consultation contexts: the object parser, then
// every input codec on the same object, and ReadHundredths on each member (areas and money come in
// through it). The consultation codecs reach the rule parser (fractions, matters), ballot choices and
// lift-share coefficients.
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/json/json_input.hpp"
#include "http/json/consultation_json.hpp"
#include "http/json/register_json.hpp"

using namespace huanxin;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string body(reinterpret_cast<const char*>(data), size);
  auto o = http::ParseJsonObject(body);
  if (!o) return 0;
  (void)http::ParseEstateInput(*o);
  (void)http::ParseBuildingInput(*o);
  (void)http::ParseDwellingInput(*o);
  (void)http::ParseOwnerInput(*o);
  (void)http::ParseHouseholdInput(*o);
  (void)http::ParseConsultationInput(*o);
  (void)http::ParseBallotInput(*o, false);
  (void)http::ParseBallotInput(*o, true);
  (void)http::ParseLiftShareRequest(*o);
  for (const auto& kv : *o) {
    std::string key(kv.key());
    (void)http::ReadHundredths(*o, key.c_str());
  }
  return 0;
}
