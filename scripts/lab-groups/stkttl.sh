# scripts/lab-groups/stkttl.sh — sourced by scripts/lab (contract: docs/lab.md).
# shellcheck shell=bash disable=SC2034 # sourced by scripts/lab; the rule tables are read there
#
# stkttl: a stack variant for the OS fingerprint evaluation. Two Linux hosts,
# 198.19.34.0/29 +1 and +2, behind the /30 198.19.32.4; 22 and 80 listen, 443 is
# closed. stack_variant_up in scripts/lab builds it and writes the `stack`
# truth lines (expected features derived from the namespace's sysctls).
# net.ipv4.ip_default_ttl=128 (what Windows uses): every reply, RSTs
# included, leaves with TTL 128.

group_stkttl_up() {
  stack_variant_up stkttl 198.19.32.4 198.19.34.0/29 ttl net.ipv4.ip_default_ttl=128
}
