// One directional step of horizontal advection-diffusion for the tags of
// one species (docs/tagging.md, host/solver/tagged_solver.hpp). The MC
// limiter (limiter.hpp) is not linear, so tags advected each on its own
// would not add up to the species advected as one field. Instead, as
// CAMx-PSAT and CMAQ-ISAM apportion the bulk flux (Yarwood et al. 2004;
// Kwok et al. 2013, Geosci. Model Dev. 6, 1695-1711): the advective flux
// through each face is the total's, A_f = u c_face(T) with T = sum of the
// tags, shared by every tag in proportion to its fraction of the upwind
// cell,
//   G_k,f = A_f * c_k(up) / T(up)  -  K_f (c_k(f) - c_k(f-1)) / d,
// and diffusion (linear) acts on each tag as on any field. The fractions
// add up to 1, so the tags' fluxes add up to the total's and the tags add
// up to the species to rounding; each G_k keeps its tag positive (its
// outflux is the total's times a fraction <= 1). A tag holding all of T
// (fraction exactly 1) gets exactly the untagged flux, bit for bit.
// At an open inflow face the upwind "cell" is the background: fraction
// b_k / b (1 for the "background" tag, 0 for the others).
#pragma once

#include "grid_lines.hpp"
#include "horizontal_flux.hpp"

namespace airshed::kernels {

// T = sum of n consecutive fields (k = 0 .. n-1, in that order), per cell,
// a run of `width` cells per call: field by field over the run, so every
// load is contiguous (one stream at a time, not n).
struct SumFields {
  const float* fields;
  int n;
  std::size_t cells, width;
  float* total;
  AIRSHED_HD std::size_t runs() const { return (cells + width - 1) / width; }
  AIRSHED_HD void operator()(std::size_t r) const {
    const std::size_t lo = r * width, hi = lo + width < cells ? lo + width : cells;
    float* t = total;
    const float* f0 = fields;
    for (std::size_t i = lo; i < hi; ++i) t[i] = f0[i];
    for (int k = 1; k < n; ++k) {
      const float* fk = fields + std::size_t(k) * cells;
      for (std::size_t i = lo; i < hi; ++i) t[i] += fk[i];
    }
  }
};

// Position p along line L of a field with its ghost cells (p in [-2, n+1]).
AIRSHED_HD inline float line_value(const float* cl, const float* gh, const GridLine& L, int p) {
  return p < 0 ? gh[p + 2] : p >= L.n ? gh[2 + p - L.n] : cl[p * L.stride];
}

// The total's advective flux A_f = u c_face through every face of a
// direction (one cell (i, j, k) does its lower face, the last cell of a
// line its upper one too), with the open-inflow rule of EdgeFluxes.
template <int Dir>
struct TotalAdvection {
  GridView g;
  const float* total;
  const float* ghosts;  // FillGhosts of total
  const float* vel;
  float* adv;  // faces of Dir
  int kind;
  float background;  // the total's open inflow value
  float dt_over_d, inv_d;
  float slope = 1.0f;  // limited_flux: 1 MC-limited, 0 first-order upwind

  AIRSHED_HD void face(const GridLine& L, std::size_t l, int f) const {
    const float* cl = total + L.cell0;
    if (f >= 2 && f <= L.n - 2) {  // the stencil stays on the line
      const std::size_t fi = L.face0 + std::size_t(f) * L.stride;
      const float* cc = cl + f * L.stride;
      adv[fi] = limited_flux(vel[fi], cc[-2 * L.stride], cc[-L.stride], cc[0], cc[L.stride], 0.0f,
                             dt_over_d, inv_d, slope);
      return;
    }
    const float* gh = ghosts + l * ghosts_per_line;
    const std::size_t fi = L.face0 + std::size_t(f) * L.stride;
    const float u = vel[fi];
    float cm2 = line_value(cl, gh, L, f - 2), cm1 = line_value(cl, gh, L, f - 1);
    float c0 = line_value(cl, gh, L, f), cp1 = line_value(cl, gh, L, f + 1);
    if (kind == lateral_open && f == 0 && u > 0) cm2 = cm1 = background;
    if (kind == lateral_open && f == L.n && !(u > 0)) c0 = cp1 = background;
    adv[fi] = limited_flux(u, cm2, cm1, c0, cp1, 0.0f, dt_over_d, inv_d, slope);  // K = 0: u c_face
  }
  AIRSHED_HD void operator()(int i, int j, int k) const {
    const std::size_t l = line_of<Dir>(g, i, j, k);
    const GridLine L = grid_line<Dir>(g, l);
    const int f = Dir == along_x ? i : j;
    face(L, l, f);
    if (f == L.n - 1) face(L, l, L.n);
  }
};

// The tags of a species are consecutive fields, so they are one array of
// nx x ny x (tags * nz) cells: tag t's level k is the stacked level
// t * nz + k. Every per-tag pass below is one launch over that stack
// (one parallel region on the CPU, one kernel on the GPU, for all tags),
// while the face arrays (velocity, diffusivity, the total's flux) and the
// total are those of one level set, indexed with the level k.

// The flux of tag t through face f of line l (a line of one tag's grid).
template <int Dir>
struct TagFlux {
  GridView g;
  const float* c;         // the first tag (tag t at c + t * cells)
  const float* c_ghosts;  // FillGhosts of the stacked tags (tag t's lines after t * lines)
  const float* total;
  const float* t_ghosts;  // FillGhosts of total
  const float* vel;
  const float* adv;     // TotalAdvection
  const float* k_face;  // FaceDiffusivity
  int kind;
  const float* inflow_fraction;  // per tag: b_k / b at an open inflow face (0 when b = 0)
  float inv_d;

