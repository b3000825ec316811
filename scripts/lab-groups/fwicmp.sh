# scripts/lab-groups/fwicmp.sh — sourced by scripts/lab (contract: docs/lab.md).
# shellcheck shell=bash disable=SC2034 # sourced by scripts/lab; the rule tables are read there
#
# fwicmp: `reject with icmp type admin-prohibited` (ICMP 3/13) for every TCP
# packet to the blocked ports, so SYN and ACK both draw the ICMP error:
# rejected. 22 is open everywhere, 443 in the lower half.
# 198.19.21.0/24 behind the /30 198.19.16.20.
FWICMP_RULES=(
  # FIRST         LAST            PORTS     ACTION                  LABEL
  "198.19.21.0    198.19.21.255   22        open                    ssh"
  "198.19.21.0    198.19.21.127   443       open                    web"
  "198.19.21.0    198.19.21.255   *         icmp-admin-prohibited   reject-admin"
)

# The IPv6 twin on the same veth: 2001:2:0:1921::/120 behind the link
# 2001:2:0:f021::/64, the same rules over ::0-::ff (lower half ::0-::7f);
# the reject is ICMPv6 1/1 (admin-prohibited).
FWICMP6_RULES=(
  # FIRST             LAST               PORTS     ACTION                  LABEL
  "2001:2:0:1921::0   2001:2:0:1921::ff  22        open                    ssh"
  "2001:2:0:1921::0   2001:2:0:1921::7f  443       open                    web"
  "2001:2:0:1921::0   2001:2:0:1921::ff  *         icmp-admin-prohibited   reject-admin"
)

group_fwicmp_up() {
  firewall_group_up fwicmp fic 198.19.16.20 198.19.21 2001:2:0:f021:: 2001:2:0:1921 22,443
}
