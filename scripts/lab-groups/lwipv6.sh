# scripts/lab-groups/lwipv6.sh — sourced by scripts/lab (contract: docs/lab.md).
#
# lwipv6: an on-link host whose TCP/IP stack is LWIPv6 1.5a (Debian's
# liblwipv6, VirtualSquare's rewrite of lwIP 1.1 with a dual IPv4/IPv6
# core), not Linux, for OS fingerprinting. build/zeroscan_lab_lwipv6_host
# runs LWIPv6 on a TAP device bridged to a veth, as in the lwip group.
# fingerprints/lab.txt's LWIPv6 entry was learned on this host; the group
# lwipv6b (scripts/lab-groups/lwipv6b.sh) is a second one, held out: the
# lab's OS test names its family from the entry learned here. Every LWIPv6
# host has the same MAC (02:02:03:04:05:06, its tap driver's own; it cannot
# be set), so the two cannot share a segment: each group has its own.
#
#   root: zs-lab-lw6a0 198.19.65.1/24 ── veth ── zs-lab-lwipv6: bridge + TAP, LWIPv6 198.19.65.10
#
# Needs liblwipv6-dev at build time and the binary built
# (cmake --build build --target zeroscan_lab_lwipv6_host); the check hook
# skips the group otherwise. ZEROSCAN_LAB_LWIPV6_HOST points at another build.
LWIPV6_OPEN=22,80             # listening: accept, then close (FIN)
LWIPV6_PORTS=0,22,80,443,8080 # the sweep ports; 0 because its answer is policy
LWIPV6_MAC=02:02:03:04:05:06  # LWIPv6's tap driver's fixed MAC
# What a scan of the host must show (fingerprints/README.md keys), measured
# on the lwipv6 host (docs/lab.md "Foreign stacks"; fingerprints/lab.txt).
# Note the constant initial sequence number: LWIPv6 1.5a starts every
# connection at the same ISN (6510).
LWIPV6_FEATURES="ttl=255 df=yes ipid.class=incremental window=32768 options=M mss=1460"
LWIPV6_FEATURES+=" synrst.flags=rst-ack synrst.window=32768 synrst.ack=nonzero synrst.df=yes synrst.ttl=255"
LWIPV6_FEATURES+=" ackrst.flags=rst-ack ackrst.window=32768 ackrst.ack=nonzero ackrst.df=yes ackrst.ttl=255"
LWIPV6_FEATURES+=" port0.syn=rst-ack port0.ack=rst-ack rto=2.92~0.12,6.01~0.01 giveup=none"

lwipv6_host_binary() { echo "${ZEROSCAN_LAB_LWIPV6_HOST:-$LAB_REPO/build/zeroscan_lab_lwipv6_host}"; }

group_lwipv6_check() {
  check_tap_host "$(lwipv6_host_binary)" zeroscan_lab_lwipv6_host liblwipv6-dev liblwipv6-2
}

# lwipv6_host_up GROUP SUFFIX NET ADDR HELDOUT — GROUP's segment (root end
# NET.1/24 on zs-lab-lw6<SUFFIX>0) and its LWIPv6 host at ADDR, with the
# truth's host, port and stack lines (HELDOUT 1: the stack line says
# heldout=1, lab.txt's entry was not learned on this host).
lwipv6_host_up() {
  local group=$1 net=$3 addr=$4 heldout=$5 ns=${LAB_PREFIX}$1 root_if=${LAB_PREFIX}lw6${2}0
  local ns_if=${LAB_PREFIX}lw6${2}1 br=${LAB_PREFIX}lw6${2}br tap=${LAB_PREFIX}lw6${2}tap
  local bin ready pid held=""
  bin=$(lwipv6_host_binary)
  require_lab_address "$addr"
  foreign_segment "$ns" "$root_if" "$ns_if" "$net.1/24"
  # A plain bridge with no address and NOARP (as in lwip.sh): Linux in the
  # namespace neither answers nor asks.
  in_ns "$ns" ip link add "$br" type bridge stp_state 0 forward_delay 0 mcast_snooping 0
  in_ns "$ns" ip link set "$br" arp off
  in_ns "$ns" ip tuntap add dev "$tap" mode tap
  in_ns "$ns" ip link set "$ns_if" master "$br"
  in_ns "$ns" ip link set "$tap" master "$br"
  in_ns "$ns" ip link set "$tap" up
  in_ns "$ns" ip link set "$br" up

  ready=$LAB_STATE/$group.host.ready
  rm -f "$ready"
  lab_spawn ip netns exec "$ns" "$bin" --tap "$tap" --addr "$addr/24" --ports "$LWIPV6_OPEN" \
    --ready-file "$ready" >>"$LAB_STATE/$group.host.log" 2>&1
  # The host writes its PID once every port listens.
  wait_for_file "$ready" 5 || die "$group: $bin did not start within 5 s: $(tail -3 "$LAB_STATE/$group.host.log")"
  read -r pid <"$ready"
  register_pid "$group.host" "$pid"
  note "$group: LWIPv6 host pid $pid in $ns, $addr, listening on $LWIPV6_OPEN"

  group_line "$group" "$net.0" "$net.255" "$LWIPV6_PORTS" \
    "netns=$ns;iface=$root_if;peer=$ns_if;src=$net.1;gateway=onlink;ttl=255;tap=$tap;stack=lwipv6"
  host_line "$group" "$addr" "onlink=1;mac=$LWIPV6_MAC"
  # LWIPv6 answers an ACK at a listening port with a RST whose sequence
  # number is not the ACK's acknowledgment number (RFC 793 says it must be),
  # so zeroscan's cookie check rejects it (counted as invalid) and reports no
  # answer; nmap -sA takes it. The truth says what the host does.
  truth_line "$group" port "$addr" "$addr" "$LWIPV6_OPEN" ack unfiltered reset - "rule=lwipv6-ack-listen;via=lwipv6;rst_seq=wrong"
  foreign_port_truth "$group" "$addr" "$LWIPV6_OPEN" lwipv6 # the rest: every answer is LWIPv6's
  # The stack line, laid out as lwip.sh's.
  ((heldout)) && held=";heldout=1"
  truth_line "$group" stack "$addr" "$addr" "$LWIPV6_PORTS" - embedded "LWIPv6 1.5a" - \
    "id=lab-lwipv6-1.5a;class=general-purpose;open=$LWIPV6_OPEN;closed=0,443,8080$held;features=$LWIPV6_FEATURES"
}

group_lwipv6_up() {
  lwipv6_host_up lwipv6 a 198.19.65 198.19.65.10 0
}
