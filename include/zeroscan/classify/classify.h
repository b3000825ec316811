// Port-state classification: what one verified reply says about the
// (address, port) its probe went to. Pure: the reply and the probe kind in,
// a state and a reason out. nullopt for replies that prove nothing about the
// port (ICMP time exceeded, source quench, ...): they are counted, not used.
#pragma once

#include <optional>

#include "zeroscan/core/port_state.h"
#include "zeroscan/core/probe_kind.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan {

struct Classification {
  PortState state = PortState::Unknown;
  StateReason reason = StateReason::None;
};

std::optional<Classification> classify_reply(const Reply& reply, ProbeKind kind);

// What silence means once retries and the cooldown are over.
constexpr Classification classify_silence(ProbeKind) {
  return {PortState::Filtered, StateReason::NoResponse};
}

}  // namespace zeroscan
