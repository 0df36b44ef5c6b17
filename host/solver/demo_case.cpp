#include "host/solver/demo_case.hpp"

namespace airshed {

DemoCase make_demo_case(int nx, int ny, int nz, double duration_s) {
  DemoCase d;
  Grid& g = d.config.grid;
  g.nx = nx;
  g.ny = ny;
  g.nz = nz;
  g.dx = 4000.0 / nx;
  g.dy = 2000.0 / ny;
  g.z_faces = stretched_levels(nz, 5.0, 1.15);
  d.config.species = {{"SO2", 0.0, 1e-5, 0.005}};
  d.config.boundaries = {LateralBoundary::open, LateralBoundary::open, TopBoundary::open};
  d.met = uniform_met(g, 3.0, 0.0, 0.0, 10.0, 5.0);
  int k_stack = 0;
  while (k_stack < nz - 1 && g.z_faces[k_stack + 1] < 50.0) ++k_stack;
  d.emissions = {{g.index(nx / 8, ny / 2, k_stack), 0, 100.0 * 1e6}};  // ug/s
  d.duration_s = duration_s;
  return d;
}

}  // namespace airshed
