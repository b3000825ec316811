# scripts/lab-groups/gvisor.sh — sourced by scripts/lab (contract: docs/lab.md).
#
# gvisor: an on-link host whose TCP/IP stack is gVisor's netstack (Debian's
# runsc 0.0~20221219, the user-space "application kernel" written in Go),
# not Linux, for OS fingerprinting. runsc runs zeroscan_lab_listener in a
# sandbox with --network=sandbox: runsc takes the namespace's veth over
# (its address moves from Linux into netstack, frames go through a packet
# socket), so every answer on the wire (ARP, SYN-ACK, RST) is netstack's.
# fingerprints/lab.txt's gVisor entry was learned on this host; the group
# gvisorb (gvisorb.sh) is a second sandbox, held out from learning.
#
#   root: zs-lab-gvs0 198.19.67.1/24 ── veth ── zs-lab-gvisor: zs-lab-gvs1 198.19.67.10 (runsc's)
#
# Two workarounds for this runsc on a 6.x kernel, both local to the runsc
# process (docs/lab.md "Foreign stacks"):
#   * runsc 20221219 decides "am I in the root network namespace?" by
#     whether /proc/sys/net/core/rmem_default exists, which since Linux 6.x
#     it does in every namespace; runsc then refuses --network=sandbox. A
#     private mount namespace hides /proc/sys/net/core under an empty tmpfs.
#   * `ip netns exec` remounts /sys without the cgroup hierarchy, so runsc
#     runs with --ignore-cgroups.
# The platform is runsc's default, ptrace (no KVM needed).
GVISOR_OPEN=22,80             # listening: accept, then close (FIN)
GVISOR_PORTS=0,22,80,443,8080 # the sweep ports; 0 because its answer is policy
# What a scan of the host must show (fingerprints/README.md keys), measured
# on the gvisor host (docs/lab.md "Foreign stacks"; fingerprints/lab.txt).
GVISOR_FEATURES="ttl=64 df=no ipid.class=incremental window=29184 options=MSTNW mss=1460 wscale=7 tsecho=yes"
GVISOR_FEATURES+=" synrst.flags=rst-ack synrst.window=0 synrst.ack=nonzero synrst.df=no synrst.ttl=64 synrst.ipid=nonzero"
GVISOR_FEATURES+=" ackrst.flags=rst ackrst.window=0 ackrst.ack=zero ackrst.df=no ackrst.ttl=64 ackrst.ipid=nonzero"
GVISOR_FEATURES+=" port0.syn=rst-ack port0.ack=rst rto=1.00,2.00,4.00,8.00,16.00 giveup=none"

gvisor_root() { echo "$LAB_STATE/runsc"; }

group_gvisor_check() {
  command -v runsc >/dev/null || { echo "runsc is not installed (apt-get install runsc)"; return 1; }
  command -v unshare >/dev/null || { echo "unshare is missing (util-linux)"; return 1; }
  listener_binary >/dev/null
}

