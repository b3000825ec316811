// AnnotationCache: the port knowledge base's answer per port, asked once
// per distinct port and kept, so writers annotate every record without a
// std::function call and two strings per record.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "zeroscan/output/result_sink.h"

namespace zeroscan {

class AnnotationCache {
 public:
  explicit AnnotationCache(PortAnnotator annotate) : annotate_(std::move(annotate)) {}

  // nullptr when the writer has no annotator. Stable until the cache dies.
  const PortAnnotation* get(std::uint16_t port) {
    if (!annotate_) return nullptr;
    if (slot_.empty()) slot_.assign(65536, -1);
    std::int32_t& slot = slot_[port];
    if (slot < 0) {
      slot = std::int32_t(seen_.size());
      seen_.push_back(annotate_(port));
    }
    return &seen_[std::size_t(slot)];
  }

 private:
  PortAnnotator annotate_;
  std::vector<std::int32_t> slot_;  // port -> index into seen_, -1 = not asked yet
  std::deque<PortAnnotation> seen_; // deque: references stay valid as it grows
};

}  // namespace zeroscan
