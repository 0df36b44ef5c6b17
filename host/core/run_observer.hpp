// What a running case hands to whoever records it (output writers,
// statistics, progress printers). Plain data only: observers never touch
// the solver.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "host/core/budget.hpp"
#include "host/core/forcing.hpp"
#include "host/core/grid.hpp"
#include "host/core/instant.hpp"
#include "host/core/numerical_fault.hpp"
#include "host/core/state_archive.hpp"

namespace airshed {

struct SpeciesInfo {
  std::string name;           // e.g. "PM2.5"
  std::string units;          // output units, e.g. "ug/m3", "ppb", "OU/m3"
  double to_output_units;     // multiply solver concentration (M/m^3) by this for `units`
  std::string long_name;      // human-readable
  std::string standard_name;  // CF standard name, empty when none exists
};

struct ReceptorInfo {
  std::string name;
  double x, y, z;           // local metres from the domain's south-west corner; z above ground
  double lon = 0, lat = 0;  // degrees, through the scenario's projection
};

struct SourceInfo {               // for maps: where the sources are
  std::string name, group, kind;  // kind: point | area | line | volume
  std::vector<double> x, y;       // vertices (one for point/volume), local metres
};

struct Threshold {             // user or standard threshold for exceedance counts / footprints
  std::string species, label;  // label e.g. "AEGL-2", "GB3095-2012 Grade II 24h"
  std::string averaging;       // "1h", "8h", "24h", "instant"
  double value;                // in the species' output units
  // The standard's assessment statistic over a run's averages: the p-th
  // percentile (HJ 663-2013: 98 for daily SO2 and NO2, 95 for the other
  // daily limits, 90 for O3's daily maximum 8-h mean); 0 = their maximum.
  // Read by the compliance table (host/statistics/receptor_tables.hpp).
  int percentile = 0;
};

// Source attribution (docs/tagging.md): the tags every tagged species is
// split into. Empty `tags`: the run carries none.
struct TaggingInfo {
  std::vector<std::string> tags;       // output order: declared..., "other", "background"
  std::vector<std::string> kinds;      // per tag: "tag", "other", "background"
  std::vector<std::string> selectors;  // per tag, human-readable, e.g. "groups=steel"
  std::vector<int> species;            // indices into RunInfo::species carrying tags
  // Per tagged species: the user's emission mass unit ("g", or "OU" for
  // odour) and the factor from solver mass M to it.
  std::vector<std::string> mass_units;
  std::vector<double> to_user_mass;
  // The run's processes that are not linear in the emissions (so that a
  // cut recombined from the tags is an estimate), comma-separated; empty:
  // every process is linear and recombined cuts are exact (docs/tagging.md).
  std::string nonlinear_processes;
};

struct RunInfo {
  std::string scenario_name;
  std::string scenario_file;              // path as given
  Instant start;                          // t = 0, on the scenario's local clock
  double origin_lon = 0, origin_lat = 0;  // south-west corner of the domain
  Grid grid;
  std::vector<SpeciesInfo> species;
  std::vector<ReceptorInfo> receptors;
  std::vector<SourceInfo> sources;
  std::vector<Threshold> thresholds;
  double duration_s = 0, output_interval_s = 0;
  std::string output_dir;
  std::string backend;
  int threads = 0;              // CPU threads the solver runs on (1: serial backend)
  std::string omp_wait_policy;  // OMP_WAIT_POLICY in effect; empty: unset (library default)
  // Ground height above sea level per column (nx * ny, x fastest, m) from
  // the met (MetProvider::terrain); empty: flat ground. Levels are heights
  // above it: a cell's centre is at terrain + grid.z_centre(k) above sea level.
  std::vector<float> terrain;
  TaggingInfo tagging;
};

// Per tagged species (TaggingInfo::species order), per tag: a field, x fastest.
using TagFields = std::vector<std::vector<std::vector<float>>>;

struct Snapshot {
  double time_s;                           // since start
  std::vector<std::vector<float>> fields;  // per species, solver units, x fastest
  TagFields tags;                          // solver units; empty when the run has no tags
};

// The mass-consistent adjustment of a gridded first-guess wind over a run
// (host/solver/wind_projection.hpp): one per met refresh.
struct WindAdjustmentSummary {
  long adjustments = 0;              // 0: the met needed none (uniform and station met)
  int max_iterations = 0;            // of the Poisson solve, worst refresh
  double max_divergence_before = 0;  // max |div| dx / max|u| of a first guess
  double max_divergence_after = 0;   // the same after adjustment
  double max_residual = 0;           // relative residual of the solve
  long not_converged = 0;            // refreshes whose solve stopped at its limit
};

struct RunSummary {
  double end_time_s = 0;
  long steps = 0;
  double wall_seconds = 0;
  bool interrupted = false;
  std::vector<MassBudget> budgets;  // per species, solver units
  // Per tagged species (TaggingInfo::species order), per tag; empty when untagged.
  std::vector<std::vector<MassBudget>> tag_budgets;
  WindAdjustmentSummary wind_adjustment;
};

// Why a run stopped early with an error (docs/robustness.md). The last good
// state is the last output time every observer recorded: everything the
// blow-up guard had passed, and nothing after it.
struct RunFailure {
  std::string message;  // one line
  double time_s = 0;    // solver time when it stopped
  long steps = 0;
  double last_output_s = -1;           // last output time written; < 0: none
  std::optional<InvalidCell> invalid;  // set when the blow-up guard stopped it
};

// A snapshot in each species' output units (SpeciesInfo::to_output_units),
// converted once for everything that records it.
struct OutputSnapshot {
  double time_s;                           // since start
  std::vector<std::vector<float>> fields;  // per species, output units, x fastest
  TagFields tags;                          // output units; empty when the run has no tags
};

inline std::vector<float> in_output_units(const std::vector<float>& field, double k) {
  std::vector<float> out(field.size());
  for (std::size_t i = 0; i < field.size(); ++i) out[i] = float(field[i] * k);
  return out;
}

// `tagged`: TaggingInfo::species, whose order s.tags follows.
inline OutputSnapshot in_output_units(const Snapshot& s, const std::vector<SpeciesInfo>& species,
                                      const std::vector<int>& tagged = {}) {
  OutputSnapshot out{s.time_s, std::vector<std::vector<float>>(s.fields.size()), {}};
  for (std::size_t n = 0; n < s.fields.size(); ++n)
    out.fields[n] = in_output_units(s.fields[n], species[n].to_output_units);
  for (std::size_t n = 0; n < s.tags.size() && n < tagged.size(); ++n) {
    const double k = species[std::size_t(tagged[n])].to_output_units;
    out.tags.emplace_back();
    for (const auto& f : s.tags[n]) out.tags.back().push_back(in_output_units(f, k));
  }
  return out;
}

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void begin(const RunInfo& info) = 0;
  virtual void snapshot(const Snapshot& s) = 0;  // at t = 0 and every output interval
  virtual void end(const RunSummary& summary) = 0;

