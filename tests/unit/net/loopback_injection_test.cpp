// loopback_injection_problem: which loopback plans the kernel would drop.
#include <gtest/gtest.h>

#include "zeroscan/net/loopback_injection.h"

namespace zeroscan {
namespace {

NextHopPlan loopback_plan(Ipv4 source, Ipv4 first, Ipv4 last) {
  NextHopPlan plan;
  plan.interface.name = "lo";
  plan.interface.is_loopback = true;
  plan.source = source;
  plan.segments.push_back(NextHopSegment{first, last, NextHopKind::Loopback, Ipv4(), MacAddress()});
  return plan;
}

const Ipv4 kLocalhost = Ipv4::from_octets(127, 0, 0, 1);
const Ipv4 kOwn = Ipv4::from_octets(198, 19, 250, 1);

TEST(LoopbackInjectionTest, NonLoopbackPlansNeverHaveTheProblem) {
  NextHopPlan plan = loopback_plan(kOwn, kOwn, kOwn);
  plan.interface.is_loopback = false;
  EXPECT_EQ(loopback_injection_problem(plan, {}), "");
}

TEST(LoopbackInjectionTest, LocalSourceNeedsAcceptLocal) {
  NextHopPlan plan = loopback_plan(kOwn, kOwn, kOwn);
  std::string problem = loopback_injection_problem(plan, {false, true});
  EXPECT_NE(problem.find("net.ipv4.conf.lo.accept_local=1"), std::string::npos) << problem;
  EXPECT_EQ(problem.find("route_localnet"), std::string::npos) << problem;
  EXPECT_EQ(loopback_injection_problem(plan, {true, false}), "");
}

TEST(LoopbackInjectionTest, Anything127NeedsRouteLocalnetToo) {
  NextHopPlan plan = loopback_plan(kLocalhost, kLocalhost, kLocalhost);
  EXPECT_NE(loopback_injection_problem(plan, {true, false}).find("route_localnet=1"), std::string::npos);
  EXPECT_EQ(loopback_injection_problem(plan, {true, true}), "");

  // A 127/8 target with a non-127 source, and a segment that merely spans 127/8.
  EXPECT_NE(loopback_injection_problem(loopback_plan(kOwn, kLocalhost, kLocalhost), {true, false}), "");
  EXPECT_NE(loopback_injection_problem(loopback_plan(kOwn, Ipv4::from_octets(126, 0, 0, 0), Ipv4::from_octets(128, 0, 0, 0)),
                                       {true, false}),
            "");
  EXPECT_EQ(loopback_injection_problem(loopback_plan(kOwn, Ipv4::from_octets(128, 0, 0, 0), Ipv4::from_octets(128, 0, 0, 9)),
                                       {true, false}),
            "");
}

}  // namespace
}  // namespace zeroscan
