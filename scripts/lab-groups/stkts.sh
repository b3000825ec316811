# scripts/lab-groups/stkts.sh — sourced by scripts/lab (contract: docs/lab.md).
# shellcheck shell=bash disable=SC2034 # sourced by scripts/lab; the rule tables are read there
#
# stkts: a stack variant for the OS fingerprint evaluation. Two Linux hosts,
# 198.19.35.0/29 +1 and +2, behind the /30 198.19.32.8; 22 and 80 listen, 443 is
# closed. stack_variant_up in scripts/lab builds it and writes the `stack`
# truth lines (expected features derived from the namespace's sysctls).
# net.ipv4.tcp_timestamps=0: no T option in the SYN-ACK, and the window
# is a multiple of the full MSS (1460) instead of 1448.

group_stkts_up() {
  stack_variant_up stkts 198.19.32.8 198.19.35.0/29 timestamps net.ipv4.tcp_timestamps=0
}
