// zeroscan_lab_lwip_host: a lab host whose TCP/IP stack is lwIP 2.1 (Debian's
// liblwip), not Linux. It owns a TAP device: every Ethernet frame the kernel
// hands to the TAP goes into lwIP, and every frame lwIP sends goes out of the
// TAP. So ARP, ICMP echo, SYN-ACKs, RSTs, IP IDs, TTLs, windows and options
// on that wire are lwIP's own, which is what OS fingerprinting needs.
//
// Usage: zeroscan_lab_lwip_host --tap IFNAME --addr A.B.C.D/LEN --mac MAC
//          [--gateway A.B.C.D] [--ports LIST] [--max-pcbs N] [--ready-file PATH]
//   --ports       TCP ports to listen on, e.g. 22,80,8000-8010 (1-65535;
//                 lwIP cannot listen on port 0: tcp_bind(0) picks a port).
//                 A connection is accepted and closed at once (FIN).
//   --max-pcbs    most TCP connections (SYN_RCVD .. TIME_WAIT) kept at once
//                 (default 4096); see "Bounded memory" below.
//   --ready-file  written with our PID once every port listens.
// SIGTERM or SIGINT: listeners closed, netif removed, TAP closed, exit 0.
//
// How it runs lwIP. Debian's liblwip is built with its own lwipopts.h
// (/usr/include/lwip/lwipopts.h, the GNU Hurd's: NO_SYS=0, core locking,
// malloc-backed pools), and we must compile against that same header, so the
// stack runs as lwIP does on an OS: tcpip_init() starts lwIP's tcpip thread,
// which owns the core and its timers; our main thread reads frames from the
// TAP and posts them with tcpip_input(). Raw-API calls from the main thread
// hold the core lock (LOCK_TCPIP_CORE). The library's own unix port driver
// (tapif) is not used: it runs `/sbin/ifconfig tap0 inet ...` through
// system() unless PRECONFIGURED_TAPIF is set, hard-codes the MAC, and starts
// a thread that cannot be stopped. The netif driver below is ours.
//
// Bounded memory. With MEMP_MEM_MALLOC=1 lwIP's pools have no counts, so a SYN
// flood would grow SYN_RCVD pcbs without limit. A 100 ms timer in the tcpip
// thread enforces --max-pcbs the way lwIP does when its PCB pool runs dry
// (tcp_alloc -> tcp_kill_timewait / tcp_kill_state(SYN_RCVD)): the oldest
// TIME_WAIT pcb goes first, then the oldest SYN_RCVD, both silently; then
// the oldest other one with a RST (tcp_kill_prio). Input is bounded by
// lwIP's tcpip mbox (trypost; we wait up to 20 ms, then drop the frame), and
// RLIMIT_DATA caps the process at 512 MiB as a backstop.
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

// lwipopts.h declares the sys_*_tcpip_core hooks outside any extern "C".
extern "C" {
#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"
#include "lwip/timeouts.h"
#include "netif/etharp.h"
#include "netif/ethernet.h"
}

namespace {

constexpr std::size_t kMaxFrame = 1518;        // 1500 MTU + 14 header + slack
constexpr int kFramesPerWakeup = 64;           // then check signals again
constexpr int kTrimIntervalMs = 100;           // PCB cap timer
constexpr int kMaxTrimsPerTick = 512;
constexpr int kInputRetryUs = 20;              // tcpip mbox full: wait, then drop
constexpr int kInputRetries = 1000;            // 20 ms
constexpr rlim_t kDataLimit = 512ull << 20;

struct Options {
  std::string tap;
  ip4_addr_t addr{};
  ip4_addr_t netmask{};
  ip4_addr_t gateway{};
  std::uint8_t mac[6]{};
  std::vector<std::uint16_t> ports;
  std::size_t max_pcbs = 4096;
  std::string ready_file;
};

// Shared between the main (reader) thread and lwIP's tcpip thread.
struct Host {
  int tap_fd = -1;
  netif nif{};
  Options opt;
  std::vector<tcp_pcb*> listeners;
  std::atomic<std::uint64_t> frames_in{0}, frames_out{0}, frames_dropped{0}, write_errors{0};
  std::atomic<std::uint64_t> accepted{0}, trimmed{0};
  bool stopping = false;  // touched only with the core lock held
};

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr,
               "lwip_host: %s\n"
               "usage: zeroscan_lab_lwip_host --tap IFNAME --addr A.B.C.D/LEN --mac MAC "
               "[--gateway A.B.C.D] [--ports LIST] [--max-pcbs N] [--ready-file PATH]\n",
               why);
  std::exit(2);
}

