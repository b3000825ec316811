// AttemptWindow: the attempt number's place in the source port or sequence.
#include "zeroscan/cookie/attempt_window.h"

#include <string>

#include "zeroscan/core/errors.h"

namespace zeroscan {

AttemptWindow::AttemptWindow(SourcePortRange ports, std::uint8_t max_attempts)
    : ports_(ports), max_attempts_(max_attempts), attempt_in_sequence_(ports.count < max_attempts) {
  const std::string range = std::to_string(ports.first) + "+" + std::to_string(ports.count);
  if (ports.count == 0) throw UsageError("source port range " + range + " is empty");
  if (ports.first == 0) throw UsageError("source port range " + range + " includes port 0");
  if (std::uint32_t(ports.first) + ports.count - 1 > 65535)
    throw UsageError("source port range " + range + " runs past port 65535");
  if (max_attempts == 0) throw UsageError("max attempts must be at least 1");
}

std::uint16_t AttemptWindow::source_port(std::uint64_t port_hash, std::uint8_t attempt) const {
  const std::uint32_t step = attempt_in_sequence_ ? 0 : attempt;
  return std::uint16_t(ports_.first + (port_hash % ports_.count + step) % ports_.count);
}

std::uint32_t AttemptWindow::sequence_step(std::uint8_t attempt) const {
  return attempt_in_sequence_ ? attempt : 0;
}

std::optional<std::uint8_t> AttemptWindow::attempt_from_port(std::uint64_t port_hash,
                                                             std::uint16_t src_port) const {
  if (src_port < ports_.first) return std::nullopt;
  const std::uint32_t offset = std::uint32_t(src_port) - ports_.first;
  if (offset >= ports_.count) return std::nullopt;
  const auto base = std::uint32_t(port_hash % ports_.count);
  const std::uint32_t attempt = (offset + ports_.count - base) % ports_.count;
  if (attempt >= max_attempts_ || (attempt_in_sequence_ && attempt != 0)) return std::nullopt;
  return std::uint8_t(attempt);
}

std::optional<std::uint8_t> AttemptWindow::confirm(std::optional<std::uint8_t> port_attempt,
                                                   std::uint32_t echoed, std::uint32_t expected) const {
  if (!port_attempt) return std::nullopt;
  const std::uint32_t offset = echoed - expected;  // wraps: only small offsets pass
  if (!attempt_in_sequence_) return offset == 0 ? port_attempt : std::nullopt;
  if (offset >= max_attempts_) return std::nullopt;
  return std::uint8_t(offset);
}

std::optional<std::uint8_t> AttemptWindow::echo_attempt(std::uint32_t echo_hash,
                                                        std::uint32_t echoed) const {
  const std::uint32_t attempt = echoed - echo_hash;  // wraps: only small offsets pass
  if (attempt >= max_attempts_) return std::nullopt;
  return std::uint8_t(attempt);
}

}  // namespace zeroscan
