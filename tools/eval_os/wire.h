// The evaluation's path from a recorded observation to the matcher, through
// the scanner's own code: each reply the observation describes is rebuilt as
// a Reply whose TCP options are bytes read by the live parser
// (parse_tcp_options), and HostEvidence derives the Features, as in a scan.
// Path noise is applied on the way, drawn independently of the matcher's
// noise model:
//  - MSS clamped by a middlebox to 1360..1452, the window rescaled with it
//    when it was a whole number of segments;
//  - one option (not NOP/EOL) overwritten with NOPs, byte for byte;
//  - the path longer than 32 hops (33..45), so the TTL rounds to the wrong
//    initial value; otherwise 1..20 hops;
//  - replies lost: each RST, port-0 answer and SYN-ACK retransmission.
#pragma once

#include <cstdint>

#include "random.h"
#include "zeroscan/fingerprint/features.h"

namespace zeroscan::eval_os {

struct PathNoise {
  double rate = 0;  // per observation and kind
  // Which kinds may happen (--noise-kinds): the coins are drawn for every
  // kind all the same, so leaving one out changes nothing else.
  bool clamp_mss = true;
  bool nop_option = true;
  bool far_path = true;
  bool lose_replies = true;
};

struct NoiseTally {
  long mss_clamped = 0;
  long option_nopped = 0;
  long far_path = 0;
  long replies_lost = 0;
};

// Timed: the observation's retransmissions are kept (as with --os-rto).
fingerprint::Features through_live_path(const fingerprint::Features& observation, bool timed,
                                        const PathNoise& noise, Random& random,
                                        NoiseTally& tally);

}  // namespace zeroscan::eval_os