bool parse_u32(const std::string& s, unsigned long max, unsigned long& out) {
  if (s.empty() || s.size() > 10 || s.find_first_not_of("0123456789") != std::string::npos)
    return false;
  out = std::strtoul(s.c_str(), nullptr, 10);
  return out <= max;
}

bool parse_ip(const std::string& s, ip4_addr_t& out) {
  in_addr a{};
  if (inet_pton(AF_INET, s.c_str(), &a) != 1) return false;
  ip4_addr_set_u32(&out, a.s_addr);  // both in network order
  return true;
}

bool parse_mac(const std::string& s, std::uint8_t mac[6]) {
  unsigned v[6];
  char tail;
  if (std::sscanf(s.c_str(), "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2], &v[3], &v[4],
                  &v[5], &tail) != 6)
    return false;
  for (int i = 0; i < 6; ++i) mac[i] = static_cast<std::uint8_t>(v[i]);
  return (mac[0] & 1) == 0;  // unicast only
}

bool parse_ports(const std::string& s, std::vector<std::uint16_t>& out) {
  std::size_t pos = 0;
  while (pos <= s.size()) {
    const std::size_t comma = std::min(s.find(',', pos), s.size());
    const std::string item = s.substr(pos, comma - pos);
    const std::size_t dash = item.find('-');
    unsigned long lo = 0, hi = 0;
    if (dash == std::string::npos) {
      if (!parse_u32(item, 65535, lo)) return false;
      hi = lo;
    } else if (!parse_u32(item.substr(0, dash), 65535, lo) ||
               !parse_u32(item.substr(dash + 1), 65535, hi) || hi < lo) {
      return false;
    }
    if (lo == 0) return false;
    for (unsigned long p = lo; p <= hi; ++p) out.push_back(static_cast<std::uint16_t>(p));
    if (out.size() > 4096) return false;
    pos = comma + 1;
  }
  return true;
}

Options parse_args(int argc, char** argv) {
  Options o;
  bool have_addr = false, have_mac = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage((a + " needs a value").c_str());
      return argv[++i];
    };
    if (a == "--tap") {
      o.tap = value();
      if (o.tap.empty() || o.tap.size() >= IFNAMSIZ) usage("bad --tap name");
    } else if (a == "--addr") {
      const std::string v = value();
      const auto slash = v.find('/');
      unsigned long len = 0;
      if (slash == std::string::npos || !parse_ip(v.substr(0, slash), o.addr) ||
          !parse_u32(v.substr(slash + 1), 32, len) || len == 0)
        usage("bad --addr (want A.B.C.D/LEN)");
      ip4_addr_set_u32(&o.netmask, htonl(len == 32 ? 0xffffffffu : ~(0xffffffffu >> len)));
      have_addr = true;
    } else if (a == "--gateway") {
      if (!parse_ip(value(), o.gateway)) usage("bad --gateway");
    } else if (a == "--mac") {
      if (!parse_mac(value(), o.mac)) usage("bad --mac (want a unicast xx:xx:xx:xx:xx:xx)");
      have_mac = true;
    } else if (a == "--ports") {
      if (!parse_ports(value(), o.ports)) usage("bad --ports (1-65535, at most 4096 ports)");
    } else if (a == "--max-pcbs") {
      unsigned long n = 0;
      if (!parse_u32(value(), 1000000, n) || n < 16) usage("bad --max-pcbs (16..1000000)");
      o.max_pcbs = n;
    } else if (a == "--ready-file") {
      o.ready_file = value();
    } else {
      usage(("unknown argument " + a).c_str());
    }
  }
  if (o.tap.empty() || !have_addr || !have_mac) usage("--tap, --addr and --mac are required");
  return o;
}

