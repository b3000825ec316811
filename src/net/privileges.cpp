// Giving up root after start-up (see privileges.h), with libcap-ng.
#include "zeroscan/net/privileges.h"

#include <cap-ng.h>
#include <linux/capability.h>
#include <pwd.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
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

// Could `who` create or overwrite `path` (the file if it exists, else its
// directory)? Plain mode bits: the identity has no capabilities.
bool writable_by(const std::string& path, const Identity& who) {
  struct stat st {};
  std::string target = path;
  if (::stat(target.c_str(), &st) != 0) {
    const auto slash = path.rfind('/');
    target = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    if (::stat(target.c_str(), &st) != 0) return false;
  }
  if (st.st_uid == who.uid) return st.st_mode & S_IWUSR;
  if (st.st_gid == who.gid) return st.st_mode & S_IWGRP;
  return st.st_mode & S_IWOTH;
}

}  // namespace

Identity unprivileged_identity(const char* sudo_uid, const char* sudo_gid, uid_t nobody_uid,
                               gid_t nobody_gid) {
  unsigned long uid = 0, gid = 0;
  if (parse_id(sudo_uid, uid) && parse_id(sudo_gid, gid))
    return Identity{uid_t(uid), gid_t(gid), "uid " + std::to_string(uid)};
  return Identity{nobody_uid, nobody_gid, "nobody"};
}

std::string drop_privileges(bool keep_net_admin, const std::vector<std::string>& written_later,
                            const std::vector<std::string>& handed_over) {
  if (::geteuid() != 0) return "";
  uid_t nobody_uid = 65534;
  gid_t nobody_gid = 65534;
  if (const passwd* nobody = ::getpwnam("nobody")) {
    nobody_uid = nobody->pw_uid;
    nobody_gid = nobody->pw_gid;
  }
  Identity who = unprivileged_identity(std::getenv("SUDO_UID"), std::getenv("SUDO_GID"), nobody_uid, nobody_gid);
  // A file written later (the resume file on Ctrl-C) where that user may not
  // write: keep uid 0, but without any capability.
  for (const std::string& path : written_later)
    if (!writable_by(path, who)) who = Identity{0, 0, "root without capabilities (so '" + path + "' stays writable)"};
  if (who.uid != 0)
    for (const std::string& path : handed_over)
      if (::chown(path.c_str(), who.uid, who.gid) != 0)
        throw SystemError("cannot hand '" + path + "' over to " + who.name + ": " + std::strerror(errno));
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
  if (who.uid != 0 && (::getuid() == 0 || ::geteuid() == 0)) throw SystemError("still root after giving up root");
  if (who.uid == 0) return "running as " + who.name + (keep_net_admin ? ", CAP_NET_ADMIN kept" : "");
  return "running as " + who.name + (keep_net_admin ? " with CAP_NET_ADMIN only" : " without capabilities");
}

}  // namespace zeroscan
