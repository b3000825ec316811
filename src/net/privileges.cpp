// Giving up root after start-up (see privileges.h), with libcap-ng.
#include "zeroscan/net/privileges.h"

#include <cap-ng.h>
#include <linux/capability.h>
#include <pwd.h>
#include <cstdlib>
#include <unistd.h>

#include "zeroscan/core/errors.h"

namespace zeroscan {

namespace {

// A decimal id, not 0 (sudo from root itself leaves nothing to return to).
bool parse_id(const char* text, unsigned long& value) {
  if (!text || !*text) return false;
  char* end = nullptr;
  value = std::strtoul(text, &end, 10);
  return *end == '\0' && text[0] >= '0' && text[0] <= '9' && value != 0 && value < 0xffffffffUL;
}

}  // namespace

Identity unprivileged_identity(const char* sudo_uid, const char* sudo_gid, uid_t nobody_uid,
                               gid_t nobody_gid) {
  unsigned long uid = 0, gid = 0;
  if (parse_id(sudo_uid, uid) && parse_id(sudo_gid, gid))
    return Identity{uid_t(uid), gid_t(gid), "uid " + std::to_string(uid)};
  return Identity{nobody_uid, nobody_gid, "nobody"};
}

std::string drop_privileges(bool keep_net_admin) {
  if (::geteuid() != 0) return "";
  uid_t nobody_uid = 65534;
  gid_t nobody_gid = 65534;
  if (const passwd* nobody = ::getpwnam("nobody")) {
    nobody_uid = nobody->pw_uid;
    nobody_gid = nobody->pw_gid;
  }
  const Identity who =
      unprivileged_identity(std::getenv("SUDO_UID"), std::getenv("SUDO_GID"), nobody_uid, nobody_gid);
  capng_clear(CAPNG_SELECT_ALL);
  if (keep_net_admin)
    capng_update(CAPNG_ADD, capng_type_t(CAPNG_EFFECTIVE | CAPNG_PERMITTED | CAPNG_INHERITABLE),
                 CAP_NET_ADMIN);
  if (capng_change_id(int(who.uid), int(who.gid), capng_flags_t(CAPNG_DROP_SUPP_GRP | CAPNG_CLEAR_BOUNDING)) != 0)
    throw SystemError("cannot give up root (switching to " + who.name + " failed)");
  if (keep_net_admin) {
    // Ambient after the switch: an exec'd nft inherits CAP_NET_ADMIN only so.
    capng_update(CAPNG_ADD, CAPNG_AMBIENT, CAP_NET_ADMIN);
    if (capng_apply(CAPNG_SELECT_AMBIENT) != 0)
      throw SystemError("cannot keep CAP_NET_ADMIN for --os-rto's cleanup after giving up root");
  }
  if (::getuid() == 0 || ::geteuid() == 0) throw SystemError("still root after giving up root");
  return "running as " + who.name + (keep_net_admin ? " with CAP_NET_ADMIN only" : " without capabilities");
}

}  // namespace zeroscan
