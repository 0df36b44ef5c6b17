// Where the cells of a run over terrain really are (RunInfo::terrain): the
// levels are heights above the ground, so a cell's centre is at
// terrain(i, j) + z_centre(k) above sea level. The writers share these so
// that the HDF5 file, its XDMF mesh and the VTK grids place every cell at
// the same height. Flat runs (empty terrain) never call them.
#pragma once

#include <vector>

#include "host/core/run_observer.hpp"

namespace airshed::output {

// Whether the run has terrain; throws std::invalid_argument when
// RunInfo::terrain is neither empty nor one value per column.
bool has_terrain(const RunInfo& info);

// Ground height at the (nx + 1) * (ny + 1) cell corners, x fastest: the mean
// of the four columns around each corner, their indices clamped at the
// domain's edges (an edge corner is the mean of its two columns, a domain
// corner its one column's value). Cells then share their corners, so the
// mesh is watertight over the hills.
std::vector<double> corner_terrain(const Grid& g, const std::vector<float>& terrain);

// Height above sea level of every cell centre, (z, y, x), x fastest.
std::vector<float> centre_heights_asl(const Grid& g, const std::vector<float>& terrain);

// The mesh nodes (cell corners) above sea level, (nz + 1) * (ny + 1) * (nx + 1)
// values, x fastest: corner_terrain + z_faces[k].
std::vector<double> node_heights_asl(const Grid& g, const std::vector<float>& terrain);

struct TerrainRange {
  double min = 0, max = 0, mean = 0;  // m above sea level
};
TerrainRange terrain_range(const std::vector<float>& terrain);

}  // namespace airshed::output
