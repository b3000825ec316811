# scripts/lab-groups/fwmbox.sh — sourced by scripts/lab (contract: docs/lab.md).
# shellcheck shell=bash disable=SC2034 # sourced by scripts/lab; the rule tables are read there
#
# fwmbox: a middlebox. A router namespace (zs-lab-fwmbox-gw) sits between
# the root namespace and the hosts (zs-lab-fwmbox, 198.19.19.0/24) and
# forwards; its forward chain rejects SYNs to some ports with
# `reject with tcp reset`. The hosts' own replies cross the router and
# arrive with TTL 63; the router's forged resets leave it with TTL 64. The
# scanner sees the difference against each host's SYN-ACKs (port 80 is open
# on every host) and reports reset-by-filter. ACKs are not touched, so they
# reach the host and draw its own RST (TTL 63).
#
#   root zs-lab-fmb0 198.19.16.9/30 -- 198.19.16.10 zs-lab-fmb1 [gw] zs-lab-fmb2 198.19.16.13/30
#        -- 198.19.16.14 zs-lab-fmb3 [hosts: local 198.19.19.0/24]
FWMBOX_RULES=(
  # FIRST         LAST            PORTS     ACTION      LABEL
  "198.19.19.0    198.19.19.127   22,8080   syn-reset   mbox-reset"
  "198.19.19.128  198.19.19.255   443       syn-reset   mbox-reset"
  "198.19.19.0    198.19.19.255   22,80,443 open        host-open"
  "198.19.19.128  198.19.19.255   8080      closed      host-closed"
  "198.19.19.0    198.19.19.255   1-21,23-79,81-442,444-65535 closed host-closed"
)

# The IPv6 twin through the same router and veths: root 2001:2:0:f019::1 --
# ::2 [gw, forwarding] 2001:2:0:f119::1 -- ::2 [hosts: local
# 2001:2:0:1919::/120]. The router's resets leave it with hop limit 64, the
# hosts' replies arrive with 63.
FWMBOX6_RULES=(
  # FIRST             LAST               PORTS     ACTION      LABEL
  "2001:2:0:1919::0   2001:2:0:1919::7f  22,8080   syn-reset   mbox-reset"
  "2001:2:0:1919::80  2001:2:0:1919::ff  443       syn-reset   mbox-reset"
  "2001:2:0:1919::0   2001:2:0:1919::ff  22,80,443 open        host-open"
  "2001:2:0:1919::80  2001:2:0:1919::ff  8080      closed      host-closed"
  "2001:2:0:1919::0   2001:2:0:1919::ff  1-21,23-79,81-442,444-65535 closed host-closed"
)

group_fwmbox_up() {
  local gw=${LAB_PREFIX}fwmbox-gw ns=${LAB_PREFIX}fwmbox endpoints
  make_namespace "$gw"
  make_namespace "$ns"
  make_veth ${LAB_PREFIX}fmb0 ${LAB_PREFIX}fmb1 "$gw"
  ip link add ${LAB_PREFIX}fmb2 netns "$gw" type veth peer name ${LAB_PREFIX}fmb3 netns "$ns"
  in_ns "$gw" sysctl -qw net.ipv6.conf.${LAB_PREFIX}fmb2.disable_ipv6=1 2>/dev/null || true
  in_ns "$ns" sysctl -qw net.ipv6.conf.${LAB_PREFIX}fmb3.disable_ipv6=1 2>/dev/null || true
  in_ns "$gw" ip link set ${LAB_PREFIX}fmb2 up
  in_ns "$ns" ip link set ${LAB_PREFIX}fmb3 up
  ip addr add 198.19.16.9/30 dev ${LAB_PREFIX}fmb0
  in_ns "$gw" ip addr add 198.19.16.10/30 dev ${LAB_PREFIX}fmb1
  in_ns "$gw" ip addr add 198.19.16.13/30 dev ${LAB_PREFIX}fmb2
  in_ns "$ns" ip addr add 198.19.16.14/30 dev ${LAB_PREFIX}fmb3
  ns_sysctl "$gw" net.ipv4.ip_forward=1
  in_ns "$gw" ip route add 198.19.19.0/24 via 198.19.16.14
  in_ns "$gw" ip route add default via 198.19.16.9
  in_ns "$ns" ip route add local 198.19.19.0/24 dev lo
  in_ns "$ns" ip route add default via 198.19.16.13
  ip route add 198.19.19.0/24 via 198.19.16.10 dev ${LAB_PREFIX}fmb0
  LAB_FILTER_TTL=64 compile_rules fwmbox 22,80,443 FWMBOX_RULES forward
  in_ns "$gw" nft -f "$LAB_STATE/fwmbox.nft"
  ipv6_on - ${LAB_PREFIX}fmb0
  ipv6_on "$gw" ${LAB_PREFIX}fmb1
  ipv6_on "$gw" ${LAB_PREFIX}fmb2
  ipv6_on "$ns" ${LAB_PREFIX}fmb3
  ip -6 addr add 2001:2:0:f019::1/64 dev ${LAB_PREFIX}fmb0 nodad
  in_ns "$gw" ip -6 addr add 2001:2:0:f019::2/64 dev ${LAB_PREFIX}fmb1 nodad
  in_ns "$gw" ip -6 addr add 2001:2:0:f119::1/64 dev ${LAB_PREFIX}fmb2 nodad
  in_ns "$ns" ip -6 addr add 2001:2:0:f119::2/64 dev ${LAB_PREFIX}fmb3 nodad
  ns_sysctl "$gw" net.ipv6.conf.all.forwarding=1
  in_ns "$gw" ip -6 route add 2001:2:0:1919::/120 via 2001:2:0:f119::2 dev ${LAB_PREFIX}fmb2
  in_ns "$gw" ip -6 route add default via 2001:2:0:f019::1 dev ${LAB_PREFIX}fmb1
  in_ns "$ns" ip -6 route add local 2001:2:0:1919::/120 dev lo
  in_ns "$ns" ip -6 route add default via 2001:2:0:f119::1 dev ${LAB_PREFIX}fmb3
  ip -6 route add 2001:2:0:1919::/120 via 2001:2:0:f019::2 dev ${LAB_PREFIX}fmb0
  LAB_FILTER_TTL=64 compile_rules fwmbox 22,80,443 FWMBOX6_RULES forward
  in_ns "$gw" nft -f "$LAB_STATE/fwmbox.nft6"
  mapfile -t endpoints < <(cat "$LAB_STATE/fwmbox.listen" "$LAB_STATE/fwmbox.listen6")
  start_listener "$ns" fwmbox "${endpoints[@]}"
  group_line fwmbox 198.19.19.0 198.19.19.255 22,80,443,8080 \
    "netns=$gw;iface=${LAB_PREFIX}fmb0;peer=${LAB_PREFIX}fmb1;src=198.19.16.9;gateway=198.19.16.10;ttl=63;role=firewall;hosts_netns=$ns"
  group6_line fwmbox 2001:2:0:1919::0 2001:2:0:1919::ff 22,80,443,8080 \
    "netns=$gw;iface=${LAB_PREFIX}fmb0;peer=${LAB_PREFIX}fmb1;src=2001:2:0:f019::1;gateway=2001:2:0:f019::2;ttl=63;role=firewall;hosts_netns=$ns"
}
