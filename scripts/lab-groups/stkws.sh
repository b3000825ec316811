# scripts/lab-groups/stkws.sh — sourced by scripts/lab (contract: docs/lab.md).
# shellcheck shell=bash disable=SC2034 # sourced by scripts/lab; the rule tables are read there
#
# stkws: a stack variant for the OS fingerprint evaluation. Two Linux hosts,
# 198.19.37.0/29 +1 and +2, behind the /30 198.19.32.16; 22 and 80 listen, 443 is
# closed. stack_variant_up in scripts/lab builds it and writes the `stack`
# truth lines (expected features derived from the namespace's sysctls).
# net.ipv4.tcp_window_scaling=0: no W option in the SYN-ACK, so no wscale.

group_stkws_up() {
  stack_variant_up stkws 198.19.32.16 198.19.37.0/29 wscale net.ipv4.tcp_window_scaling=0
}
