// Start-up errors. Everything that can go wrong before the first packet is
// sent throws one of these; main maps them to one line and exit code 2.
// The hot path (send/receive loops) never throws.
#pragma once

#include <stdexcept>
#include <string>

namespace zeroscan {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Bad user input: targets, ports, flags, files.
struct UsageError : Error {
  using Error::Error;
};

// The environment refuses: no privilege, no such interface, no route.
struct SystemError : Error {
  using Error::Error;
};

// A data file (fingerprints, port database, resume file) is malformed.
// The message already lists every bad line as file:line.
struct DataError : Error {
  using Error::Error;
};

}  // namespace zeroscan
