// Building the writers a command line asks for.
#include "zeroscan/output/output_set.h"

#include "zeroscan/core/errors.h"
#include "zeroscan/output/csv_writer.h"
#include "zeroscan/output/grepable_writer.h"
#include "zeroscan/output/ndjson_writer.h"
#include "zeroscan/output/text_writer.h"
#include "zeroscan/output/xml_writer.h"

namespace zeroscan {

OutputPaths expand_all(OutputPaths p) {
  if (p.all_base.empty()) return p;
  if (p.all_base == "-") throw UsageError("-oA needs a base file name, not '-'");
  auto fill = [&](std::string& path, const char* extension) {
    if (path.empty()) path = p.all_base + extension;
  };
  fill(p.json, ".json");
  fill(p.normal, ".nmap");
  fill(p.xml, ".xml");
  fill(p.grepable, ".gnmap");
  fill(p.csv, ".csv");
  return p;
}

OutputPaths written_paths(const OutputPaths& given) {
  OutputPaths p = expand_all(given);
  if (!p.resume) return p;
  for (std::string* document : {&p.xml, &p.csv})
    if (!document->empty() && *document != "-") *document += ".resumed";
  return p;
}

std::unique_ptr<ResultSink> build_result_sinks(const OutputPaths& given, const PortAnnotator& annotate,
                                               bool open_only) {
  const OutputPaths p = expand_all(given);
  int on_stdout = 0;
  for (const std::string* path : {&p.json, &p.normal, &p.xml, &p.grepable, &p.csv})
    if (*path == "-") ++on_stdout;
  if (on_stdout > 1) throw UsageError("only one output format can go to stdout ('-')");

  auto sinks = std::make_unique<SinkList>();
  auto add = [&](std::unique_ptr<ResultSink> sink) {
    if (open_only) sink = std::make_unique<OpenOnlyFilter>(std::move(sink));
    sinks->add(std::move(sink));
  };
  auto file = [](const std::string& path) { return std::make_unique<OutputFile>(path); };
  auto stream = [&p](const std::string& path) { return std::make_unique<OutputFile>(path, p.resume); };
  if (!p.json.empty()) add(std::make_unique<NdjsonWriter>(stream(p.json), annotate));
  if (!p.normal.empty()) add(std::make_unique<TextWriter>(stream(p.normal), annotate, p.reason_column));
  if (!p.xml.empty()) add(std::make_unique<XmlWriter>(file(p.xml), annotate));
  if (!p.grepable.empty()) add(std::make_unique<GrepableWriter>(stream(p.grepable), annotate));
  if (!p.csv.empty()) add(std::make_unique<CsvWriter>(file(p.csv), annotate));
  if (on_stdout == 0) add(std::make_unique<TextWriter>(file("-"), annotate, p.reason_column));
  return sinks;
}

}  // namespace zeroscan
