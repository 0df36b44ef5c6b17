// The run-time WRF input behind the provider's interfaces: a wrfout file
// read through netCDF (WrfFile) as a WrfSource, WRF's map projection
// (WrfGridMap) as a WrfIndexMap, and the provider of a scenario's
// `[met] kind = "wrf"` built from them.
#pragma once

#include <memory>
#include <string>

#include "host/met/met_provider.hpp"
#include "host/met/wrf/wrf_source.hpp"

namespace airshed {

std::unique_ptr<WrfSource> open_wrf_file(const std::string& path);
WrfIndexMap wrf_index_map(const WrfGridInfo& grid);

// make_wrf_met_provider() over the scenario's files, grid, run and local
// projection (the domain's south-west corner).
std::unique_ptr<MetProvider> make_wrf_met_provider(const Scenario& s);

}  // namespace airshed
