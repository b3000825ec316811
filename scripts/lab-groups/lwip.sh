# scripts/lab-groups/lwip.sh — sourced by scripts/lab (contract: docs/lab.md).
#
# lwip: two on-link hosts whose TCP/IP stack is lwIP 2.1 (Debian's liblwip),
# not Linux, for OS fingerprinting. build/zeroscan_lab_lwip_host runs lwIP
# on a TAP device inside zs-lab-lwip; a bridge there joins the TAP to the
# veth, so every frame for 198.19.64.10 reaches lwIP and every answer (ARP,
# ICMP, SYN-ACK, RST) is lwIP's own. The namespace's Linux stack has no IPv4
# address and no IPv6, so it answers nothing. docs/lab-lwip.md has the
# topology and what lwIP's answers look like.
#
#   root: zs-lab-lwip0 198.19.64.1/24 ── veth ── zs-lab-lwip1 ┐
#   zs-lab-lwip:                          bridge zs-lab-lwipbr ┤ (no address, NOARP)
#                      zeroscan_lab_lwip_host ── TAP zs-lab-lwiptap ┤ 198.19.64.10
#                      zeroscan_lab_lwip_host ── TAP zs-lab-lwiptap2┘ 198.19.64.11 (held out)
#
# Needs liblwip-dev at build time and the binary built
# (cmake --build build --target zeroscan_lab_lwip_host); the check hook
# skips the group otherwise. ZEROSCAN_LAB_LWIP_HOST points at another build.
LWIP_ADDR=198.19.64.10
LWIP_SRC=198.19.64.1
LWIP_MAC=02:4c:57:49:50:0a # locally administered; "LWIP" in the middle
# A second lwIP host on the same bridge, held out from learning: lab.txt's
# lwIP entry was learned on $LWIP_ADDR only (its stack line says heldout=1).
LWIP_ADDR_B=198.19.64.11
LWIP_MAC_B=02:4c:57:49:50:0b
LWIP_OPEN=22,80            # listening: accept, then close (FIN)
LWIP_PORTS=0,22,80,443,8080 # the sweep ports; 0 because its answer is policy
# What a scan of the host must show, in fingerprints/README.md's feature
# keys, measured on this host (docs/lab-lwip.md). SYN-ACK fields are those
# to a SYN that offers window scaling (zeroscan's and nmap's SYNs do).
LWIP_FEATURES="ttl=255 df=no ipid=nonzero window=65535 options=MNW mss=1460 wscale=1"
LWIP_FEATURES+=" synrst.flags=rst-ack synrst.window=65407 synrst.ack=nonzero synrst.df=no synrst.ttl=255 synrst.ipid=nonzero"
LWIP_FEATURES+=" ackrst.flags=rst-ack ackrst.window=65407 ackrst.ack=nonzero ackrst.df=no ackrst.ttl=255 ackrst.ipid=nonzero"
LWIP_FEATURES+=" port0.syn=rst-ack port0.ack=rst-ack rto=2.78~0.15,6.00~0.01 giveup=none"

lwip_host_binary() { echo "${ZEROSCAN_LAB_LWIP_HOST:-$LAB_REPO/build/zeroscan_lab_lwip_host}"; }

group_lwip_check() {
  check_tap_host "$(lwip_host_binary)" zeroscan_lab_lwip_host liblwip-dev liblwip0
}

