// What the fuzz targets accept as a correct outcome for any input: either
// success, or the project's one-line error "FILE:LINE: subject: what ...".
// Everything else is a finding and calls fuzz_finding(), which prints the
// reason and aborts, so libFuzzer saves the input (and the replay tests fail).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace airshed::fuzz {

[[noreturn]] inline void fuzz_finding(const std::string& why, const std::string& detail) {
  std::fprintf(stderr, "\nairshed fuzz finding: %s\n  %s\n", why.c_str(), detail.c_str());
  std::fflush(stderr);
  std::abort();
}

// True when `message` is "FILE:LINE: REST" for this `file`, LINE >= 1 and
// REST non-empty.
inline bool has_location(const std::string& message, const std::string& file) {
  if (message.compare(0, file.size() + 1, file + ":") != 0) return false;
  std::size_t p = file.size() + 1;
  const std::size_t digits_at = p;
  while (p < message.size() && message[p] >= '0' && message[p] <= '9') ++p;
  if (p == digits_at || message[digits_at] == '0') return false;
  return message.compare(p, 2, ": ") == 0 && message.size() > p + 2;
}

// Aborts unless `message` is one non-empty line located in a file that
// `is_input_file` accepts. The file is whatever comes before some ":LINE: ";
// every such split is tried, since a file name may itself contain ":1: ".
template <class IsInputFile>
void require_one_line_error(const std::string& message, IsInputFile is_input_file) {
  if (message.empty()) fuzz_finding("empty error message", "");
  if (message.find_first_of("\r\n") != std::string::npos)
    fuzz_finding("error message spans several lines", message);
  for (std::size_t colon = message.find(':'); colon != std::string::npos;
       colon = message.find(':', colon + 1)) {
    const std::string file = message.substr(0, colon);
    if (is_input_file(file) && has_location(message, file)) return;
  }
  fuzz_finding("error message does not start with FILE:LINE: naming the input", message);
}

}  // namespace airshed::fuzz
