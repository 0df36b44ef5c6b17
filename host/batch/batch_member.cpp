#include "host/batch/batch_member.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <omp.h>

#include "host/cli/output_options.hpp"
#include "host/output/field_names.hpp"
#include "host/output/output_writers.hpp"
#include "host/run/run_loop.hpp"
#include "host/run/run_setup.hpp"
#include "host/scenario/scenario_error.hpp"

namespace airshed::batch {

namespace fs = std::filesystem;

std::string member_dir(const std::string& out_dir, const MemberSpec& m) {
  return (fs::path(out_dir) / m.name).string();
}
std::string partial_dir(const std::string& out_dir, const MemberSpec& m) {
  return (fs::path(out_dir) / ("." + m.name + ".partial")).string();
}
bool member_complete(const std::string& out_dir, const MemberSpec& m) {
  return fs::exists(fs::path(member_dir(out_dir, m)) / "run.json");
}

namespace {

std::string factors_text(const std::map<std::string, double>& f) {
  std::string s = "{";
  for (const auto& [k, v] : f) s += (s.size() > 1 ? ", " : " ") + ("\"" + k + "\" = " + std::to_string(v));
  return s + (f.empty() ? "}" : " }");
}

// What this member changed, next to its outputs.
void write_member_toml(const std::string& dir, const BatchSpec& b, const MemberSpec& m) {
  std::ofstream o(fs::path(dir) / "member.toml");
  o << "# written by airshed batch\nbatch = \"" << b.file << "\"\nbase = \"" << b.base
    << "\"\nname = \"" << m.name << "\"\nvariant = \"" << m.variant << "\"\nepisode = \""
    << m.episode << "\"\nscale_group = " << factors_text(m.scale_group)
    << "\nscale_species = " << factors_text(m.scale_species)
    << "\nscale_source = " << factors_text(m.scale_source) << "\nregions = " << m.regions.size()
    << "\nmet = \"" << m.met_file << "\"\nstart = \"" << m.start << "\"\nduration = \""
    << m.duration << "\"\n";
}

// The member's definition: its batch file's bytes and its name.
std::string member_identity(const BatchSpec& b, const MemberSpec& m) {
  std::ifstream in(b.file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf() << '\0' << m.name;
  return bytes.str();
}

}  // namespace

int run_member(const BatchSpec& batch, const MemberSpec& m, const std::string& out_dir,
               const MemberRun& run, std::ostream& log, std::ostream& err,
               const std::atomic<bool>* stop) {
  Scenario s;
  try {
    s = member_scenario(batch, m);
  } catch (const ScenarioError& e) {
    err << e.what() << "\n";
    return 2;
  }
  try {
    const std::string partial = partial_dir(out_dir, m), final_dir = member_dir(out_dir, m);
    RunControl control;
    control.stop = stop;
    control.checkpoint_path = partial + "/" + output::safe_name(s.name) + ".checkpoint";
    control.checkpoint_every = checkpoint_every(s.output.checkpoint_interval_s, s.output_interval_s);
    control.identity_extra = member_identity(batch, m);
    // An unfinished member carries on from its last checkpoint when that
    // belongs to this very member; otherwise it starts again from scratch.
    Checkpoint from;
    if (fs::exists(control.checkpoint_path)) {
      try {
        from = read_checkpoint(control.checkpoint_path);
        if (identity_mismatch(from.identity, checkpoint_identity(s, control.identity_extra)).empty())
          control.resume = &from;
      } catch (const std::exception& e) {
        log << "member " << m.name << ": starting again: " << e.what() << "\n";
      }
    }
    if (!control.resume) fs::remove_all(partial);
    s.output.directory = partial;
    if (run.threads > 0) omp_set_num_threads(run.threads);
    log << "member " << m.name << ": " << describe_backend_choice(run.backend) << "\n";
    auto solver = make_solver(run.backend, transport_config(s, run.threads));
    auto writers = output::make_output_writers(cli::output_options(s.output));
    control.threads = omp_get_max_threads();
    const RunSummary summary = run_scenario(s, *solver, {writers.get()}, log, control);
    if (summary.interrupted) {
      err << "airshed: member " << m.name << " interrupted at t = " << summary.end_time_s
          << " s; outputs so far in " << partial << "\n";
      return 130;
    }
    write_member_toml(partial, batch, m);
    fs::remove_all(final_dir);
    fs::rename(partial, final_dir);
    return 0;
  } catch (const std::exception& e) {
    err << "airshed: error: member " << m.name << ": " << e.what() << "\n";
    return 1;
  }
}

}  // namespace airshed::batch
