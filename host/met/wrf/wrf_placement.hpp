// Where a wrfout's mass grid lies at each of its times, and WRF's rotation
// of its winds there: from the file's XLAT/XLONG and COSALPHA/SINALPHA
// when it has them, from the projection attributes otherwise.
#pragma once

#include <cstddef>
#include <vector>

#include "host/met/wrf/netcdf_file.hpp"
#include "host/met/wrf/wrf_fields.hpp"
#include "host/met/wrf/wrf_layout.hpp"

namespace airshed {

// The grid (`attributes` with its centre placed) at times 0 .. ntimes - 1.
// Throws "FILE: XLAT/XLONG ... off the grid ..." when the coordinates do
// not lie on the projection's lattice.
std::vector<WrfGridInfo> place_wrf_grids(const NcFile& nc, const WrfLayout& layout,
                                         const WrfGridInfo& attributes, std::size_t ntimes);

// COSALPHA/SINALPHA (WRF's convention, wrf_projection.hpp) of each column
// of `grid` at time `t`.
void wrf_rotation_at(const NcFile& nc, const WrfLayout& layout, const WrfGridInfo& grid,
                     std::size_t t, std::vector<float>& cos_alpha, std::vector<float>& sin_alpha);

}  // namespace airshed
