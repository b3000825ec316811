# scripts/lab-groups/stksack.sh — sourced by scripts/lab (contract: docs/lab.md).
# shellcheck shell=bash disable=SC2034 # sourced by scripts/lab; the rule tables are read there
#
# stksack: a stack variant for the OS fingerprint evaluation. Two Linux hosts,
# 198.19.36.0/29 +1 and +2, behind the /30 198.19.32.12; 22 and 80 listen, 443 is
# closed. stack_variant_up in scripts/lab builds it and writes the `stack`
# truth lines (expected features derived from the namespace's sysctls).
# net.ipv4.tcp_sack=0: no S option in the SYN-ACK (MSS NOP NOP TS NOP WS).

group_stksack_up() {
  stack_variant_up stksack 198.19.32.12 198.19.36.0/29 sack net.ipv4.tcp_sack=0
}
