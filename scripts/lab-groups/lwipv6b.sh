# scripts/lab-groups/lwipv6b.sh — sourced by scripts/lab (contract: docs/lab.md).
#
# lwipv6b: a second LWIPv6 1.5a host, held out from learning (its stack
# line says heldout=1): fingerprints/lab.txt's LWIPv6 entry was learned on
# the lwipv6 group's host, and the lab's OS test must name this one's family
# from that. Its own segment, because every LWIPv6 host has the same MAC
# (scripts/lab-groups/lwipv6.sh, which defines the building blocks).
#
#   root: zs-lab-lw6b0 198.19.66.1/24 ── veth ── zs-lab-lwipv6b: bridge + TAP, LWIPv6 198.19.66.10

group_lwipv6b_check() { group_lwipv6_check; }

group_lwipv6b_up() {
  lwipv6_host_up lwipv6b b 198.19.66 198.19.66.10 1
}
