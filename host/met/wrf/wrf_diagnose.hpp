// One output time of a wrfout read (only that time: start/count slices)
// and diagnosed as WrfFields: heights, temperature, destaggered winds
// rotated to earth-relative, the surface fields present.
#pragma once

#include <cstddef>
#include <vector>

#include "host/met/wrf/netcdf_file.hpp"
#include "host/met/wrf/wrf_fields.hpp"
#include "host/met/wrf/wrf_layout.hpp"

namespace airshed {

// `cos_alpha`/`sin_alpha`: WRF's rotation per column (wrf_projection.hpp).
// Throws "FILE: time ... variable X has a non-finite value ..." for NaN/Inf.
WrfFields diagnose_wrf_time(const NcFile& nc, const WrfLayout& layout, const WrfGridInfo& grid,
                            const std::vector<float>& cos_alpha,
                            const std::vector<float>& sin_alpha, std::size_t t,
                            long long utc_epoch_s);

}  // namespace airshed
