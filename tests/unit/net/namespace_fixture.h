// NamespaceTest: base fixture for the root-only net tests. Skips when not
// root; otherwise builds a VethPair (two namespaces, 198.19.250.1 <->
// 198.19.250.2) that is torn down after every test, whatever happened.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "support/test_namespace.h"
#include "zeroscan/core/ipv4.h"

namespace zeroscan {

class NamespaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!running_as_root()) GTEST_SKIP() << "needs root: creates network namespaces";
    lab_ = std::make_unique<VethPair>();
  }
  void TearDown() override { lab_.reset(); }

  static Ipv4 scanner_ip() { return *Ipv4::parse(VethPair::kScannerAddress); }
  static Ipv4 target_ip() { return *Ipv4::parse(VethPair::kTargetAddress); }

  std::unique_ptr<VethPair> lab_;
};

// Every wait in these tests has a deadline.
inline auto deadline_in(int milliseconds) {
  return std::chrono::steady_clock::now() + std::chrono::milliseconds(milliseconds);
}

}  // namespace zeroscan
