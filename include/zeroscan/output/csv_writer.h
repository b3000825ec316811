// CSV output (-oC): a header row, then one row per port record with the
// same fields as NDJSON (empty cells where NDJSON leaves a key out), in the
// order records conclude. RFC 4180 quoting. Each row is one write, so a
// row is whole or absent up to the last one the destination accepted.
// Firewall verdicts and the run summary are not rows of this table: they
// are in the NDJSON, XML and grepable outputs.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "zeroscan/output/annotation_cache.h"
#include "zeroscan/output/output_file.h"
#include "zeroscan/output/result_sink.h"

namespace zeroscan {

class CsvWriter : public ResultSink {
 public:
  // Writes the header row at once, so an empty scan is still a valid table.
  CsvWriter(std::unique_ptr<OutputFile> file, PortAnnotator annotate);
  void port(const PortRecord& record) override;
  void finish(const ScanSummary& summary) override;
  std::string error() const override { return file_->error(); }

  static const char* header();

 private:
  std::unique_ptr<OutputFile> file_;
  AnnotationCache annotations_;
  std::string row_;  // reused per record
};

// One CSV cell, quoted when it holds a comma, quote or line break.
std::string csv_cell(std::string_view text);
// The same, appended to `out` without a temporary.
void append_csv_cell(std::string& out, std::string_view text);

}  // namespace zeroscan