// Attaches to (or creates) the TAP device and sets it up. Non-blocking fd.
int open_tap(const std::string& name) {
  const int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    std::fprintf(stderr, "lwip_host: /dev/net/tun: %s\n", std::strerror(errno));
    return -1;
  }
  ifreq ifr{};
  std::strncpy(ifr.ifr_name, name.c_str(), IFNAMSIZ - 1);
  ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
  if (ioctl(fd, TUNSETIFF, &ifr) != 0) {
    std::fprintf(stderr, "lwip_host: TUNSETIFF %s: %s\n", name.c_str(), std::strerror(errno));
    close(fd);
    return -1;
  }
  // The kernel side of the TAP must be up for frames to pass. It gets no
  // address: lwIP, not Linux, is the host behind it.
  const int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s >= 0) {
    ifreq up{};
    std::strncpy(up.ifr_name, name.c_str(), IFNAMSIZ - 1);
    if (ioctl(s, SIOCGIFFLAGS, &up) == 0 && !(up.ifr_flags & IFF_UP)) {
      up.ifr_flags |= IFF_UP;
      if (ioctl(s, SIOCSIFFLAGS, &up) != 0)
        std::fprintf(stderr, "lwip_host: cannot set %s up: %s\n", name.c_str(), std::strerror(errno));
    }
    close(s);
  }
  return fd;
}

// ----------------------------------------------------------- netif driver --

// Runs in the tcpip thread. TX_SINGLE_PBUF is set, but copy anyway: a chain
// is legal for a linkoutput.
err_t tap_linkoutput(netif* nif, pbuf* p) {
  Host* h = static_cast<Host*>(nif->state);
  std::uint8_t frame[kMaxFrame];
  if (p->tot_len > sizeof frame) {
    h->frames_dropped++;
    return ERR_BUF;
  }
  const u16_t n = pbuf_copy_partial(p, frame, p->tot_len, 0);
  const ssize_t w = write(h->tap_fd, frame, n);
  if (w != static_cast<ssize_t>(n)) {
    h->write_errors++;
    return ERR_IF;
  }
  h->frames_out++;
  return ERR_OK;
}

err_t tap_netif_init(netif* nif) {
  Host* h = static_cast<Host*>(nif->state);
  nif->name[0] = 't';
  nif->name[1] = 'p';
  nif->output = etharp_output;
  nif->linkoutput = tap_linkoutput;
  nif->mtu = 1500;
  nif->hwaddr_len = ETH_HWADDR_LEN;
  std::memcpy(nif->hwaddr, h->opt.mac, ETH_HWADDR_LEN);
  // No NETIF_FLAG_IGMP / MLD6 and no IPv6 address: the host speaks IPv4 only
  // and sends nothing unprompted except lwIP's gratuitous ARP at link up.
  nif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
  return ERR_OK;
}

// --------------------------------------------------------------- TCP side --

err_t on_accept(void* arg, tcp_pcb* pcb, err_t err) {
  Host* h = static_cast<Host*>(arg);
  if (err != ERR_OK || pcb == nullptr) return ERR_VAL;
  h->accepted++;
  if (tcp_close(pcb) != ERR_OK) {  // FIN; lwIP frees the pcb later
    tcp_abort(pcb);
    return ERR_ABRT;
  }
  return ERR_OK;
}

std::size_t count_pcbs(tcp_pcb* list) {
  std::size_t n = 0;
  for (tcp_pcb* p = list; p != nullptr; p = p->next) ++n;
  return n;
}

// Oldest pcb of LIST (in STATE, or any state other than LISTEN when state is
// CLOSED), by lwIP's own age measure tcp_ticks - tmr.
tcp_pcb* oldest(tcp_pcb* list, tcp_state state) {
  tcp_pcb* best = nullptr;
  u32_t best_age = 0;
  for (tcp_pcb* p = list; p != nullptr; p = p->next) {
    if (state != CLOSED && p->state != state) continue;
    const u32_t age = tcp_ticks - p->tmr;
    if (best == nullptr || age >= best_age) {
      best = p;
      best_age = age;
    }
  }
  return best;
}

