// Loading the database compiled into the binary. The file contents come from
// the generated embedded_port_data_files.cpp (see CMakeLists.txt).
#include "zeroscan/ports/embedded_port_data.h"

#include "text_util.h"
#include "zeroscan/core/errors.h"

namespace zeroscan::ports {

PortDatabase load_embedded_port_database() {
  std::vector<std::string> errors;
  std::vector<std::vector<PortRecord>> layers;
  for (const EmbeddedDataFile& file : embedded_port_entry_files())
    layers.push_back(parse_port_records(file.text, file.name, errors));
  const EmbeddedDataFile ranking_file = embedded_port_ranking_file();
  auto ranking = parse_port_ranking(ranking_file.text, ranking_file.name, errors);
  if (!errors.empty()) throw DataError(text::join_lines(errors));
  return PortDatabase::build(layers, std::move(ranking));
}

}  // namespace zeroscan::ports
