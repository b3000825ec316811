// Entry and Database: the OS fingerprint database in memory. One Entry per
// network stack: who it is, and for each feature the values the stack was
// seen to produce, weighted by how often. An empty distribution means "no
// expectation", not "never". The text form is in fingerprints/README.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zeroscan/fingerprint/family.h"
#include "zeroscan/fingerprint/features.h"

namespace zeroscan::fingerprint {

template <class T>
struct Weighted {
  T value{};
  double weight = 1;
};

template <class T>
using Distribution = std::vector<Weighted<T>>;

// A window either as bytes or as "mss*K", a multiple of the MSS in use.
struct WindowValue {
  std::uint16_t bytes = 0;
  std::uint16_t mss_multiple = 0;  // non-zero: the "mss*K" form, bytes unused

  friend bool operator==(WindowValue a, WindowValue b) {
    return a.bytes == b.bytes && a.mss_multiple == b.mss_multiple;
  }
  friend bool operator<(WindowValue a, WindowValue b) {
    return a.mss_multiple != b.mss_multiple ? a.mss_multiple < b.mss_multiple : a.bytes < b.bytes;
  }
};

struct SynAckExpectation {
  Distribution<std::uint8_t> initial_ttl;
  Distribution<bool> df;
  Distribution<bool> ip_id_zero;
  Distribution<WindowValue> window;
  Distribution<std::string> options;
  Distribution<std::uint16_t> mss;
  Distribution<std::uint8_t> wscale;
  Distribution<bool> timestamp_echo;
  Distribution<bool> tsval_zero;
};

struct RstExpectation {
  Distribution<bool> ack_flag;
  Distribution<std::uint16_t> window;
  Distribution<bool> ack_nonzero;
  Distribution<bool> df;
  Distribution<std::uint8_t> initial_ttl;
  Distribution<bool> ip_id_zero;
};

struct Port0Expectation {
  Distribution<Port0Answer> syn;
  Distribution<Port0Answer> ack;
};

// One gap between successive SYN-ACK copies (the first from the original
// SYN-ACK): the stack's retransmission timeout, with its measured spread.
struct GapExpectation {
  double mean_s = 0;
  double spread_s = 0;
};

struct RetransmissionExpectation {
  // nullopt: never timed. Empty: timed, and the stack did not retransmit.
  std::optional<std::vector<GapExpectation>> gaps;
  Distribution<GiveUp> give_up;
  Distribution<std::uint16_t> give_up_window;
  Distribution<bool> give_up_seq_advanced;
};

struct Entry {
  std::string id;     // unique, [A-Za-z0-9._-]+
  std::string label;  // what a user reads: "Windows 7 / 2008 R2"
  Family family = Family::Unknown;
  DeviceClass device = DeviceClass::Unknown;
  int samples = 0;  // observations behind the entry (0: written by hand)

  SynAckExpectation syn_ack;
  RstExpectation syn_rst;
  RstExpectation ack_rst;
  Port0Expectation port0;
  RetransmissionExpectation retransmissions;
  Distribution<IpIdClass> ip_id_class;

  std::string origin;  // "file:line" it was read from, for messages
};

struct Database {
  std::vector<Entry> entries;
};

}  // namespace zeroscan::fingerprint
