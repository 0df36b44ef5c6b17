#include "host/cli/cli_main.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "host/cli/batch_command.hpp"
#include "host/cli/cuts_command.hpp"
#include "host/cli/export_command.hpp"
#include "host/cli/run_command.hpp"
#include "host/core/version.hpp"
#include "host/input/input_error.hpp"
#include "host/solver/cpu_threads.hpp"
#include "host/solver/demo_case.hpp"
#include "host/solver/transport_solver.hpp"

namespace {

int run_demo(airshed::BackendChoice backend, double minutes) {
  using namespace airshed;
  DemoCase demo = make_demo_case(80, 40, 20, minutes * 60.0);
  std::cout << describe_backend_choice(backend) << "\n";
  auto solver = make_solver(backend, demo.config);
  solver->set_met(demo.met);
  solver->set_emissions(demo.emissions);
  const auto& g = demo.config.grid;
  std::printf("demo: %dx%dx%d cells, 100 g/s SO2 stack at 50 m in a 3 m/s westerly, %.0f min\n",
              g.nx, g.ny, g.nz, minutes);
  const auto t0 = std::chrono::steady_clock::now();
  int steps = 0;
  for (int minute = 5; minute <= int(minutes); minute += 5) {
    steps += solver->advance(300.0);
    const MassBudget b = solver->budget(0);
    std::printf(
        "t=%5.0f s  steps=%4d  dt=%.2f s  mass[g]: emitted %.4e out %.4e deposited %.4e "
        "decayed %.4e in-domain %.4e  residual %.1e\n",
        solver->time(), steps, solver->stable_dt(), b.emitted * 1e-6, b.outflow * 1e-6,
        b.deposited * 1e-6, b.decayed * 1e-6, b.in_domain * 1e-6, b.relative_residual());
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("time per step: %.3f ms (%.3g cell-updates/s)\n", 1e3 * wall / steps,
              double(g.cells()) * steps / wall);
  return 0;
}

// The one-line form every unexpected failure takes: a message from a
// library, or a path from the command line, may hold line breaks or other
// control characters, which would split the line scripts grep (escaped as
// the scenario errors are, printable_line()).
int report_error(const char* what) {
  std::cerr << "airshed: error: " << airshed::printable_line(what) << "\n";
  return 1;
}

// An empty value would otherwise read as "not given" and be dropped without a
// word (`--output ""` then writes to the scenario's own directory).
CLI::Validator non_empty(const std::string& what) {
  return CLI::Validator(
      [what](std::string& v) { return v.empty() ? "must not be empty (" + what + ")" : ""; },
      "NON-EMPTY");
}

// The number of single-character edits (Levenshtein) between a and b.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// The command the user meant when argv names none: the first word that is
// not an option or an option's value. Empty when it is a known command or
// there is none (then CLI11's own messages apply). Known options with a
// value before the command: --backend only.
std::string unknown_command(int argc, char** argv, const std::vector<std::string>& commands) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--backend") {
      ++i;
      continue;
    }
    if (!a.empty() && a[0] == '-') continue;
    for (const auto& c : commands)
      if (a == c) return "";
    return a;
  }
  return "";
}

// "did you mean 'run'?" for a word within two edits of a command, or a prefix of one.
std::string suggestion(const std::string& word, const std::vector<std::string>& commands) {
  std::string best;
  std::size_t best_d = 3;
  for (const auto& c : commands) {
    const std::size_t d = c.rfind(word, 0) == 0 ? 0 : edit_distance(word, c);
    if (d < best_d) best = c, best_d = d;
  }
  return best.empty() ? "" : "; did you mean '" + best + "'?";
}

