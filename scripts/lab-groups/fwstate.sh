# scripts/lab-groups/fwstate.sh — sourced by scripts/lab (contract: docs/lab.md).
# shellcheck shell=bash disable=SC2034 # sourced by scripts/lab; the rule tables are read there
#
# fwstate: a stateful nftables policy, the textbook host firewall:
#   ct state established,related accept
#   new SYNs to the allowed ports accepted, everything else dropped.
# 198.19.17.0/24 behind the /30 198.19.16.0. A stray ACK is `ct state new`
# (conntrack picks it up, but no reply was ever seen) and is not a SYN, so it
# is dropped: allowed ports read open-stateful (a listener) or
# closed-stateful (8080: allowed, nothing listens), and the dropped ports of
# a host that shows either read stateful-filter.
FWSTATE_RULES=(
  # FIRST         LAST            PORTS     ACTION     LABEL
  "198.19.17.0    198.19.17.127   80,443    st-open    web-stateful"
  "198.19.17.0    198.19.17.127   8080      st-closed  web-stateful"
  "198.19.17.0    198.19.17.127   *         st-drop    web-stateful"
  "198.19.17.128  198.19.17.255   22        st-open    ssh-stateful"
  "198.19.17.128  198.19.17.255   *         st-drop    ssh-stateful"
)

# The IPv6 twin on the same veth: 2001:2:0:1917::/120 behind the link
# 2001:2:0:f017::/64, the same rules over ::0-::ff (lower half ::0-::7f).
FWSTATE6_RULES=(
  # FIRST             LAST               PORTS     ACTION     LABEL
  "2001:2:0:1917::0   2001:2:0:1917::7f  80,443    st-open    web-stateful"
  "2001:2:0:1917::0   2001:2:0:1917::7f  8080      st-closed  web-stateful"
  "2001:2:0:1917::0   2001:2:0:1917::7f  *         st-drop    web-stateful"
  "2001:2:0:1917::80  2001:2:0:1917::ff  22        st-open    ssh-stateful"
  "2001:2:0:1917::80  2001:2:0:1917::ff  *         st-drop    ssh-stateful"
)

group_fwstate_up() {
  firewall_group_up fwstate fst 198.19.16.0 198.19.17 2001:2:0:f017:: 2001:2:0:1917 22,80,443
}
