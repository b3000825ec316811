// Mapping between libpcap DLT_* numbers and zeroscan's LinkType. Private to
// src/net.
#pragma once

#include <optional>

#include "zeroscan/parse/reply_parser.h"

namespace zeroscan::net_detail {

std::optional<LinkType> link_type_from_dlt(int dlt);
int dlt_from_link_type(LinkType link_type);

}  // namespace zeroscan::net_detail
