// What things are called in the files, decided once so that the HDF5
// datasets, the XDMF references and the VTK arrays always agree. In
// host/core (namespace output: the names output files are written with)
// because the scenario, upstream of the writers, refuses names that would
// collide there before a run starts (host/scenario/parse_species.cpp,
// parse_output.cpp).
#pragma once

#include <string>
#include <vector>

#include "host/core/grid.hpp"
#include "host/core/run_observer.hpp"

namespace airshed::output {

// A species name usable as an HDF5/netCDF variable and in file names:
// '/', whitespace and other characters outside [A-Za-z0-9._-] become '_'.
std::string safe_name(const std::string& name);

// "PM2.5 [ug/m3]": what ParaView shows in its array menu.
std::string array_label(const std::string& name, const std::string& units);

// One ground-level (ny * nx, x fastest) result, e.g. a statistic.
struct GroundField {
  std::string name;       // dataset name, e.g. "PM2.5_max_hourly_mean"
  std::string units;      // e.g. "ug/m3", "s", "1"
  std::string long_name;  // sentence-case description
  std::vector<float> values;
};

// Cell-centre and face coordinates (m) of each axis.
std::vector<double> centres_x(const Grid& g);
std::vector<double> centres_y(const Grid& g);
std::vector<double> centres_z(const Grid& g);
std::vector<double> faces_x(const Grid& g);
std::vector<double> faces_y(const Grid& g);

}  // namespace airshed::output
