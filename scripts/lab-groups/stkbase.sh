# scripts/lab-groups/stkbase.sh — sourced by scripts/lab (contract: docs/lab.md).
# shellcheck shell=bash disable=SC2034 # sourced by scripts/lab; the rule tables are read there
#
# stkbase: a stack variant for the OS fingerprint evaluation. Two Linux hosts,
# 198.19.33.0/29 +1 and +2, behind the /30 198.19.32.0; 22 and 80 listen, 443 is
# closed. stack_variant_up in scripts/lab builds it and writes the `stack`
# truth lines (expected features derived from the namespace's sysctls).
# The reference: every sysctl at the kernel's default, so a
# fingerprint of it is what an untouched Linux of this kernel looks like.

group_stkbase_up() {
  stack_variant_up stkbase 198.19.32.0 198.19.33.0/29 default
}
