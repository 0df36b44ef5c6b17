// [met] kind = "wrf": the WRF output files (in time order, relative to the
// scenario's folder like the station file), the met refresh interval and
// the weight of the mass-consistent adjustment. Only the spec is filled:
// the files are opened, and their times and grid checked, by the WRF met
// provider (host/met/wrf/wrf_met_provider.hpp), which reports a problem at
// the file's entry kept here.
#include "host/scenario/parse_parts.hpp"

namespace airshed::detail {

void parse_met_wrf(const TomlTable& t, const std::string& base_dir, Scenario& s) {
  t.allow({"kind", "vertical_mixing", "urban", "files", "update_interval",
           "adjustment_vertical_weight"});
  s.met.kind = MetKind::wrf;
  const toml::array* files = t.array("files", true);
  const std::vector<std::string> names = t.texts_or("files", TextKind::path);
  if (names.empty()) t.fail("files", "is empty", "one or more wrfout file names, in time order");
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& f = names[i];
    if (f.empty())
      t.fail_at(line_of((*files)[i]), t.key_path("files") + "[" + std::to_string(i) + "]",
                "is empty", "a wrfout file name");
    s.met.wrf_files.push_back(f[0] == '/' || base_dir.empty() ? f : base_dir + "/" + f);
    s.met.wrf_file_sites.push_back({t.file(), line_of((*files)[i]), t.key_path("files")});
  }
  // At most a day between refreshes: the provider also refreshes at every
  // WRF output time, so a longer interval would change nothing.
  s.met.wrf_update_interval_s = t.number_or("update_interval", 3600, closed(60, 86400));
  s.met.adjustment_vertical_weight =
      t.number_or("adjustment_vertical_weight", 1, closed(1e-6, 1e6));
}

}  // namespace airshed::detail
