// The demo county behind an API test of the public portal (portal_api_test, portal_privacy_test):
// the fixture's regions with the county's two other streets, then `huanxin demo`'s data.
#pragma once

#include "api/api_fixture.hpp"
#include "app/demo.hpp"
#include "common/clock.hpp"
#include "store/region/region_repository.hpp"

namespace huanxin::testing {

class PortalDemoTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (!app_) return;
    // The fixture seeds 洪都 and 京山; the demo register also fills 三家店 and 岱山.
    auto r = db().Write([&](store::Session& s) -> Result<void> {
      for (const store::RegionRecord& reg : {store::RegionRecord{"360104007", "三家店街道", "street", "360104", false},
                                             store::RegionRecord{"360104007001", "三家店社区居委会", "community", "360104007", false},
                                             store::RegionRecord{"360104008", "岱山街道", "street", "360104", false},
                                             store::RegionRecord{"360104008001", "岱山社区居委会", "community", "360104008", false}}) {
        auto n = store::RegionRepository::Upsert(s, reg, "test", FormatIsoUtc(SystemClock().Now()));
        if (!n) return std::move(n).error();
      }
      return Ok();
    });
    ASSERT_TRUE(r) << r.error().detail.en;
    auto demo = app::LoadDemo(*app_, "Demo#2026pass", 2026);
    ASSERT_TRUE(demo) << demo.error().message.en << ": " << demo.error().detail.en;
  }
};

}  // namespace huanxin::testing
