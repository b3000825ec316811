# scripts/lab-groups/fwicmp.sh — sourced by scripts/lab (contract: docs/lab.md).
# shellcheck shell=bash disable=SC2034 # sourced by scripts/lab; the rule tables are read there
#
# fwicmp: `reject with icmp type admin-prohibited` (ICMP 3/13) for every TCP
# packet to the blocked ports, so SYN and ACK both draw the ICMP error:
# rejected. 22 is open everywhere, 443 in the lower half.
# 198.19.21.0/24 behind the /30 198.19.16.20.
FWICMP_RULES=(
  # FIRST         LAST            PORTS     ACTION                  LABEL
  "198.19.21.0    198.19.21.255   22        open                    ssh"
  "198.19.21.0    198.19.21.127   443       open                    web"
  "198.19.21.0    198.19.21.255   *         icmp-admin-prohibited   reject-admin"
)

# The IPv6 twin on the same veth: 2001:2:0:1921::/120 behind the link
# 2001:2:0:f021::/64, the same rules over ::0-::ff (lower half ::0-::7f);
# the reject is ICMPv6 1/1 (admin-prohibited).
FWICMP6_RULES=(
  # FIRST             LAST               PORTS     ACTION                  LABEL
  "2001:2:0:1921::0   2001:2:0:1921::ff  22        open                    ssh"
  "2001:2:0:1921::0   2001:2:0:1921::7f  443       open                    web"
  "2001:2:0:1921::0   2001:2:0:1921::ff  *         icmp-admin-prohibited   reject-admin"
)

group_fwicmp_up() {
  local ns=${LAB_PREFIX}fwicmp endpoints
  routed_block "$ns" ${LAB_PREFIX}fic0 ${LAB_PREFIX}fic1 198.19.16.20 198.19.21.0/24
  compile_rules fwicmp 22,443 FWICMP_RULES
  in_ns "$ns" nft -f "$LAB_STATE/fwicmp.nft"
  routed_block6 "$ns" ${LAB_PREFIX}fic0 ${LAB_PREFIX}fic1 2001:2:0:f021:: 2001:2:0:1921::/120
  compile_rules fwicmp 22,443 FWICMP6_RULES
  in_ns "$ns" nft -f "$LAB_STATE/fwicmp.nft6"
  mapfile -t endpoints < <(cat "$LAB_STATE/fwicmp.listen" "$LAB_STATE/fwicmp.listen6")
  start_listener "$ns" fwicmp "${endpoints[@]}"
  group_line fwicmp 198.19.21.0 198.19.21.255 22,80,443,8080 \
    "netns=$ns;iface=${LAB_PREFIX}fic0;peer=${LAB_PREFIX}fic1;src=198.19.16.21;gateway=198.19.16.22;ttl=64;role=firewall"
  group6_line fwicmp 2001:2:0:1921::0 2001:2:0:1921::ff 22,80,443,8080 \
    "netns=$ns;iface=${LAB_PREFIX}fic0;peer=${LAB_PREFIX}fic1;src=2001:2:0:f021::1;gateway=2001:2:0:f021::2;ttl=64;role=firewall"
}
