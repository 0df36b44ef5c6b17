// A wrfout file read through netCDF-C: its grid and projection from the
// global attributes, its times, and one time's fields diagnosed as
// WrfFields (host/met/wrf/wrf_fields.hpp). Opening checks everything the
// provider will need (a WRF file, the variables, a projection we know) and
// throws the one-line InputError "FILE: what is wrong" otherwise; read()
// reads one time only, so a year of files is never held in memory.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "host/met/wrf/wrf_fields.hpp"

namespace airshed {

class WrfFile {
 public:
  explicit WrfFile(const std::string& path);
  ~WrfFile();
  WrfFile(WrfFile&&) noexcept;
  WrfFile& operator=(WrfFile&&) noexcept;

  const std::string& path() const;
  const WrfGridInfo& grid() const;  // at the first time, grid(0)
  // The grid at one time: the same for every time of a fixed domain; a
  // moving nest (XLAT/XLONG change with time, as in the Katrina d02 that
  // follows the storm) has its centre moved at each time.
  const WrfGridInfo& grid(std::size_t time_index) const;
  const std::vector<long long>& times() const;  // UTC epoch seconds, file order
  WrfFields read(std::size_t time_index) const;

 private:
  void check_index(std::size_t time_index) const;  // std::out_of_range past the last time
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// WRF's map projection of a domain (sphere R = 6 370 000 m, as WRF uses):
// geographic lon/lat <-> fractional indices of the mass grid, 0-based,
// (0, 0) = the south-west mass point.
class WrfGridMap {
 public:
  explicit WrfGridMap(const WrfGridInfo& grid);
  ~WrfGridMap();
  WrfGridMap(WrfGridMap&&) noexcept;
  void to_grid(double lon, double lat, double& fi, double& fj) const;
  void to_lonlat(double fi, double fj, double& lon, double& lat) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace airshed
