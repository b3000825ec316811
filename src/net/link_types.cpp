// DLT <-> LinkType.
#include "link_types.h"

#include <pcap/pcap.h>

namespace zeroscan::net_detail {

std::optional<LinkType> link_type_from_dlt(int dlt) {
  switch (dlt) {
    case DLT_EN10MB: return LinkType::Ethernet;
    case DLT_RAW:
    case DLT_IPV4: return LinkType::RawIp;
    case DLT_LINUX_SLL: return LinkType::LinuxSll;
    default: return std::nullopt;
  }
}

int dlt_from_link_type(LinkType link_type) {
  switch (link_type) {
    case LinkType::Ethernet: return DLT_EN10MB;
    case LinkType::RawIp: return DLT_RAW;
    case LinkType::LinuxSll: return DLT_LINUX_SLL;
  }
  return DLT_EN10MB;
}

}  // namespace zeroscan::net_detail
