// Grepable report: header comment, host lines, closing comment.
#include "zeroscan/output/grepable_writer.h"

#include <cstdio>
#include <vector>

#include "zeroscan/output/port_list.h"
#include "zeroscan/output/port_reason.h"
#include "zeroscan/output/record_text.h"

namespace zeroscan {

namespace {

// '/' and ',' separate slots and entries; a service name must not contain them.
void append_slot_safe(std::string& out, std::string_view text) {
  for (char c : text) out += (c == '/' || c == ',' || c == '\t' || c == '\n') ? '|' : c;
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", seconds);
  return text;
}

}  // namespace

GrepableWriter::GrepableWriter(std::unique_ptr<OutputFile> file, PortAnnotator annotate)
    : file_(std::move(file)), annotate_(std::move(annotate)) {}

void GrepableWriter::port(const PortRecord& record) { table_.add(record); }

void GrepableWriter::finish(const ScanSummary& s) {
  std::string head = "# zeroscan " + (s.version.empty() ? std::string("unknown") : s.version) + " scan";
  if (s.start_unix) head += " started " + wall_time_text(s.start_unix);
  head += " as: " + (s.args.empty() ? std::string("zeroscan") : s.args) + "\n";
  char coverage[160];
  std::snprintf(coverage, sizeof coverage,
                "# seed %llu, shard %u/%u, coverage %llu/%llu probes (%.2f%%)",
                static_cast<unsigned long long>(s.seed), s.shard_index, s.shard_count,
                static_cast<unsigned long long>(s.covered),
                static_cast<unsigned long long>(s.space_size),
                s.space_size ? 100.0 * double(s.covered) / double(s.space_size) : 0.0);
  head += coverage;
  if (s.merged_from) head += ", merged from " + std::to_string(s.merged_from) + " shard outputs";
  head += "\n";
  file_->write(head);

  std::uint64_t up = 0, listed_hosts = 0;
  // Reused for every host: once warm, a host's lines cost no allocation
  // (a port's text is appended piece by piece, never built as a string).
  std::string out, prefix, listed;
  std::vector<std::uint16_t> ignored;
  table_.for_each_host([&](const HostEntries& host) {
    ++listed_hosts;
    const bool is_up = host.up();
    if (is_up) ++up;
    prefix.assign("Host: ");
    append_ip(prefix, host.ip);
    prefix += " ()\t";
    out.assign(prefix);
    out += is_up ? "Status: Up\n" : "Status: Down\n";
    for (int k = 0; k < kProbeKindCount; ++k) {
      listed.clear();
      ignored.clear();
      bool any = false;
      for (const PortEntry* e = host.first; e != host.last; ++e) {
        if (e->probe != ProbeKind(k)) continue;
        any = true;
        if (!e->answered && e->reason == StateReason::NoResponse) {
          ignored.push_back(e->port);
          continue;
        }
        if (!listed.empty()) listed += ", ";
        append_number(listed, e->port);
        listed += '/';
        listed += to_string(e->state);
        listed += "/tcp//";
        if (annotate_) append_slot_safe(listed, annotate_(e->port).service);
        listed += "//";
        listed += report_reason(*e);
        listed += '/';
      }
      if (!any) continue;
      out += prefix;
      out += "Probe: ";
      out += to_string(ProbeKind(k));
      if (!listed.empty()) {
        out += "\tPorts: ";
        out += listed;
      }
      if (!ignored.empty()) {
        out += "\tIgnored State: filtered (";
        append_number(out, ignored.size());
        out += ")\tIgnored Ports: ";
        out += format_port_list(ignored);
      }
      out += '\n';
    }
    file_->write(out);  // one call per host
  });

  hosts_up_.for_each([&](const HostUpRecord& host) {
    ++listed_hosts;
    ++up;
    file_->write("Host: " + host.ip.to_string() + " ()\tStatus: Up\n");
  });

  const std::uint64_t total = std::max<std::uint64_t>(s.targets, listed_hosts);
  std::string tail = "# zeroscan done";
  if (s.start_unix) tail += " at " + wall_time_text(s.start_unix + std::int64_t(s.elapsed_seconds));
  tail += " -- " + std::to_string(total) + " IP address(es) (" + std::to_string(up) +
          " host(s) up) scanned in " + seconds_text(s.elapsed_seconds) + " seconds";
  if (s.interrupted) tail += " (interrupted: results are partial)";
  // Like XML's closing tag: only after everything before it went out.
  if (error().empty()) file_->write(tail + "\n");
  file_->close();
}

}  // namespace zeroscan
