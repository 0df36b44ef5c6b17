// The boundary step of the horizontal sweeps (kernels/boundary_fill.hpp)
// and the interior stencil with its launcher (kernels/horizontal_sweep.hpp,
// for_each_cell_faces): the fill rules on one line against their
// definitions, the boundary fluxes each kind must give exactly, and the
// whole sweep, every backend path, bit for bit against the branchy face
// flux the ghost cells replaced (kept here as the reference).
#include <doctest/doctest.h>

#include <random>
#include <vector>

#include "kernels/backend.hpp"
#include "kernels/boundary_fill.hpp"
#include "kernels/horizontal_sweep.hpp"

namespace k = airshed::kernels;
namespace be = airshed::AIRSHED_BACKEND_NS;

namespace {

// The face flux of the solver before ghost cells: boundary kinds as
// branches, ghost cells by index wrapping (periodic) or clamping.
struct RefLine {
  const float* c;
  const float* kh;
  long stride;
  const float* vel;
  long vel_stride;
  int n, kind;
  float background;
  int wrap(int p) const {
    if (p < 0) return kind == k::lateral_periodic ? p + n : 0;
    if (p >= n) return kind == k::lateral_periodic ? p - n : n - 1;
    return p;
  }
  float conc(int p) const { return c[wrap(p) * stride]; }
  float diff(int p) const { return kh[wrap(p) * stride]; }
};

float reference_flux(const RefLine& L, int f, float dt_over_d, float inv_d) {
  const bool edge = (f == 0 || f == L.n);
  if (edge && L.kind == k::lateral_closed) return 0.0f;
  const int fv = (f == 0 && L.kind == k::lateral_periodic) ? L.n : f;
  const float u = L.vel[fv * L.vel_stride];
  if (edge && L.kind == k::lateral_open) {
    if (f == 0) return u > 0 ? u * L.background : u * L.conc(0);
    return u > 0 ? u * L.conc(L.n - 1) : u * L.background;
  }
  return k::limited_flux(u, L.conc(f - 2), L.conc(f - 1), L.conc(f), L.conc(f + 1),
                         k::face_diffusivity(L.diff(f - 1), L.diff(f)), dt_over_d, inv_d);
}

struct Case {
  int nx, ny, nz;
  std::vector<float> dz, c, kh, u, v;
  k::GridView g() const { return {nx, ny, nz, 100.0f, 150.0f, dz.data(), dz.data()}; }
};

// Positive fields with sharp features (so the limiter clips) and winds of
// both signs, some faces exactly calm.
Case random_case(int nx, int ny, int nz, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> conc(0.0f, 5.0f), wind(-3.0f, 3.0f), diff(0.0f, 40.0f);
  Case cs{nx, ny, nz, std::vector<float>(nz, 10.0f), {}, {}, {}, {}};
  const std::size_t cells = std::size_t(nx) * ny * nz;
  for (std::size_t i = 0; i < cells; ++i) {
    cs.c.push_back(i % 5 == 0 ? 0.0f : conc(rng));
    cs.kh.push_back(diff(rng));
  }
  for (std::size_t f = 0; f < std::size_t(nx + 1) * ny * nz; ++f)
    cs.u.push_back(f % 7 == 3 ? 0.0f : wind(rng));
  for (std::size_t f = 0; f < std::size_t(nx) * (ny + 1) * nz; ++f)
    cs.v.push_back(f % 7 == 3 ? 0.0f : wind(rng));
  return cs;
}

// One sweep along Dir through the boundary step and the launcher; returns
// c_out, the edge fluxes in `edges`.
template <int Dir>
std::vector<float> ghost_sweep(const Case& cs, int kind, float bg, float dt_over_d, float inv_d,
                               std::vector<float>& edges) {
  const k::GridView g = cs.g();
  std::vector<float> vel = Dir == k::along_x ? cs.u : cs.v;
  std::vector<float> k_face(k::face_count<Dir>(g));
  const std::size_t lines = k::line_count<Dir>(g);
  std::vector<float> ghosts(lines * k::ghosts_per_line), out(cs.c.size());
  edges.assign(lines * k::edge_faces_per_line, 0.0f);
  be::for_each_index(k::face_rows<Dir>(g),
                     k::FaceDiffusivity<Dir>{g, cs.kh.data(), k_face.data(), kind});
  be::for_each_index(lines, k::BoundaryFaceVelocity<Dir>{g, vel.data(), kind});
  using Fill = k::FillGhosts<Dir>;
  using Edges = k::EdgeFluxes<Dir>;
  be::for_each_index(lines, k::LineBoundaryStep<Fill, Edges>{
                                Fill{g, cs.c.data(), ghosts.data(), kind},
                                Edges{g, cs.c.data(), ghosts.data(), vel.data(), k_face.data(),
                                      edges.data(), kind, bg, dt_over_d, inv_d}});
  const k::HorizontalSweep<Dir> sweep{
      g, cs.c.data(), out.data(), vel.data(), k_face.data(), edges.data(), {dt_over_d, inv_d}};
  be::for_each_cell_faces(cs.nx, cs.ny, cs.nz, sweep);
  // The per-cell path (GPU threads, the serial oracle) gives the same.
  std::vector<float> per_cell(cs.c.size());
  k::HorizontalSweep<Dir> one = sweep;
  one.c_out = per_cell.data();
  for (int kk = 0; kk < cs.nz; ++kk)
    for (int j = 0; j < cs.ny; ++j)
      for (int i = 0; i < cs.nx; ++i) one(i, j, kk);
  CHECK(per_cell == out);
  return out;
}

template <int Dir>
std::vector<float> reference_sweep(const Case& cs, int kind, float bg, float dt_over_d,
                                   float inv_d) {
  const k::GridView g = cs.g();
  std::vector<float> out(cs.c.size());
  for (int kk = 0; kk < cs.nz; ++kk)
    for (int j = 0; j < cs.ny; ++j)
      for (int i = 0; i < cs.nx; ++i) {
        const bool x = Dir == k::along_x;
        const RefLine L{cs.c.data() + (x ? g.cell(0, j, kk) : g.cell(i, 0, kk)),
                        cs.kh.data() + (x ? g.cell(0, j, kk) : g.cell(i, 0, kk)),
                        x ? 1 : cs.nx,
                        x ? cs.u.data() + g.xface(0, j, kk) : cs.v.data() + g.yface(i, 0, kk),
                        x ? 1 : cs.nx,
                        x ? cs.nx : cs.ny,
                        kind,
                        bg};
        const int pos = x ? i : j;
        const float f_in = reference_flux(L, pos, dt_over_d, inv_d);
        const float f_out = reference_flux(L, pos + 1, dt_over_d, inv_d);
        const std::size_t idx = g.cell(i, j, kk);
        out[idx] = cs.c[idx] - dt_over_d * (f_out - f_in);
      }
  return out;
}

}  // namespace