# gvisor_bundle DIR NS READY_DIR — an OCI bundle whose process is the lab
# listener on $GVISOR_OPEN, root filesystem the host's (read-only; runsc
# overlays it), network namespace NS, READY_DIR bound at /ready for the
# listener's ready file.
gvisor_bundle() {
  local dir=$1 ns=$2 ready=$3 bin args="" p
  bin=$(listener_binary)
  [[ $bin$dir$ready != *[\"\\]* ]] || die "gvisor: a path with a quote or backslash cannot go into config.json"
  for p in ${GVISOR_OPEN//,/ }; do args+=", \"$p\""; done
  mkdir -p "$dir"
  cat >"$dir/config.json" <<JSON
{
  "ociVersion": "1.0.0",
  "process": {
    "terminal": false,
    "user": {"uid": 0, "gid": 0},
    "args": ["$bin", "--ready-file", "/ready/listener"$args],
    "env": ["PATH=/usr/bin:/bin"],
    "cwd": "/"
  },
  "root": {"path": "/", "readonly": true},
  "hostname": "$ns",
  "mounts": [
    {"destination": "/proc", "type": "proc", "source": "proc"},
    {"destination": "/ready", "type": "bind", "source": "$ready", "options": ["rbind", "rw"]}
  ],
  "linux": {
    "namespaces": [
      {"type": "pid"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"},
      {"type": "network", "path": "/var/run/netns/$ns"}
    ]
  }
}
JSON
}

# gvisor_host_up GROUP ROOT_IF NS_IF NET HELDOUT — GROUP's segment (root end
# NET.1/24 on ROOT_IF), a sandbox answering as NET.10, and the truth's host,
# port and stack lines (HELDOUT 1: the stack line says heldout=1).
gvisor_host_up() {
  local group=$1 root_if=$2 ns_if=$3 net=$4 heldout=$5 ns=${LAB_PREFIX}$1
  local addr=$4.10 ready=$LAB_STATE/$1.ready bundle=$LAB_STATE/$1.bundle root pid held="" mac
  root=$(gvisor_root)
  require_lab_address "$addr"
  foreign_segment "$ns" "$root_if" "$ns_if" "$net.1/24"
  # runsc copies the namespace's addresses and routes into netstack and
  # removes them from Linux.
  in_ns "$ns" ip addr add "$addr/24" dev "$ns_if"
  mac=$(in_ns "$ns" cat "/sys/class/net/$ns_if/address")
  mkdir -p "$root" "$ready"
  gvisor_bundle "$bundle" "$ns" "$ready"
  # The outer shell records its PID, and every step after it execs, so the
  # PID is runsc's own (`down` stops it by PID; the down hook deletes the
  # sandbox).
  # shellcheck disable=SC2016 # the inner shells expand $$, $1 and $@
  lab_spawn sh -c 'echo $$ >"$1"; shift; exec "$@"' gvisor "$LAB_STATE/$group.runsc.pid" \
    ip netns exec "$ns" unshare -m --propagation private sh -c \
    'mount -t tmpfs -o size=16k zs-lab-hide /proc/sys/net/core && exec "$@"' gvisor \
    runsc --root "$root" --network=sandbox --ignore-cgroups run --bundle "$bundle" "$ns" \
    >>"$LAB_STATE/$group.runsc.log" 2>&1
  # The listener in the sandbox writes its ready file once it listens.
  wait_for_file "$ready/listener" 15 ||
    die "$group: runsc did not start the listener within 15 s: $(tail -3 "$LAB_STATE/$group.runsc.log")"
  read -r pid <"$LAB_STATE/$group.runsc.pid"
  register_pid "$group.runsc" "$pid"
  note "$group: gVisor sandbox (runsc pid $pid) in $ns, $addr ($mac), listening on $GVISOR_OPEN"

  group_line "$group" "$net.0" "$net.255" "$GVISOR_PORTS" \
    "netns=$ns;iface=$root_if;peer=$ns_if;src=$net.1;gateway=onlink;ttl=64;stack=gvisor"
  host_line "$group" "$addr" "onlink=1;mac=$mac"
  foreign_port_truth "$group" "$addr" "$GVISOR_OPEN" gvisor # every answer is netstack's
  # Family "other": netstack is a stack of its own lineage (Go, written for
  # gVisor), neither Linux's nor an embedded RTOS's (docs/fingerprinting.md).
  ((heldout)) && held=";heldout=1"
  truth_line "$group" stack "$addr" "$addr" "$GVISOR_PORTS" - other "gVisor netstack" - \
    "id=lab-gvisor-netstack;class=server;open=$GVISOR_OPEN;closed=0,443,8080$held;features=$GVISOR_FEATURES"
}

# Down hook: delete every sandbox of this runsc root (gvisorb's too), so
# no runsc-sandbox or gofer outlives the lab. Never fails.
gvisor_delete_all() {
  local root id
  root=$(gvisor_root)
  [[ -d $root ]] && command -v runsc >/dev/null || return 0
  for id in $(runsc --root "$root" list -quiet 2>/dev/null); do
    timeout 20 runsc --root "$root" delete -force "$id" >/dev/null 2>&1 || true
  done
}

group_gvisor_down() { gvisor_delete_all; }

group_gvisor_up() {
  gvisor_host_up gvisor "${LAB_PREFIX}gvs0" "${LAB_PREFIX}gvs1" 198.19.67 0
}
