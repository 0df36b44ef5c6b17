// The names the HDF5 writer gives the datasets and groups in a file's root
// besides the species fields, and the suffix of each species' ground-level
// field: in one place (host/core, below both), so that the scenario parser
// can refuse a species whose dataset would collide with them
// (host/scenario/parse_species.cpp) before a run starts, and the writer
// names them from the same list.
#pragma once

namespace airshed::output {

inline constexpr char kGroundSuffix[] = "_ground";  // SAFE_NAME_ground

// Coordinates x, y, z, time; the grid mapping crs; the statistics group.
inline constexpr const char* kRootDatasetNames[] = {
    "x", "y", "z", "time", "crs", "lat", "lon", "ground_layer_height", "statistics"};

}  // namespace airshed::output
