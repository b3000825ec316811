// Privileges: raw packet sockets need root or CAP_NET_RAW, checked once at
// start-up so the user gets one clear line instead of a failure deep in the
// sender; and once every packet socket, the capture handle and the output
// files are open, root is given up (least privilege: the scan then runs as
// the user who ran sudo, or as nobody).
#pragma once

#include <string>
#include <vector>
#include <sys/types.h>

namespace zeroscan {

// The one-line advice used whenever the kernel refuses a packet socket.
std::string packet_socket_privilege_advice();

// Opens (and closes) an AF_PACKET raw socket. Throws SystemError with
// packet_socket_privilege_advice() on EPERM/EACCES, and a SystemError
// naming the errno for anything else (e.g. a kernel without AF_PACKET).
void require_packet_socket_privilege();

// Who a root scan becomes: the invoking user from sudo's SUDO_UID and
// SUDO_GID (when both are plain numbers and not 0), else `nobody_uid` /
// `nobody_gid`. Pure, for tests.
struct Identity {
  uid_t uid = 0;
  gid_t gid = 0;
  std::string name;  // "uid 1000" or "nobody"
};
Identity unprivileged_identity(const char* sudo_uid, const char* sudo_gid, uid_t nobody_uid,
                               gid_t nobody_gid);

// Gives up root for good: clears every capability (bounding set too) and
// switches to unprivileged_identity(SUDO_UID, SUDO_GID, nobody), except
// that `keep_net_admin` keeps CAP_NET_ADMIN — permitted, effective and
// ambient, so the `nft` child that removes --os-rto's table at exit still
// may. Call before any thread starts (capabilities are per thread). Does
// nothing and returns "" when not running as root; else a note naming the
// identity taken. When that user could not write one of `written_later`
// (files opened only later, like the resume file a Ctrl-C leaves), the uid
// stays 0 but every capability still goes. Files in `handed_over` (the
// outputs' temporary files, created as root and renamed into place at the
// end) become that user's first, so the user may rename them, also in a
// sticky directory like /tmp. Throws SystemError when the switch fails.
std::string drop_privileges(bool keep_net_admin, const std::vector<std::string>& written_later = {},
                            const std::vector<std::string>& handed_over = {});

}  // namespace zeroscan
