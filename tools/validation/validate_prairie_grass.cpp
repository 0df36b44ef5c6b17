// Project Prairie Grass with airshed: every run with meteorology, five arcs,
// model CY/Q and arc-maximum C/Q against the EPA (PG.DAT) and HARMO
// (PGrassOBSAnalysis.txt) observations, judged with Chang & Hanna (2004).
//
//   validate_prairie_grass [--data DIR] [--out DIR] [--runs 7,8,...]
//                          [--refinement-check] [--scale F] [--verbose] [--jobs N]
//                          [--expect DIR]
//
// Writes OUT/prairie_grass_results.csv (model values), OUT/prairie_grass_pairs.csv
// (model and observed side by side) and OUT/prairie_grass_statistics.csv, prints
// the statistics, and exits 1 when the EPA CY/Q bar (|FB| <= 0.2, NMSE <= 0.4,
// FAC2 >= 0.85) is missed. --expect DIR compares the statistics with the
// committed DIR/prairie_grass_statistics.csv (committed_results.hpp) and
// exits 1 when they differ beyond rounding. --refinement-check instead reruns the given runs at
// 0.5x, 1x and 2x resolution and prints the changes.
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tools/validation/committed_results.hpp"
#include "tools/validation/evaluation.hpp"
#include "tools/validation/plume_run.hpp"
#include "tools/validation/prairie_grass_data.hpp"

using namespace airshed::validation;

