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
  mapfile -t endpoints <"$LAB_STATE/anyip.listen"
  start_listener "$ns" anyip "${endpoints[@]}"
  group_line anyip 198.18.0.0 198.18.255.255 22,80,443,8080 \
    "netns=$ns;iface=${LAB_PREFIX}any0;peer=${LAB_PREFIX}any1;src=198.19.0.1;gateway=198.19.0.2;ttl=64"
}
