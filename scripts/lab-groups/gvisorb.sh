# scripts/lab-groups/gvisorb.sh — sourced by scripts/lab (contract: docs/lab.md).
#
# gvisorb: a second gVisor sandbox, held out from learning (its stack line
# says heldout=1): fingerprints/lab.txt's gVisor entry was learned on the
# gvisor group's sandbox, and the lab's OS test must name this one's family
# from that. Building blocks and the down hook: scripts/lab-groups/gvisor.sh.
#
#   root: zs-lab-gvsb0 198.19.68.1/24 ── veth ── zs-lab-gvisorb: zs-lab-gvsb1 198.19.68.10 (runsc's)

group_gvisorb_check() { group_gvisor_check; }

group_gvisorb_up() {
  gvisor_host_up gvisorb "${LAB_PREFIX}gvsb0" "${LAB_PREFIX}gvsb1" 198.19.68 1
}