  AIRSHED_HD float operator()(int t, const GridLine& L, std::size_t l, int f) const {
    const std::size_t fi = L.face0 + std::size_t(f) * L.stride;
    const float u = vel[fi];
    const float* cl = c + std::size_t(t) * g.cells() + L.cell0;
    const float* gc = c_ghosts + (std::size_t(t) * line_count<Dir>(g) + l) * ghosts_per_line;
    // Upwind as limited_flux chooses it: cell f-1 for u >= 0, else f.
    const int up = u >= 0 ? f - 1 : f;
    float fraction;
    if (kind == lateral_open && ((f == 0 && u > 0) || (f == L.n && !(u > 0)))) {
      fraction = inflow_fraction[t];
    } else {
      const float tu = line_value(total + L.cell0, t_ghosts + l * ghosts_per_line, L, up);
      fraction = tu > 0 ? line_value(cl, gc, L, up) / tu : 0.0f;
    }
    return adv[fi] * fraction -
           k_face[fi] * (line_value(cl, gc, L, f) - line_value(cl, gc, L, f - 1)) * inv_d;
  }
};

// c_out = c_in - dt/d (G_{f+1} - G_f) for every cell of every tag, in the
// interface of for_each_cell_faces (kernels/backend.hpp; as HorizontalSweep)
// over nx x ny x (tags * nz): on the CPU each face's flux is computed once
// into a row buffer, the interior ones (faces 1 .. n-1, which read cells
// f-1 and f only) in simd loops; the two boundary faces of a line go
// through TagFlux's ghosts.
template <int Dir>
struct TaggedSweep {
  TagFlux<Dir> flux;
  float* c_out;  // the first tag's output field
  float dt_over_d;

  static constexpr bool along_rows = Dir == along_x;

  AIRSHED_HD void interior_faces(int& lo, int& hi) const {
    lo = 1;
    hi = (Dir == along_x ? flux.g.nx : flux.g.ny) - 1;
  }
  // The flux through the lower face of cell (i, j, ks) of the stack, an
  // interior face: branch-free (selects), so a loop over faces vectorises.
  AIRSHED_HD float interior_flux(int i, int j, int ks) const {
    const GridView& g = flux.g;
    const int t = ks / g.nz, k = ks - t * g.nz;
    const std::size_t idx = g.cell(i, j, k), off = std::size_t(t) * g.cells();
    const std::size_t fi = Dir == along_x ? g.xface(i, j, k) : g.yface(i, j, k);
    const std::size_t s = Dir == along_x ? 1 : std::size_t(g.nx);
    const float u = flux.vel[fi];
    const std::size_t up = u >= 0 ? idx - s : idx;
    const float* c = flux.c + off;
    const float tu = flux.total[up];
    const float fraction = tu > 0 ? c[up] / (tu > 0 ? tu : 1.0f) : 0.0f;
    return flux.adv[fi] * fraction - flux.k_face[fi] * (c[idx] - c[idx - s]) * flux.inv_d;
  }
  // The flux through any face of the line (i or j may be n).
  AIRSHED_HD float face(int i, int j, int ks) const {
    const GridView& g = flux.g;
    const int n = Dir == along_x ? g.nx : g.ny, f = Dir == along_x ? i : j;
    if (f > 0 && f < n) return interior_flux(i, j, ks);
    const int t = ks / g.nz, k = ks - t * g.nz;
    const std::size_t l = line_of<Dir>(g, i, j, k);
    return flux(t, grid_line<Dir>(g, l), l, f);
  }
  AIRSHED_HD void update(int i, int j, int ks, float f_in, float f_out) const {
    const std::size_t idx = flux.g.cell(i, j, ks);  // = t * cells + cell(i, j, k)
    c_out[idx] = flux.c[idx] - dt_over_d * (f_out - f_in);
  }
  // One cell on its own (one GPU thread): both of its face fluxes.
  AIRSHED_HD void operator()(int i, int j, int ks) const {
    const float f_in = face(i, j, ks);
    const float f_out = Dir == along_x ? face(i + 1, j, ks) : face(i, j + 1, ks);
    update(i, j, ks, f_in, f_out);
  }
};

// Tag t's net outflow through the two ends of line l of its grid (mass per
// unit time), as EdgeOutflow for an ordinary field, for the stacked line
// ls = t * lines + l. Reduced in float64.
template <int Dir>
struct TagEdgeOutflow {
  TagFlux<Dir> flux;
  AIRSHED_HD double operator()(std::size_t ls) const {
    const GridView& g = flux.g;
    const std::size_t lines = line_count<Dir>(g);
    const int t = int(ls / lines);
    const std::size_t l = ls - std::size_t(t) * lines;
    const GridLine L = grid_line<Dir>(g, l);
    const int k = int(l / std::size_t(Dir == along_x ? g.ny : g.nx));
    const double area = double(Dir == along_x ? g.dy : g.dx) * g.dz[k];
    return (double(flux(t, L, l, L.n)) - double(flux(t, L, l, 0))) * area;
  }
};

// The tag of a stacked index (a line or a column of the stack): idx / per_tag.
struct TagOf {
  std::size_t per_tag;
  AIRSHED_HD int operator()(std::size_t idx) const { return int(idx / per_tag); }
};

}  // namespace airshed::kernels