TEST_CASE("fill rules on one line: ghost cells, face diffusivities, boundary-face velocities") {
  Case cs{5, 1, 1, {10.0f}, {1, 2, 3, 4, 5}, {10, 20, 30, 40, 50}, {1, 2, 3, 4, 5, 6}, {}};
  cs.v.assign(10, 0.0f);
  const k::GridView g = cs.g();
  std::vector<float> gh(4);
  k::FillGhosts<k::along_x>{g, cs.c.data(), gh.data(), k::lateral_periodic}(0);
  CHECK(gh == std::vector<float>{4, 5, 1, 2});  // the other end's cells
  k::FillGhosts<k::along_x>{g, cs.c.data(), gh.data(), k::lateral_open}(0);
  CHECK(gh == std::vector<float>{1, 1, 5, 5});  // zero gradient
  k::FillGhosts<k::along_x>{g, cs.c.data(), gh.data(), k::lateral_closed}(0);
  CHECK(gh == std::vector<float>{1, 1, 5, 5});

  std::vector<float> kf(6);
  k::FaceDiffusivity<k::along_x>{g, cs.kh.data(), kf.data(), k::lateral_periodic}(0);
  CHECK(kf == std::vector<float>{30, 15, 25, 35, 45, 30});  // faces 0 and n: one face
  k::FaceDiffusivity<k::along_x>{g, cs.kh.data(), kf.data(), k::lateral_open}(0);
  CHECK(kf == std::vector<float>{0, 15, 25, 35, 45, 0});  // no diffusion through open faces

  std::vector<float> u = cs.u;
  k::BoundaryFaceVelocity<k::along_x>{g, u.data(), k::lateral_periodic}(0);
  CHECK(u == std::vector<float>{6, 2, 3, 4, 5, 6});
  u = cs.u;
  k::BoundaryFaceVelocity<k::along_x>{g, u.data(), k::lateral_closed}(0);
  CHECK(u == std::vector<float>{0, 2, 3, 4, 5, 0});
  u = cs.u;
  k::BoundaryFaceVelocity<k::along_x>{g, u.data(), k::lateral_open}(0);
  CHECK(u == cs.u);
}

