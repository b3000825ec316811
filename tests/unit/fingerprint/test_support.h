// Helpers shared by the fingerprint tests: hand-made replies and the paths
// of the repository's and the shared Hershel+ data.
#pragma once

#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "zeroscan/parse/reply.h"

namespace zeroscan::fingerprint::testing {

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string source_path(const std::string& relative) {
  return std::string(ZEROSCAN_SOURCE_DIR) + "/" + relative;
}

// The Hershel+ data lives beside the repository (../shared/datasets).
inline std::string hershel_path(const std::string& file) {
  return source_path("../shared/datasets/hershelplus/" + file);
}

inline void set_layout(TcpOptions& options, const char* layout) {
  options.layout = {};
  std::strncpy(options.layout.data(), layout, options.layout.size() - 1);
}

inline Reply tcp_reply(std::uint8_t flags, std::uint8_t ttl = 64, std::uint16_t window = 0) {
  Reply reply;
  reply.kind = ReplyKind::Tcp;
  reply.ip.ttl = ttl;
  reply.ip.df = true;
  reply.ip.id = 0;
  reply.tcp.flags = flags;
  reply.tcp.window = window;
  return reply;
}

// A Linux-like SYN-ACK: MSS 1460, SACK, timestamp, NOP, window scale 7.
inline Reply linux_syn_ack(std::uint8_t ttl = 64, std::int64_t at_ns = 0) {
  Reply reply = tcp_reply(tcp_flag::Syn | tcp_flag::Ack, ttl, 65160);
  reply.tcp.seq = 1000;
  reply.tcp.ack = 2001;
  TcpOptions& options = reply.tcp.options;
  set_layout(options, "MSTNW");
  options.has_mss = true;
  options.mss = 1460;
  options.sack_permitted = true;
  options.has_timestamp = true;
  options.ts_val = 777;
  options.ts_ecr = 0x01020304;
  options.has_wscale = true;
  options.wscale = 7;
  reply.timestamp_ns = at_ns;
  return reply;
}

inline Reply icmp_unreachable() {
  Reply reply;
  reply.kind = ReplyKind::IcmpError;
  reply.icmp.type = 3;
  reply.icmp.code = 3;
  return reply;
}

}  // namespace zeroscan::fingerprint::testing
