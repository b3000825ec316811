// How well observed SYN-ACK retransmission gaps fit a stack's timeouts.
// Alignment by dynamic programming, because the network hides copies: a
// lost retransmission merges two gaps into one, a short listen cuts the
// tail, a duplicated packet adds a gap. Scored against an unlisted stack
// whose gaps could be of any timescale, from 100 ms to hours (log-uniform):
// some printers wait tens of minutes between retransmissions.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "matcher_model.h"

namespace zeroscan::fingerprint {
namespace {

constexpr double kShortestGap = 0.1;  // s
constexpr double kLogTimescales = 11.512925464970229;  // ln(1e5): 0.1 s .. 10^4 s

// Density of a gap for an unlisted stack: log-uniform over the timescales.
double unlisted_gap_density(double gap) {
  return 1.0 / (std::max(gap, kShortestGap) * kLogTimescales);
}
constexpr double kFarTail = 12;                      // standard deviations
constexpr double kMinusInfinity = -std::numeric_limits<double>::infinity();
constexpr double kInvSqrt2Pi = 0.3989422804014327;

// A span of d gaps: the first copy after a kept one lost with p, each
// further one with q (bursts), then one kept.
std::array<double, GapModel::kMaxSpan> span_log_probabilities(double p, double q) {
  std::array<double, GapModel::kMaxSpan> spans{};
  spans[0] = std::log1p(-p);
  for (int d = 2; d <= GapModel::kMaxSpan; ++d) {
    spans[d - 1] = std::log(p) + double(d - 2) * std::log(q) + std::log1p(-q);
  }
  return spans;
}

}  // namespace

GapModel compile_gaps(const std::vector<GapExpectation>& gaps, const MatcherOptions& options) {
  const std::size_t m = gaps.size();
  GapModel model;
  model.mean_sum.assign(m + 1, 0);
  std::vector<double> variance_sum(m + 1, 0);
  for (std::size_t i = 0; i < m; ++i) {
    model.mean_sum[i + 1] = model.mean_sum[i] + gaps[i].mean_s;
    variance_sum[i + 1] = variance_sum[i] + gaps[i].spread_s * gaps[i].spread_s;
  }
  model.sigma.resize(m + 1);
  for (std::size_t i = 0; i <= m; ++i) {
    for (int d = 1; d <= GapModel::kMaxSpan; ++d) {
      const std::size_t k = std::min(m, i + std::size_t(d));
      const double mean = model.mean_sum[k] - model.mean_sum[i];
      const double jitter = options.timer_jitter_s + options.timer_jitter_fraction * mean;
      model.sigma[i][d - 1] = std::sqrt(variance_sum[k] - variance_sum[i] + jitter * jitter);
    }
  }
  return model;
}

RetransmissionScoring::RetransmissionScoring(const MatcherOptions& options)
    : outlier(options.retransmission_spurious),
      log_outlier(std::log(options.retransmission_spurious)),
      log_span(span_log_probabilities(options.retransmission_lost, options.retransmission_lost_again)),
      log_spurious(std::log(options.retransmission_spurious)),
      log_truncated(std::log(options.retransmissions_truncated)),
      log_complete(std::log1p(-options.retransmissions_truncated)) {}

double retransmission_log_ratio(const std::vector<double>& observed_gaps, const GapModel& expected,
                                const RetransmissionScoring& scoring,
                                std::vector<double>& scratch) {
  const std::size_t m = expected.size();
  // best[i]: best log ratio with the observed gaps so far ending on copy i.
  scratch.assign(2 * (m + 1), kMinusInfinity);
  double* best = scratch.data();
  double* next = scratch.data() + m + 1;
  best[0] = 0;
  for (double gap : observed_gaps) {
    const double unlisted_density = unlisted_gap_density(gap);
    std::fill(next, next + m + 1, kMinusInfinity);
    for (std::size_t i = 0; i <= m; ++i) {
      if (best[i] == kMinusInfinity) continue;
      // A copy we did not expect (duplicate, stray): the alignment stays put.
      next[i] = std::max(next[i], best[i] + scoring.log_spurious);
      for (int d = 1; d <= GapModel::kMaxSpan && i + d <= m; ++d) {
        const std::size_t k = i + d;
        const double sigma = expected.sigma[i][d - 1];
        const double z = (gap - (expected.mean_sum[k] - expected.mean_sum[i])) / sigma;
        // Far in the tail the normal term is nil beside the outlier term:
        // skip exp and log, the common case for entries that do not fit.
        const double fit =
            std::abs(z) > kFarTail
                ? scoring.log_outlier
                : std::log((1 - scoring.outlier) * kInvSqrt2Pi / sigma *
                               std::exp(-0.5 * z * z) / unlisted_density +
                           scoring.outlier);
        const double score = best[i] + scoring.log_span[d - 1] + fit;
        next[k] = std::max(next[k], score);
      }
    }
    std::swap(best, next);
  }
  double result = kMinusInfinity;
  for (std::size_t i = 0; i <= m; ++i) {
    if (best[i] == kMinusInfinity) continue;
    result = std::max(result, best[i] + (i < m ? scoring.log_truncated : scoring.log_complete));
  }
  return result;
}

}  // namespace zeroscan::fingerprint
