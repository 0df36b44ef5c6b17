#include "host/run/checkpoint_plan.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <system_error>

#include "host/core/field_names.hpp"
#include "host/run/run_setup.hpp"
#include "host/solver/mixing_ratio_solver.hpp"
#include "host/solver/tagged_solver.hpp"

namespace airshed {

std::string checkpoint_path(const Scenario& s) {
  return s.output.directory + "/" + output::safe_name(s.name) + ".checkpoint";
}

std::string file_stamp(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code e1, e2;
  const auto size = fs::file_size(path, e1);
  const auto time = fs::last_write_time(path, e2);
  if (e1 || e2) return "missing";
  return std::to_string(size) + ":" + std::to_string(time.time_since_epoch().count());
}

CheckpointIdentity checkpoint_identity(const Scenario& s, const std::string& extra) {
  CheckpointIdentity id;
  id.scenario_digest = file_digest(s.file) ^ (extra.empty() ? 0 : fnv1a64(extra));
  id.scenario_file = s.file;
  // Every other file the run reads: a resume with any of them edited would
  // carry on with a mix of old and new input.
  if (s.met.kind == MetKind::station)
    id.inputs.push_back({"met station file", s.met.station_file, file_digest(s.met.station_file)});
  for (const StationSpec& st : s.met.stations)  // kind "stations": each station's file
    id.inputs.push_back({"met station file", st.file, file_digest(st.file)});
  for (const std::string& f : s.met.wrf_files)  // kind "wrf": stamped, not hashed (file_stamp)
    id.inputs.push_back({"met WRF file", f, fnv1a64(file_stamp(f))});
  for (const auto& table : s.output.standard_tables)
    id.inputs.push_back({"standards table", table, file_digest(table)});
  id.scenario_name = s.name;
  id.start_iso8601 = format_iso8601(s.start);
  id.nx = s.grid.nx;
  id.ny = s.grid.ny;
  id.nz = s.grid.nz;
  // The fields the solver transports: gridded met's carried air is one
  // (run_setup.cpp's transport_config, host/solver/mixing_ratio_solver.hpp).
  // The tags (tagged_solver.hpp) are fields too: "SO2[steel]", so the
  // identity holds the tag set.
  TransportConfig cfg = transport_config(s);
  if (!cfg.tags.empty()) cfg = with_tags(cfg);
  if (cfg.carry_air) cfg = with_air(cfg);
  for (const auto& sp : cfg.species) id.species.push_back(sp.name);
  id.duration_s = s.duration_s;
  id.output_interval_s = s.output_interval_s;
  return id;
}

long checkpoint_every(double interval_s, double output_interval_s) {
  if (!(interval_s > 0)) return 0;
  return std::max(1L, std::lround(interval_s / output_interval_s));
}

}  // namespace airshed
