// A scratch file name that belongs to one test in one process. CTest runs
// every TEST as its own process, several at once, so two tests that write
// the same fixed name under TempDir() race: one reads what the other wrote.
#pragma once

#include <string>

namespace zeroscan {

// TempDir()/zs_<suite>.<test>_<pid>_<stem>; the file itself is not created.
std::string scratch_path(const std::string& stem);

}  // namespace zeroscan
