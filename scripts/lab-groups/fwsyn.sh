# scripts/lab-groups/fwsyn.sh — sourced by scripts/lab (contract: docs/lab.md).
# shellcheck shell=bash disable=SC2034 # sourced by scripts/lab; the rule tables are read there
#
# fwsyn: a stateless filter that stops only connection attempts
# (`tcp flags & (syn|ack) == syn drop`, or the same with an ICMP reject) and
# lets every other TCP packet through, so an ACK probe reaches the host and
# draws its RST: stateless-filter. 198.19.18.0/24 behind the /30 198.19.16.4.
# Port 22 is open everywhere, so each host also shows a plain `open`.
FWSYN_RULES=(
  # FIRST         LAST            PORTS         ACTION                       LABEL
  "198.19.18.0    198.19.18.255   22            open                         ssh"
  "198.19.18.128  198.19.18.255   80            syn-icmp-admin-prohibited    syn-reject"
  "198.19.18.0    198.19.18.255   *             syn-drop                     syn-drop"
)

# The IPv6 twin on the same veth: 2001:2:0:1918::/120 behind the link
# 2001:2:0:f018::/64, the same rules over ::0-::ff (lower half ::0-::7f);
# the SYN-only reject is ICMPv6 1/1.
FWSYN6_RULES=(
  # FIRST             LAST               PORTS     ACTION                       LABEL
  "2001:2:0:1918::0   2001:2:0:1918::ff  22        open                         ssh"
  "2001:2:0:1918::80  2001:2:0:1918::ff  80        syn-icmp-admin-prohibited    syn-reject"
  "2001:2:0:1918::0   2001:2:0:1918::ff  *         syn-drop                     syn-drop"
)

group_fwsyn_up() {
  firewall_group_up fwsyn fsy 198.19.16.4 198.19.18 2001:2:0:f018:: 2001:2:0:1918 22,80
}