TEST_CASE("edge fluxes: closed 0, open inflow u * background, open outflow u * edge cell") {
  for (const float sign : {1.0f, -1.0f}) {
    Case cs = random_case(6, 1, 1, 7);
    for (float& u : cs.u) u = sign * 2.0f;  // all inflow at one end, outflow at the other
    const float bg = 0.7f, dt_over_d = 0.1f, inv_d = 0.01f;
    std::vector<float> e;
    ghost_sweep<k::along_x>(cs, k::lateral_closed, bg, dt_over_d, inv_d, e);
    CHECK(e[0] == 0.0f);
    CHECK(e[3] == 0.0f);
    ghost_sweep<k::along_x>(cs, k::lateral_open, bg, dt_over_d, inv_d, e);
    CHECK(e[0] == (sign > 0 ? 2.0f * bg : -2.0f * cs.c[0]));
    CHECK(e[3] == (sign > 0 ? 2.0f * cs.c[5] : -2.0f * bg));
    ghost_sweep<k::along_x>(cs, k::lateral_periodic, bg, dt_over_d, inv_d, e);
    CHECK(e[0] == e[3]);  // one face: what leaves one end enters the other
  }
}

TEST_CASE("the ghost-cell sweep equals the branchy face flux bit for bit, all kinds and paths") {
  const float bg = 1.3f, dt_over_d = 0.12f, inv_d = 0.01f;
  unsigned seed = 1;
  for (const int kind : {k::lateral_open, k::lateral_periodic, k::lateral_closed})
    for (const int n : {1, 2, 3, 4, 5, 9}) {
      // The old periodic wrap read outside a one-cell line: no reference there.
      if (kind == k::lateral_periodic && n == 1) continue;
      CAPTURE(kind);
      CAPTURE(n);
      const Case along_x = random_case(n, 3, 2, seed++);
      std::vector<float> e;
      CHECK(ghost_sweep<k::along_x>(along_x, kind, bg, dt_over_d, inv_d, e) ==
            reference_sweep<k::along_x>(along_x, kind, bg, dt_over_d, inv_d));
      const Case along_y = random_case(3, n, 2, seed++);
      CHECK(ghost_sweep<k::along_y>(along_y, kind, bg, dt_over_d, inv_d, e) ==
            reference_sweep<k::along_y>(along_y, kind, bg, dt_over_d, inv_d));
      const Case wide = random_case(2 * n + 5, n + 4, 2, seed++);  // interior rows and faces
      CHECK(ghost_sweep<k::along_x>(wide, kind, bg, dt_over_d, inv_d, e) ==
            reference_sweep<k::along_x>(wide, kind, bg, dt_over_d, inv_d));
      CHECK(ghost_sweep<k::along_y>(wide, kind, bg, dt_over_d, inv_d, e) ==
            reference_sweep<k::along_y>(wide, kind, bg, dt_over_d, inv_d));
    }
}
