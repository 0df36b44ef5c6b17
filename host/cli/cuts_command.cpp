#include "host/cli/cuts_command.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <set>

#include "host/attribution/contributions.hpp"
#include "host/attribution/emergency.hpp"
#include "host/attribution/factor_sets.hpp"
#include "host/attribution/recombine.hpp"
#include "host/batch/batch_summary.hpp"
#include "host/batch/cuts_summary.hpp"
#include "host/input/input_error.hpp"
#include "host/output/atomic_file.hpp"

namespace airshed::cli {

namespace fs = std::filesystem;
using namespace airshed::attribution;

CLI::App* add_cuts_subcommand(CLI::App& app, CutsOptions& o) {
  auto* c = app.add_subcommand(
      "cuts", "emission-cut scenarios from a tagged run's contributions (docs/tagging.md)");
  c->fallthrough();
  c->add_option("outdir", o.out_dir, "output directory of a tagged run (contributions.h5)")
      ->required();
  c->add_option("--cut", o.cut, "TAG=FRACTION (repeatable): one scenario; 0.3 keeps 70 %");
  c->add_option("--name", o.name, "name of the --cut scenario (default: the cuts)");
  c->add_option("--cuts", o.cuts_file, "CSV of factor sets: scenario,TAG,... one row each");
  c->add_option("--emergency", o.emergency,
                "emergency list CSV: enterprise,yellow,orange,red (the emergency-list check)");
  c->add_option("--level", o.level, "warning level of the check (default: all three)")
      ->check(CLI::IsMember({"yellow", "orange", "red"}));
  c->add_option("--csv", o.csv, "write every receptor statistic of every scenario here");
  c->add_option("--ground-csv", o.ground_csv,
                "also recombine the ground maps and write their statistics here");
  c->add_flag("--quiet", o.quiet, "no table on the terminal");
  return c;
}

namespace {

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : " ") + x;
  return s;
}

int write(const std::string& path, const std::string& text) {
  try {
    output::write_file_atomically(path, text);
  } catch (const std::exception& e) {
    std::cerr << "airshed: error: cuts: " << printable_line(e.what()) << "\n";
    return 1;
  }
  std::cout << "cuts: wrote " << fs::absolute(path).lexically_normal().string() << "\n";
  return 0;
}

}  // namespace

int cuts_command(const CutsOptions& o) {
  if (o.cut.empty() && o.cuts_file.empty() && o.emergency.empty()) {
    std::cerr << "airshed: error: cuts: no scenario; give --cut TAG=FRACTION, --cuts FILE.csv "
                 "or --emergency LIST.csv\n";
    return 2;
  }
  if (!o.level.empty() && o.emergency.empty()) {
    std::cerr << "airshed: error: cuts: --level needs --emergency LIST.csv\n";
    return 2;
  }
  Contributions c;
  std::vector<FactorSet> sets;
  EmergencyList list;
  std::vector<Level> levels;
  try {
    c = read_contributions(o.out_dir);
    if (!o.cut.empty())
      sets.push_back(
          factors_from_arguments(c.tags, o.cut, o.name.empty() ? joined(o.cut) : o.name));
    if (!o.cuts_file.empty())
      for (FactorSet& s : read_factor_sets(c.tags, o.cuts_file)) sets.push_back(std::move(s));
    if (!o.emergency.empty()) {
      list = read_emergency_list(c.tags, o.emergency);
      if (o.level.empty())
        levels.assign(kLevels.begin(), kLevels.end());
      else
        levels.push_back(*parse_level(o.level));
      for (Level l : levels) sets.push_back(emergency_factors(list, c.ntags(), l));
    }
    std::set<std::string> names;
    for (const FactorSet& s : sets)
      if (!names.insert(s.name).second)
        throw CutsError("scenario '" + s.name +
                        "' is named twice (--name, --cuts rows and emergency-LEVEL must differ)");
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {  // ContributionsError, CutsError
    std::cerr << "airshed: error: " << printable_line(e.what()) << "\n";
    return 2;
  }

  CutResults r;
  try {
    r = evaluate_cuts(c, sets, !o.ground_csv.empty());
  } catch (const std::exception& e) {
    std::cerr << "airshed: error: " << printable_line(e.what()) << "\n";
    return 2;
  }
  std::cout << "cuts: " << sets.size() << " scenario(s) from " << c.file << " (" << c.ntags()
            << " tags, " << c.nr() << " receptors, " << c.nt() << " times)\n";
  if (!r.linear)
    std::cout << "cuts: " << kEstimateLabel << ": the run had a process that is not linear in "
              << "the emissions"
              << (c.nonlinear_processes.empty() ? "" : " (" + c.nonlinear_processes + ")")
              << ", so a recombination is an estimate of a rerun; the uncut baseline stays exact"
              // Chemistry is not homogeneous (the backgrounds react too);
              // the limited advection is (docs/tagging.md).
              << (c.nonlinear_processes.find("chemistry") == std::string::npos
                      ? " and so does a cut by one factor on every emitting tag\n"
                      : "\n");
  try {
    const std::size_t first = sets.size() - levels.size();  // the levels' scenarios come last
    for (std::size_t i = 0; i < levels.size(); ++i)
      print_emission_cuts(emission_cuts(c, sets[first + i], levels[i]), levels[i], std::cout);
  } catch (const std::exception& e) {
    std::cerr << "airshed: error: " << printable_line(e.what()) << "\n";
    return 2;
  }
  if (!o.quiet) batch::print_summary_table(batch::cuts_summary_rows(r), std::cout);
  if (!o.csv.empty() && write(o.csv, batch::cuts_csv(r)) != 0) return 1;
  if (!o.ground_csv.empty() && write(o.ground_csv, batch::cuts_ground_csv(r)) != 0) return 1;
  return 0;
}

}  // namespace airshed::cli