int airshed_main(int argc, char** argv) {
  CLI::App app{"airshed: GPU-accelerated pollutant dispersion model"};
  app.require_subcommand(1);
  app.set_version_flag("--version", airshed::version_line(), "print the version and exit");
  std::string backend_name = "auto";
  const auto backends = CLI::IsMember({"auto", "cpu", "cuda", "serial"});
  const char* backend_help = "auto | cpu | cuda | serial (auto: cuda when a GPU is usable)";
  app.add_option("--backend", backend_name, backend_help)->check(backends);
  double minutes = 30;
  auto* demo = app.add_subcommand("demo", "run the built-in point-source demo");
  demo->fallthrough();
  demo->add_option("--minutes", minutes, "simulated minutes")->check(CLI::Range(5.0, 1440.0));
  airshed::cli::RunOptions run_opts;
  auto* run = app.add_subcommand("run", "run a scenario file (TOML, docs/scenario-format.md)");
  run->fallthrough();
  run->add_option("scenario", run_opts.scenario, "scenario file")->required();
  run->add_option("--output", run_opts.output_dir,
                  "output directory (overrides [output].directory)")
      ->check(non_empty("a directory path"));
  run->add_option("--threads", run_opts.threads,
                  "CPU threads (0: OMP_NUM_THREADS or all hardware threads)")
      ->check(CLI::Range(0, airshed::max_cpu_threads));
  run->add_flag("--resume", run_opts.resume,
                "carry on from the checkpoint in the output directory (same scenario)");
  run->add_option("--checkpoint-every", run_opts.checkpoint_every,
                  "simulated time between checkpoints, e.g. 6h, or off "
                  "(overrides [output].checkpoint_interval)")
      ->check(non_empty("off, or a duration such as 6h"));
  bool no_space_check = false;
  // Also on the subcommand, where users look for it (`airshed run --help`).
  run->add_option("--backend", backend_name, backend_help)->check(backends);
  run->add_flag("--quiet", run_opts.quiet,
                "no progress: only errors and the closing line saying where the outputs are");
  run->add_flag("--no-space-check", no_space_check,
                "start even when the outputs, estimated before compression, exceed the free "
                "disk space");
  airshed::cli::BatchOptions batch_opts;
  auto* batch = airshed::cli::add_batch_subcommand(app, batch_opts);
  airshed::cli::CutsOptions cuts_opts;
  auto* cuts = airshed::cli::add_cuts_subcommand(app, cuts_opts);
  batch->add_option("--backend", backend_name, backend_help)->check(backends);
  demo->add_option("--backend", backend_name, backend_help)->check(backends);
  airshed::cli::ExportOptions export_opts;
  auto* export_cmd = airshed::cli::add_export_subcommand(app, export_opts);
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
  const std::string typo = unknown_command(argc, argv, commands);
  if (!typo.empty()) {
    std::string list;
    for (const auto& c : commands) list += (list.empty() ? "" : ", ") + c;
    std::cerr << "airshed: unknown command '" << airshed::printable_line(typo) << "'"
              << suggestion(typo, commands) << " (commands: " << list << "; see airshed --help)\n";
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "airshed: " << e.what() << " (see airshed --help)\n";
    return 2;
  }
  try {
    const auto backend = airshed::parse_backend(backend_name);
    if (*demo) return run_demo(backend, minutes);
    if (*run) {
      run_opts.backend = backend;
      run_opts.space_check = !no_space_check;
      return airshed::cli::run_command(run_opts);
    }
    if (*export_cmd) return airshed::cli::export_command(export_opts);
    if (*batch) {
      batch_opts.backend = backend;
      batch_opts.backend_name = backend_name;
      return airshed::cli::batch_command(batch_opts);
    }
    if (*cuts) return airshed::cli::cuts_command(cuts_opts);
  } catch (const std::exception& e) {
    return report_error(e.what());
  }
  return 0;
}

}  // namespace

namespace airshed::cli {

int main_entry(int argc, char** argv) {
  // Under a file-size limit (ulimit -f) a write past it then fails with
  // EFBIG, which every writer reports naming the file, instead of the
  // default SIGXFSZ killing the process mid-write with no message.
  std::signal(SIGXFSZ, SIG_IGN);
  prefer_passive_omp_wait(argv);  // OpenMP waits sleep (host/solver/cpu_threads.hpp)
  default_cpu_threads();          // taken before anything sets a thread count
  try {
    return airshed_main(argc, argv);
  } catch (const std::exception& e) {
    return report_error(e.what());
  } catch (...) {
    return report_error("unexpected non-standard exception");
  }
}

}  // namespace airshed::cli
