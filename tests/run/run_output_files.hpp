// Reading a run's output files in tests that compare two runs of one case.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace airshed::test {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// run.json without what differs between two runs of the same case: the
// wall-clock time and the output directory's path.
inline std::string run_json_case(const std::filesystem::path& file) {
  std::istringstream in(slurp(file));
  std::string l, kept;
  while (std::getline(in, l))
    if (l.find("\"wall_seconds\"") == std::string::npos &&
        l.find("\"output_dir") == std::string::npos)
      kept += l + "\n";
  return kept;
}

}  // namespace airshed::test
