# scripts/lab-groups/stkrmem.sh — sourced by scripts/lab (contract: docs/lab.md).
# shellcheck shell=bash disable=SC2034 # sourced by scripts/lab; the rule tables are read there
#
# stkrmem: a stack variant for the OS fingerprint evaluation. Two Linux hosts,
# 198.19.38.0/29 +1 and +2, behind the /30 198.19.32.20; 22 and 80 listen, 443 is
# closed. stack_variant_up in scripts/lab builds it and writes the `stack`
# truth lines (expected features derived from the namespace's sysctls).
# net.ipv4.tcp_rmem="4096 32768 1048576": a smaller SYN-ACK window (half
# of 32 KiB, in MSS multiples) and a smaller window scale, unless
# net.core.rmem_max (global) is the larger of the two maxima.

group_stkrmem_up() {
  stack_variant_up stkrmem 198.19.32.20 198.19.38.0/29 rmem 'net.ipv4.tcp_rmem=4096 32768 1048576'
}
