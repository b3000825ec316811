// The one folding rule of the host reports (text and XML), as nmap 7.93
// behaves: ports alike in a state other than open are listed one by one
// while there are at most 25 of them; from 26 on they become one line
// ("Not shown: 30 closed tcp ports (reset)", <extraports>). What counts as
// "alike" is the format's: the text report's rows by (state, reason) of the
// row's first probe, XML's ports whose every probe kind ended alike.
#pragma once

#include <cstddef>

#include "zeroscan/core/port_state.h"

namespace zeroscan {

constexpr std::size_t kListAtMost = 25;

constexpr bool folds(PortState state, std::size_t alike_ports) {
  return state != PortState::Open && alike_ports > kListAtMost;
}

}  // namespace zeroscan
