# Turns the port data files into a C++ source file so the binary carries its
# own database. Run as: cmake -DROOT=<repo> -DOUTPUT=<file.cpp>
#   -DENTRY_FILES=<rel|rel> -DRANKING_FILE=<rel> -P embed_port_data.cmake
# Bytes are written as hex so no file content can break the C++ syntax.

function(embed_as_array var_name rel_path out_text)
  file(READ "${ROOT}/${rel_path}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
  # ~16 bytes a line keeps compiler diagnostics and diffs readable.
  string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n" hex "${hex}")
  set(${out_text} "const char ${var_name}[] = {\n${hex}0x00};\n" PARENT_SCOPE)
endfunction()

string(REPLACE "|" ";" ENTRY_FILES "${ENTRY_FILES}")
set(body "")
set(entry_list "")
set(index 0)
foreach(rel IN LISTS ENTRY_FILES)
  embed_as_array(kEntryFile${index} "${rel}" array)
  string(APPEND body "${array}")
  string(APPEND entry_list
    "      {\"${rel}\", std::string_view(kEntryFile${index}, sizeof(kEntryFile${index}) - 1)},\n")
  math(EXPR index "${index} + 1")
endforeach()
embed_as_array(kRankingFile "${RANKING_FILE}" array)
string(APPEND body "${array}")

set(content "// Generated at build time by src/ports/embed_port_data.cmake from the
// files under data/ports/. Do not edit; edit the data and rebuild.
#include \"zeroscan/ports/embedded_port_data.h\"

namespace zeroscan::ports {
namespace {
${body}}  // namespace

std::vector<EmbeddedDataFile> embedded_port_entry_files() {
  return {
${entry_list}  };
}

EmbeddedDataFile embedded_port_ranking_file() {
  return {\"${RANKING_FILE}\", std::string_view(kRankingFile, sizeof(kRankingFile) - 1)};
}

}  // namespace zeroscan::ports
")

# Rewrite only on change so an unrelated reconfigure does not recompile.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  if(old STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${content}")