namespace {

struct Options {
  std::string data = AIRSHED_PRAIRIE_GRASS_DIR;
  std::string out = "validation";
  std::string expect;  // directory of the committed results; empty: no comparison
  std::vector<int> runs;
  bool refinement_check = false;
  bool verbose = false;
  int jobs = int(std::max(1u, std::thread::hardware_concurrency()));
  double scale = 1.0;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    auto value = [&]() -> std::string {
      if (a + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++a];
    };
    if (arg == "--data")
      o.data = value();
    else if (arg == "--out")
      o.out = value();
    else if (arg == "--expect")
      o.expect = value();
    else if (arg == "--scale")
      o.scale = std::stod(value());
    else if (arg == "--refinement-check")
      o.refinement_check = true;
    else if (arg == "--verbose")
      o.verbose = true;
    else if (arg == "--runs") {
      std::stringstream list(value());
      for (std::string item; std::getline(list, item, ',');) o.runs.push_back(std::stoi(item));
    } else
      throw std::invalid_argument("unknown option '" + arg +
                                  "'; allowed: --data DIR, --out DIR, --runs LIST, --scale F, "
                                  "--refinement-check, --verbose, --jobs N");
  }
  return o;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int refinement_check(const std::map<int, RunMet>& met, const Options& o) {
  std::printf(
      "grid refinement: CY/Q and Cmax/Q at 1.5 m, resolution factor 0.5, 1, 2 (1 = default)\n");
  std::printf("%4s %6s %7s | %11s %11s %11s %7s | %11s %11s %11s %7s\n", "exp", "L(m)", "x(m)",
              "CY f=0.5", "CY f=1", "CY f=2", "1 vs 2", "Cmax f=0.5", "Cmax f=1", "Cmax f=2",
              "1 vs 2");
  for (int exp : o.runs) {
    const auto it = met.find(exp);
    if (it == met.end())
      throw std::invalid_argument("run " + std::to_string(exp) + " has no meteorology");
    const BoundaryLayer bl = boundary_layer(it->second);
    for (double x : arc_distances) {
      ArcResult r[3];
      const double factors[3] = {0.5, 1.0, 2.0};
      for (int f = 0; f < 3; ++f)
        r[f] = run_arc(bl, x, refined(Resolution{}, factors[f] * o.scale));
      std::printf(
          "%4d %6.1f %7.0f | %11.4e %11.4e %11.4e %+6.1f%% | %11.4e %11.4e %11.4e %+6.1f%%\n", exp,
          it->second.obukhov_length, x, r[0].cy_over_q, r[1].cy_over_q, r[2].cy_over_q,
          100 * (r[1].cy_over_q / r[2].cy_over_q - 1), r[0].cmax_over_q, r[1].cmax_over_q,
          r[2].cmax_over_q, 100 * (r[1].cmax_over_q / r[2].cmax_over_q - 1));
      std::fflush(stdout);
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options o = parse(argc, argv);
  const EpaFile epa = read_pg_dat(o.data + "/epa/PG.DAT");
  const auto params = read_model_param_list(o.data + "/modelParamList.txt");
  const auto harmo = read_obs_analysis(o.data + "/PGrassOBSAnalysis.txt");
  const auto met = merge_met(epa.met, params);
  if (o.refinement_check) return refinement_check(met, o);

  // Runs are independent: one worker thread per core, each solver on one
  // OpenMP thread (small grids scale better this way, and a busy machine
  // does not stall them in OpenMP barriers).
  const Resolution res = refined(Resolution{}, o.scale);
  std::vector<std::pair<int, RunMet>> todo;
  for (const auto& [exp, m] : met)
    if (o.runs.empty() || std::find(o.runs.begin(), o.runs.end(), exp) != o.runs.end())
      todo.emplace_back(exp, m);
  std::vector<std::vector<ModelArc>> per_run(todo.size());
  std::vector<std::string> errors(todo.size());
  std::atomic<std::size_t> next{0};
  std::mutex print;
  const auto t0 = std::chrono::steady_clock::now();
  auto worker = [&] {
    omp_set_num_threads(1);
    for (std::size_t n; (n = next++) < todo.size();) try {
        const auto& [exp, m] = todo[n];
        const BoundaryLayer bl = boundary_layer(m);
        const auto t_run = std::chrono::steady_clock::now();
        std::string line;
        char buf[256];
        for (double x : arc_distances) {
          const ArcResult r = run_arc(bl, x, res);
          per_run[n].push_back({exp, m.obukhov_length < 0, r});
          std::snprintf(buf, sizeof buf, " %.2e/%.2e%s", r.cy_over_q, r.cmax_over_q,
                        r.steady ? "" : "(not steady)");
          line += buf;
          if (o.verbose)
            std::fprintf(
                stderr,
                "  run %d x=%4.0f grid %dx%dx%d top %.0f m dt %.3f s, t %.0f s, %.2e cell-steps\n",
                exp, x, r.nx, r.ny, r.nz, r.top, r.dt, r.simulated_time, double(r.cell_steps));
        }
        const std::lock_guard<std::mutex> lock(print);
        std::printf(
            "run %2d (%-14s L = %7.1f m, u* = %.2f m/s, U2 = %.1f m/s, h = %5.0f m):%s  [%.1f s]\n",
            exp, m.source.c_str(), m.obukhov_length, m.ustar, m.wind_speed, bl.mixing_height,
            line.c_str(), seconds_since(t_run));
        std::fflush(stdout);
      } catch (const std::exception& e) {
        errors[n] = "run " + std::to_string(todo[n].first) + ": " + e.what();
      }
  };
  std::vector<std::thread> workers;
  for (int w = 0; w < std::max(1, o.jobs); ++w) workers.emplace_back(worker);
  for (auto& w : workers) w.join();
  for (const auto& e : errors)
    if (!e.empty()) throw std::runtime_error(e);
  std::vector<ModelArc> model;
  for (const auto& arcs : per_run) model.insert(model.end(), arcs.begin(), arcs.end());
  std::printf("%zu arcs of %zu runs in %.0f s\n", model.size(), model.size() / 5,
              seconds_since(t0));

  write_results(o.out, model);
  const auto table = evaluate(model, epa.observations, harmo);
  write_pairs(o.out, model, epa.observations, harmo);
  write_statistics(o.out, table);
  print_statistics(table);
  const bool bar = check_bar(table);
  bool same = true;
  if (!o.expect.empty()) {
    const std::string committed = o.expect + "/prairie_grass_statistics.csv";
    const auto differences = compare_with_committed(table, committed);
    for (const auto& d : differences)
      std::printf("differs from the committed results: %s\n", d.c_str());
    same = differences.empty();
    std::printf("%s %s\n", committed.c_str(),
                same ? "matches (within rounding)"
                     : "no longer matches: if the change is intended, regenerate it with "
                       "`validate_prairie_grass --out validation` and commit it with the reason");
  }
  return bar && same ? 0 : 1;
} catch (const std::exception& e) {
  std::fprintf(stderr, "validate_prairie_grass: %s\n", e.what());
  return 2;
}
