// A contributions.h5 of the contract's layout (docs/tagging.md), written
// with the HDF5 C API from series the test chooses, plus the run.json that
// cuts reads the thresholds and cell size from: what a tagged run leaves,
// without running one.
#pragma once

#include <hdf5.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "host/core/run_observer.hpp"

namespace airshed::test {

struct SyntheticSpecies {
  std::string name, units;
  std::vector<double> receptors;  // [nt][ntags][nr]
  std::vector<float> ground;      // [nt][ntags][ny][nx]; empty: no ground maps
  std::vector<double> emissions;  // [ntags]; empty: none
  std::size_t nr_written = 0;     // > 0: the receptor dataset's last dimension (a wrong file)
};

struct SyntheticContributions {
  std::vector<std::string> tags, kinds, selectors;
  std::vector<std::string> receptors;
  std::vector<double> time;  // with t = 0
  std::string start = "2026-01-15T00:00:00+08:00";
  double output_interval_s = 1800;
  int linear = -1;  // -1: no attribute
  std::size_t ny = 0, nx = 0;
  double dx = 200, dy = 200;
  std::vector<SyntheticSpecies> species;
  std::vector<Threshold> thresholds;
  std::string status = "complete";
};

namespace detail {

inline void check(herr_t s, const char* what) {
  if (s < 0) throw std::runtime_error(std::string("test HDF5 write: ") + what);
}

// Variable-length strings for `vlen`, else fixed-length NUL-padded: a
// reader must take both (h5py writes the first, the C writers the second).
inline void strings(hid_t obj, const char* name, const std::vector<std::string>& v, bool vlen,
                    bool dataset) {
  const hid_t type = H5Tcopy(H5T_C_S1);
  std::size_t longest = 1;
  for (const auto& s : v) longest = std::max(longest, s.size() + 1);
  check(H5Tset_size(type, vlen ? H5T_VARIABLE : longest), "size");
  const hsize_t n = v.size();
  const hid_t space = n ? H5Screate_simple(1, &n, nullptr) : H5Screate(H5S_NULL);
  std::vector<const char*> ptrs;
  std::vector<char> fixed(longest * v.size(), '\0');
  for (std::size_t i = 0; i < v.size(); ++i) {
    ptrs.push_back(v[i].c_str());
    std::copy(v[i].begin(), v[i].end(), fixed.begin() + long(i * longest));
  }
  const void* data = vlen ? static_cast<const void*>(ptrs.data()) : fixed.data();
  if (dataset) {
    const hid_t d = H5Dcreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    check(H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), name);
    H5Dclose(d);
  } else {
    const hid_t a = H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    if (n) check(H5Awrite(a, type, data), name);
    H5Aclose(a);
  }
  H5Sclose(space);
  H5Tclose(type);
}

inline void text(hid_t obj, const char* name, const std::string& s) {
  const hid_t type = H5Tcopy(H5T_C_S1);
  check(H5Tset_size(type, s.size() + 1), "size");
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t a = H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
  check(H5Awrite(a, type, s.c_str()), name);
  H5Aclose(a);
  H5Sclose(space);
  H5Tclose(type);
}

inline void number(hid_t obj, const char* name, double v, hid_t type = H5T_NATIVE_DOUBLE) {
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t a = H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
  if (type == H5T_NATIVE_INT) {
    const int i = int(v);
    check(H5Awrite(a, type, &i), name);
  } else {
    check(H5Awrite(a, type, &v), name);
  }
  H5Aclose(a);
  H5Sclose(space);
}

template <class T>
hid_t array(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
            const std::vector<T>& v) {
  const hid_t space = H5Screate_simple(int(dims.size()), dims.data(), nullptr);
  const hid_t mem = std::is_same<T, float>::value ? H5T_NATIVE_FLOAT : H5T_NATIVE_DOUBLE;
  const hid_t file = std::is_same<T, float>::value ? H5T_IEEE_F32LE : H5T_IEEE_F64LE;
  const hid_t d =
      H5Dcreate2(parent, name.c_str(), file, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  check(H5Dwrite(d, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), name.c_str());
  H5Sclose(space);
  return d;
}

}  // namespace detail

// Writes DIR/contributions.h5 and DIR/run.json.
inline void write_contributions(const std::string& dir, const SyntheticContributions& c) {
  namespace fs = std::filesystem;
  fs::create_directories(dir);
  const std::string path = (fs::path(dir) / "contributions.h5").string();
  const hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  detail::check(f < 0 ? -1 : 0, "create file");
  detail::text(f, "format", "airshed-contributions-1");
  detail::strings(f, "tags", c.tags, true, false);
  detail::strings(f, "tag_kinds", c.kinds, false, false);
  detail::strings(f, "tag_selectors", c.selectors, true, false);
  std::vector<std::string> species;
  for (const auto& s : c.species) species.push_back(s.name);
  detail::strings(f, "tagged_species", species, true, false);
  detail::strings(f, "untagged_species", {}, true, false);
  detail::text(f, "start", c.start);
  detail::number(f, "utc_offset_minutes", 480, H5T_NATIVE_INT);
  detail::number(f, "output_interval_s", c.output_interval_s);
  detail::text(f, "scenario_file", "synthetic.toml");
  if (c.linear >= 0) detail::number(f, "linear", c.linear, H5T_NATIVE_INT);
  H5Dclose(detail::array(f, "time", {c.time.size()}, c.time));
  const hsize_t nt = c.time.size(), nk = c.tags.size(), nr = c.receptors.size();
  const hid_t rg = H5Gcreate2(f, "receptors", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  detail::strings(rg, "name", c.receptors, true, true);
  std::vector<double> zero(nr, 0.0);
  for (const char* xy : {"x", "y", "z", "lon", "lat"}) H5Dclose(detail::array(rg, xy, {nr}, zero));
  const hid_t gg = H5Gcreate2(f, "ground", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  const hid_t eg = H5Gcreate2(f, "emissions", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  for (const auto& s : c.species) {
    std::string name = s.name;
    for (char& ch : name)
      if (ch == '/') ch = '_';
    hid_t d = detail::array(rg, name, {nt, nk, s.nr_written ? s.nr_written : nr}, s.receptors);
    detail::text(d, "units", s.units);
    H5Dclose(d);
    if (!s.ground.empty()) {
      d = detail::array(gg, name, {nt, nk, c.ny, c.nx}, s.ground);
      detail::text(d, "units", s.units);
      H5Dclose(d);
    }
    if (!s.emissions.empty()) {
      d = detail::array(eg, name, {nk}, s.emissions);
      detail::text(d, "units", "g");
      H5Dclose(d);
    }
  }
  H5Gclose(eg);
  H5Gclose(gg);
  H5Gclose(rg);
  detail::check(H5Fclose(f), "close");

  std::ofstream j(fs::path(dir) / "run.json");
  j << "{\n  \"status\": \"" << c.status << "\",\n  \"grid\": {\"nx\": " << c.nx
    << ", \"ny\": " << c.ny << ", \"nz\": 1, \"dx\": " << c.dx << ", \"dy\": " << c.dy
    << ", \"z_faces\": [0, 20]},\n  \"threshold_areas\": [";
  for (std::size_t k = 0; k < c.thresholds.size(); ++k) {
    char v[40];
    std::snprintf(v, sizeof v, "%.17g", c.thresholds[k].value);
    j << (k ? "," : "") << "\n    {\"species\": \"" << c.thresholds[k].species
      << "\", \"label\": \"" << c.thresholds[k].label << "\", \"averaging\": \""
      << c.thresholds[k].averaging << "\", \"threshold\": " << v
      << ", \"units\": \"ug/m3\", \"ground_cells_above\": 0, \"area_m2\": 0}";
  }
  j << "\n  ],\n  \"files\": [\"contributions.h5\"]\n}\n";
}

}  // namespace airshed::test
