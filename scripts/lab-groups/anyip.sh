# scripts/lab-groups/anyip.sh — sourced by scripts/lab (contract: docs/lab.md).
# shellcheck shell=bash disable=SC2034 # sourced by scripts/lab; the rule tables are read there
#
# anyip: one namespace that IS all of 198.18.0.0/16 (a local route on lo
# makes every address local), routed through a /30. Four /18 regions with
# one policy each, subranges and single-address exceptions on top, over the
# four sweep ports 22, 80, 443, 8080. Wildcard listeners on 22/80/443;
# 8080 is open only where a rule binds it to one address.
ANYIP_RULES=(
  # FIRST        LAST            PORTS           ACTION                  LABEL
  "198.18.0.7     198.18.0.7      *              drop                    dead-host"
  "198.18.1.1     198.18.1.1      8080           open                    app-server"
  "198.18.64.9    198.18.64.9     22             closed                  sshd-stopped"
  "198.18.128.1   198.18.128.1    22,80,443,8080 open                    all-open"
  "198.18.192.1   198.18.192.1    22             open                    lone-ssh-in-dark"
  "198.18.255.255 198.18.255.255  80             open                    last-address-web"
  "198.18.100.0   198.18.100.255  *              icmp-host-unreachable   unreachable-24"
  "198.18.160.0   198.18.175.255  *              icmp-host-prohibited    prohibited-20"
  "198.18.255.0   198.18.255.255  *              closed                  all-closed-24"
  "198.18.0.0     198.18.63.255   22             closed                  web"
  "198.18.0.0     198.18.63.255   80,443         open                    web"
  "198.18.0.0     198.18.63.255   8080           closed                  web"
  "198.18.64.0    198.18.127.255  22             open                    ssh"
  "198.18.64.0    198.18.127.255  80,8080        drop                    ssh"
  "198.18.64.0    198.18.127.255  443            icmp-port-unreachable   ssh"
  "198.18.128.0   198.18.191.255  22             icmp-admin-prohibited   mixed"
  "198.18.128.0   198.18.191.255  80             open                    mixed"
  "198.18.128.0   198.18.191.255  443            drop                    mixed"
  "198.18.128.0   198.18.191.255  8080           closed                  mixed"
  "198.18.192.0   198.18.255.255  *              drop                    dark"
  "198.18.0.0     198.18.191.255  *              closed                  other-ports"
)

# The IPv6 twin: the same namespace also IS all of 2001:2:0:1800::/116 (4096
# addresses; a `local` route on lo works for IPv6 too), through the same
# veth with the link 2001:2:0:f000::/64. Four /118 regions mirror the /18s;
# the ICMP exceptions use ICMPv6 destination-unreachable codes, one range
# per reject type nft offers for IPv6.
ANYIP6_RULES=(
  # FIRST              LAST               PORTS           ACTION                  LABEL
  "2001:2:0:1800::7      2001:2:0:1800::7     *               drop                    dead-host"
  "2001:2:0:1800::101    2001:2:0:1800::101   8080            open                    app-server"
  "2001:2:0:1800::409    2001:2:0:1800::409   22              closed                  sshd-stopped"
  "2001:2:0:1800::801    2001:2:0:1800::801   22,80,443,8080  open                    all-open"
  "2001:2:0:1800::c01    2001:2:0:1800::c01   22              open                    lone-ssh-in-dark"
  "2001:2:0:1800::fff    2001:2:0:1800::fff   80              open                    last-address-web"
  "2001:2:0:1800::200    2001:2:0:1800::23f   *               icmp-no-route           no-route-64"
  "2001:2:0:1800::240    2001:2:0:1800::27f   *               icmp-policy-fail        policy-fail-64"
  "2001:2:0:1800::500    2001:2:0:1800::5ff   *               icmp-addr-unreachable   unreachable-256"
  "2001:2:0:1800::a00    2001:2:0:1800::a7f   *               icmp-admin-prohibited   prohibited-128"
  "2001:2:0:1800::a80    2001:2:0:1800::aff   *               icmp-reject-route       reject-route-128"
  "2001:2:0:1800::f00    2001:2:0:1800::fff   *               closed                  all-closed-256"
  "2001:2:0:1800::0      2001:2:0:1800::3ff   22              closed                  web"
  "2001:2:0:1800::0      2001:2:0:1800::3ff   80,443          open                    web"
  "2001:2:0:1800::0      2001:2:0:1800::3ff   8080            closed                  web"
  "2001:2:0:1800::400    2001:2:0:1800::7ff   22              open                    ssh"
  "2001:2:0:1800::400    2001:2:0:1800::7ff   80,8080         drop                    ssh"
  "2001:2:0:1800::400    2001:2:0:1800::7ff   443             icmp-port-unreachable   ssh"
  "2001:2:0:1800::800    2001:2:0:1800::bff   22              icmp-admin-prohibited   mixed"
  "2001:2:0:1800::800    2001:2:0:1800::bff   80              open                    mixed"
  "2001:2:0:1800::800    2001:2:0:1800::bff   443             drop                    mixed"
  "2001:2:0:1800::800    2001:2:0:1800::bff   8080            closed                  mixed"
  "2001:2:0:1800::c00    2001:2:0:1800::fff   *               drop                    dark"
  "2001:2:0:1800::0      2001:2:0:1800::bff   *               closed                  other-ports"
)

group_anyip_up() {
  local ns=${LAB_PREFIX}anyip endpoints
  make_namespace "$ns"
  make_veth ${LAB_PREFIX}any0 ${LAB_PREFIX}any1 "$ns"
  ip addr add 198.19.0.1/30 dev ${LAB_PREFIX}any0
  in_ns "$ns" ip addr add 198.19.0.2/30 dev ${LAB_PREFIX}any1
  in_ns "$ns" ip route add local 198.18.0.0/16 dev lo
  in_ns "$ns" ip route add default via 198.19.0.1
  ip route add 198.18.0.0/16 via 198.19.0.2 dev ${LAB_PREFIX}any0
  compile_rules anyip 22,80,443 ANYIP_RULES
  in_ns "$ns" nft -f "$LAB_STATE/anyip.nft"
  routed_block6 "$ns" ${LAB_PREFIX}any0 ${LAB_PREFIX}any1 2001:2:0:f000:: 2001:2:0:1800::/116
  compile_rules anyip 22,80,443 ANYIP6_RULES
  in_ns "$ns" nft -f "$LAB_STATE/anyip.nft6"
  mapfile -t endpoints < <(cat "$LAB_STATE/anyip.listen" "$LAB_STATE/anyip.listen6")
  start_listener "$ns" anyip "${endpoints[@]}"
  group_line anyip 198.18.0.0 198.18.255.255 22,80,443,8080 \
    "netns=$ns;iface=${LAB_PREFIX}any0;peer=${LAB_PREFIX}any1;src=198.19.0.1;gateway=198.19.0.2;ttl=64"
  group6_line anyip 2001:2:0:1800::0 2001:2:0:1800::fff 22,80,443,8080 \
    "netns=$ns;iface=${LAB_PREFIX}any0;peer=${LAB_PREFIX}any1;src=2001:2:0:f000::1;gateway=2001:2:0:f000::2;ttl=64"
}