# lwip_host_up NS TAP ADDR MAC LABEL — a TAP on the bridge and an lwIP host
# on it, recorded as $LAB_STATE/pids/LABEL.
lwip_host_up() {
  local ns=$1 tap=$2 addr=$3 mac=$4 label=$5 br=${LAB_PREFIX}lwipbr bin ready pid
  bin=$(lwip_host_binary)
  require_lab_address "$addr"
  in_ns "$ns" ip tuntap add dev "$tap" mode tap
  in_ns "$ns" ip link set "$tap" master "$br"
  in_ns "$ns" ip link set "$tap" up
  ready=$LAB_STATE/$label.ready
  rm -f "$ready"
  lab_spawn ip netns exec "$ns" "$bin" --tap "$tap" --addr "$addr/24" --mac "$mac" \
    --ports "$LWIP_OPEN" --ready-file "$ready" >>"$LAB_STATE/$label.log" 2>&1
  # The host writes its PID once every port listens.
  wait_for_file "$ready" 5 || die "lwip: $bin did not start within 5 s: $(tail -3 "$LAB_STATE/$label.log")"
  read -r pid <"$ready"
  register_pid "$label" "$pid"
  note "lwip: lwIP host pid $pid in $ns, $addr ($mac), listening on $LWIP_OPEN"
}

group_lwip_up() {
  local ns=${LAB_PREFIX}lwip root_if=${LAB_PREFIX}lwip0 ns_if=${LAB_PREFIX}lwip1
  local br=${LAB_PREFIX}lwipbr a held
  require_lab_address "$LWIP_SRC"
  make_namespace "$ns"
  # Every interface made in the namespace from here on starts without IPv6:
  # the bridge and the TAPs must not send RS/MLD/DAD of Linux's own.
  ns_sysctl "$ns" net.ipv6.conf.all.disable_ipv6=1
  ns_sysctl "$ns" net.ipv6.conf.default.disable_ipv6=1
  make_veth "$root_if" "$ns_if" "$ns"
  ip addr add "$LWIP_SRC/24" dev "$root_if"
  # A plain learning bridge: no STP (no BPDUs, forwarding at once), no
  # multicast snooping (no queries), no address and NOARP, so Linux in the
  # namespace neither answers nor asks for anything on it.
  in_ns "$ns" ip link add "$br" type bridge stp_state 0 forward_delay 0 mcast_snooping 0
  in_ns "$ns" ip link set "$br" arp off
  in_ns "$ns" ip link set "$ns_if" master "$br"
  in_ns "$ns" ip link set "$br" up
  lwip_host_up "$ns" "${LAB_PREFIX}lwiptap" "$LWIP_ADDR" "$LWIP_MAC" lwip.host
  lwip_host_up "$ns" "${LAB_PREFIX}lwiptap2" "$LWIP_ADDR_B" "$LWIP_MAC_B" lwip.hostb

  group_line lwip 198.19.64.0 198.19.64.255 "$LWIP_PORTS" \
    "netns=$ns;iface=$root_if;peer=$ns_if;src=$LWIP_SRC;gateway=onlink;ttl=255;tap=${LAB_PREFIX}lwiptap;stack=lwip"
  host_line lwip "$LWIP_ADDR" "onlink=1;mac=$LWIP_MAC"
  host_line lwip "$LWIP_ADDR_B" "onlink=1;mac=$LWIP_MAC_B"
  # Hand-written: no nft here, every answer is lwIP's (via=lwip). Port 0 has
  # its own line only to name it; lwIP treats it like any closed port.
  foreign_port_truth lwip "$LWIP_ADDR" "$LWIP_OPEN" lwip
  foreign_port_truth lwip "$LWIP_ADDR_B" "$LWIP_OPEN" lwip
  # The stack behind each address, laid out like the stack-variant groups'
  # lines: ports = the ports described, state = family, reason = label (as in
  # fingerprints/*.txt), attrs = entry id, device class, open/closed ports
  # and the expected features (fingerprints/README.md keys, space-separated).
  # heldout=1: fingerprints/lab.txt's entry was not learned on that host.
  for a in "$LWIP_ADDR" "$LWIP_ADDR_B"; do
    held=""
    [[ $a == "$LWIP_ADDR_B" ]] && held=";heldout=1"
    truth_line lwip stack "$a" "$a" "$LWIP_PORTS" - embedded "lwIP 2.1" - \
      "id=lab-lwip-2.1;class=embedded;open=$LWIP_OPEN;closed=0,443,8080$held;features=$LWIP_FEATURES"
  done
}
