// What every output of a scan says about the scan itself (its config,
// version, command line, start), and how ports are annotated with the port
// knowledge base. Shared by the live scan and `zeroscan analyze`, so an
// analyzed capture's outputs describe the scan exactly as the live ones did
// (and `zeroscan merge` treats them alike).
#pragma once

#include "zeroscan/cli/scan_inputs.h"
#include "zeroscan/cli/scan_options.h"
#include "zeroscan/core/scan_results.h"
#include "zeroscan/output/result_sink.h"
#include "zeroscan/ports/port_database.h"

namespace zeroscan {

// Config, version and command line; start_unix is now.
ScanSummary describe_scan(const ScanOptions& options, const ScanInputs& inputs);

// Service names and backdoor warnings for TCP ports. `db` must outlive it.
PortAnnotator make_port_annotator(const ports::PortDatabase& db);

}  // namespace zeroscan
