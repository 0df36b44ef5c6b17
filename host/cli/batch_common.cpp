#include "host/cli/batch_common.hpp"

#include <filesystem>
#include <iostream>
#include <vector>

#include "host/batch/batch_member.hpp"
#include "host/batch/batch_summary.hpp"
#include "host/input/input_error.hpp"

namespace airshed::cli {

namespace fs = std::filesystem;
using namespace airshed::batch;

std::string self_exe() {
  std::error_code ec;
  const fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("airshed") : p.string();
}

int summarise(const BatchSpec& b, const std::string& out_dir, bool print) {
  const std::string path = (fs::path(out_dir) / "summary.csv").string();
  try {
    std::vector<std::string> left_out;
    const auto rows = batch_summary(b, out_dir, &left_out);
    for (const std::string& l : left_out)
      std::cerr << "batch: summary leaves out " << l << "; run the batch again to update it\n";
    write_summary_csv(rows, path);
    if (print) {
      // Which path gave the numbers (docs/batch.md; --via-tags says its own).
      std::cout << "batch: summary from one run per member\n";
      print_summary_table(rows, std::cout);
    }
  } catch (const std::exception& e) {
    std::cerr << "airshed: error: summary: " << printable_line(e.what()) << "\n";
    return 1;
  }
  std::cout << "summary: " << fs::absolute(path).lexically_normal().string() << "\n";
  return 0;
}

bool member_current(const BatchSpec& b, const std::string& out_dir, const MemberSpec& m) {
  if (!member_complete(out_dir, m)) return false;
  const std::string why = member_outdated(b, out_dir, m);
  if (why.empty()) return true;
  std::cout << "batch: " << m.name << " is out of date (" << why
            << " since it ran); running it again\n"
            << std::flush;
  return false;
}

}  // namespace airshed::cli
