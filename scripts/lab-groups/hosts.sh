# scripts/lab-groups/hosts.sh — sourced by scripts/lab (contract: docs/lab.md).
# shellcheck shell=bash disable=SC2034 # sourced by scripts/lab; the rule tables are read there
#
# hosts: ordinary single hosts on-link in 198.19.1.0/24, so the scanner has
# to ARP for every target. Each listener binds its own address.
HOSTS_ADDRS=(198.19.1.10 198.19.1.11 198.19.1.12 198.19.1.13 198.19.1.20)
HOSTS_RULES=(
  # FIRST       LAST         PORTS        ACTION                 LABEL
  "198.19.1.10  198.19.1.10  22,80        open                   ssh-web"
  "198.19.1.11  198.19.1.11  80,443       open                   web"
  "198.19.1.11  198.19.1.11  8080         icmp-admin-prohibited  web"
  "198.19.1.12  198.19.1.12  22           open                   ssh-firewalled"
  "198.19.1.12  198.19.1.12  80,443,8080  drop                   ssh-firewalled"
  "198.19.1.13  198.19.1.13  8080         open                   app"
  "198.19.1.20  198.19.1.20  *            drop                   silent"
  "198.19.1.10  198.19.1.13  *            closed                 closed-rest"
)

# The IPv6 twins, on-link in 2001:2:0:1901::/64 on the same veth, so the
# scanner has to solicit each one's neighbour entry (NDP); the silent host
# drops every TCP packet but still answers neighbour solicitations (nft
# matches TCP only).
HOSTS6_ADDRS=(2001:2:0:1901::10 2001:2:0:1901::11 2001:2:0:1901::12 2001:2:0:1901::13 2001:2:0:1901::20)
HOSTS6_RULES=(
  # FIRST          LAST            PORTS        ACTION                 LABEL
  "2001:2:0:1901::10  2001:2:0:1901::10  22,80        open                   ssh-web"
  "2001:2:0:1901::11  2001:2:0:1901::11  80,443       open                   web"
  "2001:2:0:1901::11  2001:2:0:1901::11  8080         icmp-admin-prohibited  web"
  "2001:2:0:1901::12  2001:2:0:1901::12  22           open                   ssh-firewalled"
  "2001:2:0:1901::12  2001:2:0:1901::12  80,443,8080  drop                   ssh-firewalled"
  "2001:2:0:1901::13  2001:2:0:1901::13  8080         open                   app"
  "2001:2:0:1901::20  2001:2:0:1901::20  *            drop                   silent"
  "2001:2:0:1901::10  2001:2:0:1901::13  *            closed                 closed-rest"
)

group_hosts_up() {
  local ns=${LAB_PREFIX}hosts a endpoints
  make_namespace "$ns"
  make_veth ${LAB_PREFIX}hst0 ${LAB_PREFIX}hst1 "$ns"
  ip addr add 198.19.1.1/24 dev ${LAB_PREFIX}hst0
  for a in "${HOSTS_ADDRS[@]}"; do
    in_ns "$ns" ip addr add "$a/24" dev ${LAB_PREFIX}hst1
    host_line hosts "$a" onlink=1
  done
  in_ns "$ns" ip route add default via 198.19.1.1
  compile_rules hosts "" HOSTS_RULES
  in_ns "$ns" nft -f "$LAB_STATE/hosts.nft"
  ipv6_on - ${LAB_PREFIX}hst0
  ipv6_on "$ns" ${LAB_PREFIX}hst1
  ip -6 addr add 2001:2:0:1901::1/64 dev ${LAB_PREFIX}hst0 nodad
  for a in "${HOSTS6_ADDRS[@]}"; do
    in_ns "$ns" ip -6 addr add "$a/64" dev ${LAB_PREFIX}hst1 nodad
    host6_line hosts "$a" onlink=1
  done
  in_ns "$ns" ip -6 route add default via 2001:2:0:1901::1 dev ${LAB_PREFIX}hst1
  compile_rules hosts "" HOSTS6_RULES
  in_ns "$ns" nft -f "$LAB_STATE/hosts.nft6"
  mapfile -t endpoints < <(cat "$LAB_STATE/hosts.listen" "$LAB_STATE/hosts.listen6")
  start_listener "$ns" hosts "${endpoints[@]}"
  group_line hosts 198.19.1.0 198.19.1.255 22,80,443,8080 \
    "netns=$ns;iface=${LAB_PREFIX}hst0;peer=${LAB_PREFIX}hst1;src=198.19.1.1;gateway=onlink;ttl=64"
  group6_line hosts 2001:2:0:1901::0 2001:2:0:1901::ff 22,80,443,8080 \
    "netns=$ns;iface=${LAB_PREFIX}hst0;peer=${LAB_PREFIX}hst1;src=2001:2:0:1901::1;gateway=onlink;ttl=64"
}