void trim_pcbs(void* arg) {
  Host* h = static_cast<Host*>(arg);
  if (h->stopping) return;
  std::size_t n = count_pcbs(tcp_active_pcbs) + count_pcbs(tcp_tw_pcbs);
  for (int i = 0; i < kMaxTrimsPerTick && n > h->opt.max_pcbs; ++i, --n) {
    if (tcp_pcb* p = oldest(tcp_tw_pcbs, TIME_WAIT)) {
      tcp_abort(p);  // TIME_WAIT: freed, nothing sent
    } else if (tcp_pcb* q = oldest(tcp_active_pcbs, SYN_RCVD)) {
      tcp_abandon(q, 0);  // like tcp_kill_state(SYN_RCVD): silent
    } else if (tcp_pcb* r = oldest(tcp_active_pcbs, CLOSED)) {
      tcp_abort(r);  // like tcp_kill_prio: RST
    } else {
      break;
    }
    h->trimmed++;
  }
  sys_timeout(kTrimIntervalMs, trim_pcbs, h);
}

struct InitDone {
  std::mutex m;
  std::condition_variable cv;
  bool done = false;
};

void on_tcpip_ready(void* arg) {
  auto* d = static_cast<InitDone*>(arg);
  std::lock_guard<std::mutex> lock(d->m);
  d->done = true;
  d->cv.notify_all();
}

// With the core lock held.
bool bring_up(Host& h) {
  if (netif_add(&h.nif, &h.opt.addr, &h.opt.netmask, &h.opt.gateway, &h, tap_netif_init,
                tcpip_input) == nullptr) {
    std::fprintf(stderr, "lwip_host: netif_add failed\n");
    return false;
  }
  netif_set_default(&h.nif);
  netif_set_up(&h.nif);
  netif_set_link_up(&h.nif);  // lwIP sends its gratuitous ARP here
  for (const std::uint16_t port : h.opt.ports) {
    tcp_pcb* pcb = tcp_new_ip_type(IPADDR_TYPE_V4);
    if (pcb == nullptr) {
      std::fprintf(stderr, "lwip_host: tcp_new failed\n");
      return false;
    }
    const err_t e = tcp_bind(pcb, IP4_ADDR_ANY, port);
    if (e != ERR_OK) {
      std::fprintf(stderr, "lwip_host: tcp_bind %u: error %d\n", port, e);
      tcp_close(pcb);
      return false;
    }
    tcp_pcb* lpcb = tcp_listen(pcb);  // frees pcb; backlog unused (TCP_LISTEN_BACKLOG 0)
    if (lpcb == nullptr) {
      std::fprintf(stderr, "lwip_host: tcp_listen %u failed\n", port);
      tcp_close(pcb);
      return false;
    }
    tcp_arg(lpcb, &h);
    tcp_accept(lpcb, on_accept);
    h.listeners.push_back(lpcb);
  }
  sys_timeout(kTrimIntervalMs, trim_pcbs, &h);
  return true;
}

// With the core lock held: what a powered-off device does, i.e. nothing on
// the wire. Listeners close (no packets), connections are dropped silently.
void shut_down(Host& h) {
  h.stopping = true;
  sys_untimeout(trim_pcbs, &h);
  for (tcp_pcb* l : h.listeners) tcp_close(l);
  h.listeners.clear();
  while (tcp_active_pcbs != nullptr) tcp_abandon(tcp_active_pcbs, 0);
  while (tcp_tw_pcbs != nullptr) tcp_abort(tcp_tw_pcbs);
  netif_set_link_down(&h.nif);
  netif_set_down(&h.nif);
  netif_remove(&h.nif);
}

