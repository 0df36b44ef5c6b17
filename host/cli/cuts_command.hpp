// `airshed cuts OUTDIR`: emission-cut scenarios evaluated from a tagged
// run's contributions without a rerun (docs/tagging.md, "airshed cuts"):
// --cut TAG=FRACTION (one scenario), --cuts FILE.csv (one per row),
// --emergency LIST.csv [--level L] (the emergency-list check). Prints the
// table `airshed batch` prints; --csv / --ground-csv write the statistics.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace airshed::cli {

struct CutsOptions {
  std::string out_dir;
  std::vector<std::string> cut;  // TAG=FRACTION
  std::string name;              // of the --cut scenario
  std::string cuts_file, csv, ground_csv, emergency, level;
  bool quiet = false;  // no table on the terminal
};

CLI::App* add_cuts_subcommand(CLI::App& app, CutsOptions& options);

// 0 on success; 2 for bad input (an unknown tag, a bad fraction or row,
// an unreadable contributions file), with one line on stderr; 1 when a
// CSV cannot be written.
int cuts_command(const CutsOptions& options);

}  // namespace airshed::cli
