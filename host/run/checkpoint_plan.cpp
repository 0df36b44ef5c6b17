#include "host/run/checkpoint_plan.hpp"

#include <algorithm>
#include <cmath>

#include "host/core/field_names.hpp"

namespace airshed {

std::string checkpoint_path(const Scenario& s) {
  return s.output.directory + "/" + output::safe_name(s.name) + ".checkpoint";
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
  for (const auto& table : s.output.standard_tables)
    id.inputs.push_back({"standards table", table, file_digest(table)});
  id.scenario_name = s.name;
  id.start_iso8601 = format_iso8601(s.start);
  id.nx = s.grid.nx;
  id.ny = s.grid.ny;
  id.nz = s.grid.nz;
  for (const auto& sp : s.species) id.species.push_back(sp.spec.name);
  id.duration_s = s.duration_s;
  id.output_interval_s = s.output_interval_s;
  return id;
}

long checkpoint_every(double interval_s, double output_interval_s) {
  if (!(interval_s > 0)) return 0;
  return std::max(1L, std::lround(interval_s / output_interval_s));
}

}  // namespace airshed
