// PcapFileWriter: nanosecond pcap files, with write failures (full disk,
// closed pipe) turned into one clear error instead of a silently short file.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "link_types.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/net/pcap_files.h"

namespace zeroscan {

PcapFileWriter::PcapFileWriter(const std::string& path, LinkType link_type, int snaplen)
    : path_(path), snaplen_(snaplen) {
  dead_ = pcap_open_dead_with_tstamp_precision(net_detail::dlt_from_link_type(link_type), snaplen,
                                               PCAP_TSTAMP_PRECISION_NANO);
  if (dead_ == nullptr) throw SystemError("cannot prepare capture file '" + path + "'");
  dumper_ = pcap_dump_open(dead_, path.c_str());
  if (dumper_ == nullptr) {
    std::string reason = pcap_geterr(dead_);
    pcap_close(dead_);
    throw SystemError("cannot write capture file '" + path + "': " + reason);
  }
}

PcapFileWriter::~PcapFileWriter() {
  if (dumper_ != nullptr) pcap_dump_close(dumper_);
  if (dead_ != nullptr) pcap_close(dead_);
}

bool PcapFileWriter::write(const std::uint8_t* data, std::size_t size, std::int64_t timestamp_ns) {
  if (dumper_ == nullptr || !error_.empty()) return false;
  pcap_pkthdr header{};
  header.ts.tv_sec = static_cast<time_t>(timestamp_ns / 1'000'000'000);
  header.ts.tv_usec = static_cast<suseconds_t>(timestamp_ns % 1'000'000'000);  // ns: see the precision above
  header.len = static_cast<bpf_u_int32>(size);
  header.caplen = static_cast<bpf_u_int32>(std::min<std::size_t>(size, static_cast<std::size_t>(snaplen_)));
  errno = 0;
  pcap_dump(reinterpret_cast<u_char*>(dumper_), &header, data);
  // pcap_dump reports nothing; the stream's error flag does.
  if (std::ferror(pcap_dump_file(dumper_))) record_failure(errno);
  return error_.empty();
}

void PcapFileWriter::close() {
  if (dumper_ == nullptr) {
    if (!error_.empty()) throw SystemError(error_);
    return;
  }
  errno = 0;
  if (pcap_dump_flush(dumper_) != 0 && error_.empty()) record_failure(errno);
  pcap_dump_close(dumper_);
  dumper_ = nullptr;
  if (!error_.empty()) throw SystemError(error_);
}

void PcapFileWriter::record_failure(int error_number) {
  if (!error_.empty()) return;
  error_ = "writing capture file '" + path_ + "' failed: " +
           (error_number != 0 ? std::strerror(error_number) : "write error");
}

}  // namespace zeroscan
