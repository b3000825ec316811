# scripts/lab-groups/fwsyn.sh — sourced by scripts/lab (contract: docs/lab.md).
# shellcheck shell=bash disable=SC2034 # sourced by scripts/lab; the rule tables are read there
#
# fwsyn: a stateless filter that stops only connection attempts
# (`tcp flags & (syn|ack) == syn drop`, or the same with an ICMP reject) and
# lets every other TCP packet through, so an ACK probe reaches the host and
# draws its RST: stateless-filter. 198.19.18.0/24 behind the /30 198.19.16.4.
# Port 22 is open everywhere, so each host also shows a plain `open`.
FWSYN_RULES=(
  # FIRST         LAST            PORTS         ACTION                       LABEL
  "198.19.18.0    198.19.18.255   22            open                         ssh"
  "198.19.18.128  198.19.18.255   80            syn-icmp-admin-prohibited    syn-reject"
  "198.19.18.0    198.19.18.255   *             syn-drop                     syn-drop"
)

group_fwsyn_up() {
  local ns=${LAB_PREFIX}fwsyn endpoints
  routed_block "$ns" ${LAB_PREFIX}fsy0 ${LAB_PREFIX}fsy1 198.19.16.4 198.19.18.0/24
  compile_rules fwsyn 22,80 FWSYN_RULES
  in_ns "$ns" nft -f "$LAB_STATE/fwsyn.nft"
  mapfile -t endpoints <"$LAB_STATE/fwsyn.listen"
  start_listener "$ns" fwsyn "${endpoints[@]}"
  group_line fwsyn 198.19.18.0 198.19.18.255 22,80,443,8080 \
    "netns=$ns;iface=${LAB_PREFIX}fsy0;peer=${LAB_PREFIX}fsy1;src=198.19.16.5;gateway=198.19.16.6;ttl=64;role=firewall"
}
