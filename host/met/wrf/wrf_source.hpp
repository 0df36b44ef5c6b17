// What the WRF met provider needs from a file, behind a small interface:
// the provider is tested with synthetic in-memory sources, and at run time
// a WrfSource is a wrfout file read through netCDF (host/met/wrf/wrf_file.hpp).
// Likewise the map from geographic coordinates to fractional WRF mass-grid
// indices is a plain function (WrfGridMap::to_grid at run time).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "host/met/wrf/wrf_fields.hpp"

namespace airshed {

class WrfSource {
 public:
  virtual ~WrfSource() = default;
  // The grid at one time: the same at every time of a fixed domain; a
  // moving nest (e.g. WRF's storm-following d02) has its centre moved.
  virtual const WrfGridInfo& grid(std::size_t time_index) const = 0;
  virtual const std::vector<long long>& times() const = 0;  // UTC epoch s, file order
  virtual WrfFields read(std::size_t time_index) const = 0;
};

// Opens the file at `path` (throws the one-line ScenarioError naming it).
// The provider opens each file once to index its times, then again only
// while it reads from it, so a year of hourly files is never open at once.
using WrfSourceOpener = std::function<std::unique_ptr<WrfSource>(const std::string& path)>;

// lon, lat (degrees) -> fractional mass-grid indices, 0-based, (0, 0) = the
// south-west mass point.
using WrfIndexMap = std::function<void(double lon, double lat, double& fi, double& fj)>;
// The map of one WRF grid (made again whenever a moving nest has moved).
using WrfIndexMapFactory = std::function<WrfIndexMap(const WrfGridInfo&)>;

}  // namespace airshed
