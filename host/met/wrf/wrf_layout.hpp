// Where a wrfout file keeps what the reader needs: its dimensions, its time
// dimension and the variables (required and optional), each checked for
// the dimensions WRF writes it with. Opening a file that is not WRF, or
// lacks a variable, fails here with one line naming the file.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "host/met/wrf/netcdf_file.hpp"

namespace airshed {

// One variable of the file: its id (-1 when an optional one is absent) and
// whether its first dimension is the time (the salem-cropped wrfout writes
// constant fields such as HGT and XLAT without it).
struct WrfVar {
  int id = -1;
  bool timed = false;
  bool present() const { return id >= 0; }
};

struct WrfLayout {
  int nx = 0, ny = 0, nz = 0;  // mass points
  std::size_t ntimes = 0;
  int times_id = -1;
  std::size_t time_chars = 0;  // characters per Times entry
  // Required.
  WrfVar u, v, w, ph, phb, t, p, pb, hgt;
  // Optional (absent: id -1).
  WrfVar qvapor, t2, psfc, u10, v10, pblh, ust, hfx, rmol, znt, lu_index, swdown, rainc, rainnc;
  WrfVar cosalpha, sinalpha, xlat, xlong;
};

// Checks `nc` is a wrfout: dimensions west_east, south_north, bottom_top and
// their _stag (one more point each), a Times variable of "YYYY-MM-DD_hh:mm:ss"
// entries, the variables U V W PH PHB T P PB HGT on their grids, and any
// optional variable present on its grid. Throws "FILE: ... (expected ...)".
WrfLayout read_wrf_layout(const NcFile& nc);

// start/count of time `t` of `var` whose spatial extents are `shape`.
void wrf_slice(const WrfVar& var, std::size_t t, const std::vector<std::size_t>& shape,
               std::vector<std::size_t>& start, std::vector<std::size_t>& count);

}  // namespace airshed
