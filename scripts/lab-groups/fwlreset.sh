# scripts/lab-groups/fwlreset.sh — sourced by scripts/lab (contract: docs/lab.md).
# shellcheck shell=bash disable=SC2034 # sourced by scripts/lab; the rule tables are read there
#
# fwlreset: `reject with tcp reset` on the host itself, for comparison with
# fwmbox. The nft reset leaves the host's own stack with the host's TTL, DF
# and IP ID, exactly like its SYN-ACKs and its kernel RSTs, so nothing on
# the wire tells it from a closed port: the verdict is `closed` (22 and 443
# have a listener behind the reject; 8080 is the kernel's genuine RST).
# 198.19.20.0/24 behind the /30 198.19.16.16.
FWLRESET_RULES=(
  # FIRST         LAST            PORTS     ACTION      LABEL
  "198.19.20.0    198.19.20.255   80        open        web"
  "198.19.20.0    198.19.20.255   22,443    syn-reset   local-reset"
  "198.19.20.0    198.19.20.255   8080      closed      kernel-reset"
  "198.19.20.0    198.19.20.255   *         closed      other-ports"
)

# The IPv6 twin on the same veth: 2001:2:0:1920::/120 behind the link
# 2001:2:0:f020::/64, the same rules over ::0-::ff (lower half ::0-::7f).
FWLRESET6_RULES=(
  # FIRST             LAST               PORTS     ACTION      LABEL
  "2001:2:0:1920::0   2001:2:0:1920::ff  80        open        web"
  "2001:2:0:1920::0   2001:2:0:1920::ff  22,443    syn-reset   local-reset"
  "2001:2:0:1920::0   2001:2:0:1920::ff  8080      closed      kernel-reset"
  "2001:2:0:1920::0   2001:2:0:1920::ff  *         closed      other-ports"
)

group_fwlreset_up() {
  firewall_group_up fwlreset flr 198.19.16.16 198.19.20 2001:2:0:f020:: 2001:2:0:1920 22,80,443
}