// Reads every frame that is waiting (at most kFramesPerWakeup) into lwIP.
void pump_frames(Host& h) {
  std::uint8_t frame[65536];
  for (int i = 0; i < kFramesPerWakeup; ++i) {
    const ssize_t n = read(h.tap_fd, frame, sizeof frame);
    if (n < 0) {
      if (errno != EAGAIN && errno != EINTR)
        std::fprintf(stderr, "lwip_host: read: %s\n", std::strerror(errno));
      return;
    }
    if (n < 14 || static_cast<std::size_t>(n) > kMaxFrame) {  // runt or jumbo
      h.frames_dropped++;
      continue;
    }
    h.frames_in++;
    pbuf* p = pbuf_alloc(PBUF_RAW, static_cast<u16_t>(n), PBUF_RAM);
    if (p == nullptr) {
      h.frames_dropped++;
      continue;
    }
    pbuf_take(p, frame, static_cast<u16_t>(n));
    err_t e = ERR_MEM;
    for (int t = 0; t < kInputRetries; ++t) {
      e = h.nif.input(p, &h.nif);  // tcpip_input: trypost to the tcpip mbox
      if (e != ERR_MEM) break;
      usleep(kInputRetryUs);
    }
    if (e != ERR_OK) {
      pbuf_free(p);
      h.frames_dropped++;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  Host host;
  host.opt = parse_args(argc, argv);

  const rlimit lim{kDataLimit, kDataLimit};
  if (setrlimit(RLIMIT_DATA, &lim) != 0)
    std::fprintf(stderr, "lwip_host: setrlimit(RLIMIT_DATA): %s\n", std::strerror(errno));

  // Block the stop signals before lwIP starts its thread, so it inherits the
  // mask and only our signalfd sees them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  signal(SIGPIPE, SIG_IGN);
  const int sfd = signalfd(-1, &stop, SFD_CLOEXEC | SFD_NONBLOCK);
  if (sfd < 0) {
    std::fprintf(stderr, "lwip_host: signalfd: %s\n", std::strerror(errno));
    return 1;
  }

  host.tap_fd = open_tap(host.opt.tap);
  if (host.tap_fd < 0) return 1;

  InitDone ready;
  tcpip_init(on_tcpip_ready, &ready);
  {
    std::unique_lock<std::mutex> lock(ready.m);
    ready.cv.wait(lock, [&] { return ready.done; });
  }

  LOCK_TCPIP_CORE();
  const bool ok = bring_up(host);
  UNLOCK_TCPIP_CORE();
  if (!ok) return 1;

  if (!host.opt.ready_file.empty()) {
    const std::string tmp = host.opt.ready_file + ".tmp";
    {
      std::ofstream f(tmp);
      f << getpid() << "\n";
      if (!f) {
        std::fprintf(stderr, "lwip_host: cannot write %s\n", tmp.c_str());
        return 1;
      }
    }
    std::rename(tmp.c_str(), host.opt.ready_file.c_str());
  }
  char addr_text[16];
  ip4addr_ntoa_r(&host.opt.addr, addr_text, sizeof addr_text);
  std::fprintf(stderr, "lwip_host: lwIP %s on %s as %s, %zu listening port(s), pid %d\n",
               LWIP_VERSION_STRING, host.opt.tap.c_str(), addr_text, host.listeners.size(),
               static_cast<int>(getpid()));

  int signo = 0;
  while (signo == 0) {
    pollfd fds[2] = {{host.tap_fd, POLLIN, 0}, {sfd, POLLIN, 0}};
    const int r = poll(fds, 2, 1000);
    if (r < 0) {
      if (errno == EINTR) continue;
      std::fprintf(stderr, "lwip_host: poll: %s\n", std::strerror(errno));
      break;
    }
    if (fds[1].revents & POLLIN) {
      signalfd_siginfo si{};
      if (read(sfd, &si, sizeof si) == static_cast<ssize_t>(sizeof si))
        signo = static_cast<int>(si.ssi_signo);
    }
    if (fds[0].revents & (POLLERR | POLLHUP | POLLNVAL)) {
      std::fprintf(stderr, "lwip_host: TAP %s went away\n", host.opt.tap.c_str());
      break;
    }
    if (fds[0].revents & POLLIN) pump_frames(host);
  }

  LOCK_TCPIP_CORE();
  shut_down(host);
  UNLOCK_TCPIP_CORE();
  close(host.tap_fd);
  std::fprintf(stderr,
               "lwip_host: stopped (%s): frames in %llu out %llu dropped %llu write errors %llu, "
               "accepted %llu, pcbs trimmed %llu\n",
               signo ? strsignal(signo) : "error",
               static_cast<unsigned long long>(host.frames_in.load()),
               static_cast<unsigned long long>(host.frames_out.load()),
               static_cast<unsigned long long>(host.frames_dropped.load()),
               static_cast<unsigned long long>(host.write_errors.load()),
               static_cast<unsigned long long>(host.accepted.load()),
               static_cast<unsigned long long>(host.trimmed.load()));
  // lwIP 2.1 cannot stop its tcpip thread; it is blocked in its mbox, holds
  // nothing, and ends with the process.
  return signo ? 0 : 1;
}