  // Checkpoint/restart (docs/output-format.md, "Checkpoints"). save() is
  // called right after a snapshot() and must record everything needed to
  // carry on from there as if the run had never stopped; resume() is called
  // instead of begin() when a run restarts from that checkpoint, with what
  // save() wrote. An observer without state keeps these defaults.
  virtual void save(StateWriter&) const {}
  virtual void resume(const RunInfo& info, StateReader&) { begin(info); }
  // Instead of end() when the run stops with an error: record why and close
  // files. Must not throw; the run's own error is what gets reported.
  virtual void failed(const RunFailure&) noexcept {}
};

// One part of what a run leaves behind (a file format, the statistics):
// RunObserver's life cycle with snapshots already in output units. The
// observer that fans a run out to its recorders (host/output/output_writers.cpp)
// converts each snapshot once and hands it to all of them.
class OutputRecorder {
 public:
  virtual ~OutputRecorder() = default;
  virtual void begin(const RunInfo& info) = 0;
  virtual void record(const OutputSnapshot& s) = 0;  // at t = 0 and every output interval
  virtual void end(const RunSummary&) {}
  // As RunObserver's: state after the last record(), and carrying on from it.
  virtual void save(StateWriter&) const {}
  virtual void resume(const RunInfo& info, StateReader&) { begin(info); }
  virtual void failed(const RunFailure&) noexcept {}
};

}  // namespace airshed
