# scripts/lab-groups/fwdrop.sh — sourced by scripts/lab (contract: docs/lab.md).
# shellcheck shell=bash disable=SC2034 # sourced by scripts/lab; the rule tables are read there
#
# fwdrop: a plain stateless drop of every TCP packet to the blocked ports:
# SYN and ACK both silent, and no stateful evidence anywhere on the host:
# drop. The lower half keeps 22 open, the upper half is dark.
# 198.19.22.0/24 behind the /30 198.19.16.24.
FWDROP_RULES=(
  # FIRST         LAST            PORTS     ACTION     LABEL
  "198.19.22.0    198.19.22.127   22        open       ssh"
  "198.19.22.0    198.19.22.255   *         drop       drop-all"
)

# The IPv6 twin on the same veth: 2001:2:0:1922::/120 behind the link
# 2001:2:0:f022::/64, the same rules over ::0-::ff (lower half ::0-::7f).
FWDROP6_RULES=(
  # FIRST             LAST               PORTS     ACTION     LABEL
  "2001:2:0:1922::0   2001:2:0:1922::7f  22        open       ssh"
  "2001:2:0:1922::0   2001:2:0:1922::ff  *         drop       drop-all"
)

group_fwdrop_up() {
  firewall_group_up fwdrop fdr 198.19.16.24 198.19.22 2001:2:0:f022:: 2001:2:0:1922 22
}
