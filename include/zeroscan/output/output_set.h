// The output formats a command line asks for (-oJ -oN -oX -oG -oC -oA),
// built into one ResultSink. Shared by the scan command and `zeroscan
// merge`, so both accept the same options and write the same files.
#pragma once

#include <memory>
#include <string>

#include "zeroscan/output/result_sink.h"

namespace zeroscan {

// Each path: empty = not wanted, "-" = stdout.
struct OutputPaths {
  std::string json;      // -oJ  NDJSON
  std::string normal;    // -oN  human report
  std::string xml;       // -oX  nmap-compatible XML
  std::string grepable;  // -oG
  std::string csv;       // -oC
  std::string all_base;  // -oA BASE: BASE.json, BASE.nmap, BASE.xml, BASE.gnmap, BASE.csv
                         //       (a format also given on its own keeps its own path)
  // A resumed scan continues its outputs: the line-based formats (NDJSON,
  // normal, grepable) are appended to; XML and CSV, which are one document
  // each, go to PATH.resumed beside the original (written_paths names them).
  bool resume = false;
  bool reason_column = false;  // the text report's REASON column (--reason, as in nmap)
};

// Applies -oA: fills every format not given explicitly from the base name.
OutputPaths expand_all(OutputPaths paths);

// The files the outputs are: expand_all, and for a resumed scan XML and CSV
// at PATH.resumed.
OutputPaths written_paths(const OutputPaths& given);

// Opens every wanted output at the path it is given (after expand_all; a
// resumed scan passes written_paths, or the files written aside for them),
// the line formats appended to when `resume`. The human report also goes to stdout unless a
// format already claims stdout. open_only puts each writer behind the
// --open filter. Throws UsageError when two outputs claim stdout or a file
// cannot be opened for writing.
std::unique_ptr<ResultSink> build_result_sinks(const OutputPaths& paths, const PortAnnotator& annotate,
                                               bool open_only);

}  // namespace zeroscan
