// netCDF-C used directly by the WRF reader's tests: whole variables and
// attributes of the reference files, read independently of the reader, and
// modified copies of a wrfout for the bad-input cases.
#pragma once

#include <netcdf.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace airshed::test {

inline const std::string kWrfData = "tests/data/wrf/";
// The two wrfout files ship with the scenarios that run on them
// (scenarios/met/wrf/README.md).
inline const std::string kWrfMet = "scenarios/met/wrf/";

inline void nc_ok(int status, const std::string& what) {
  if (status != NC_NOERR) throw std::runtime_error(what + ": " + nc_strerror(status));
}

class NcTestFile {
 public:
  explicit NcTestFile(const std::string& path, int mode = NC_NOWRITE) {
    nc_ok(nc_open(path.c_str(), mode, &id_), path);
  }
  ~NcTestFile() { nc_close(id_); }
  NcTestFile(const NcTestFile&) = delete;
  NcTestFile& operator=(const NcTestFile&) = delete;
  int id() const { return id_; }
  int var(const std::string& name) const {
    int v = 0;
    nc_ok(nc_inq_varid(id_, name.c_str(), &v), name);
    return v;
  }
  std::vector<float> floats(const std::string& name) const {
    const int v = var(name);
    int ndims = 0;
    nc_ok(nc_inq_varndims(id_, v, &ndims), name);
    std::vector<int> dims(ndims);
    nc_ok(nc_inq_vardimid(id_, v, dims.data()), name);
    std::size_t n = 1;
    for (int d : dims) {
      std::size_t len = 0;
      nc_ok(nc_inq_dimlen(id_, d, &len), name);
      n *= len;
    }
    std::vector<float> out(n);
    nc_ok(nc_get_var_float(id_, v, out.data()), name);
    return out;
  }
  double att(const std::string& name) const {
    double x = 0;
    nc_ok(nc_get_att_double(id_, NC_GLOBAL, name.c_str(), &x), name);
    return x;
  }
  std::size_t dim(const std::string& name) const {
    int d = 0;
    std::size_t len = 0;
    nc_ok(nc_inq_dimid(id_, name.c_str(), &d), name);
    nc_ok(nc_inq_dimlen(id_, d, &len), name);
    return len;
  }

 private:
  int id_ = -1;
};

// Copies the netCDF file `src` to a new netCDF-4 file `dst` without the
// variables `skip` (nc_rename_var corrupts the dimensions of netCDF-4 files
// in netCDF-C 4.9.0, so a variable is removed by copying the rest).
inline void copy_without(const std::string& src, const std::string& dst,
                         const std::vector<std::string>& skip) {
  const NcTestFile in(src);
  int out = 0;
  nc_ok(nc_create(dst.c_str(), NC_CLOBBER | NC_NETCDF4, &out), dst);
  int ndims = 0, nvars = 0, natts = 0, unlim = -1;
  nc_ok(nc_inq(in.id(), &ndims, &nvars, &natts, &unlim), src);
  for (int d = 0; d < ndims; ++d) {
    char name[NC_MAX_NAME + 1] = {};
    std::size_t len = 0;
    int id = 0;
    nc_ok(nc_inq_dim(in.id(), d, name, &len), src);
    nc_ok(nc_def_dim(out, name, d == unlim ? NC_UNLIMITED : len, &id), dst);
  }
  for (int a = 0; a < natts; ++a) {
    char name[NC_MAX_NAME + 1] = {};
    nc_ok(nc_inq_attname(in.id(), NC_GLOBAL, a, name), src);
    nc_ok(nc_copy_att(in.id(), NC_GLOBAL, name, out, NC_GLOBAL), dst);
  }
  std::vector<std::pair<int, int>> copied;  // (in id, out id)
  for (int v = 0; v < nvars; ++v) {
    char name[NC_MAX_NAME + 1] = {};
    nc_type type = 0;
    int nd = 0, dims[NC_MAX_VAR_DIMS], na = 0, id = 0;
    nc_ok(nc_inq_var(in.id(), v, name, &type, &nd, dims, &na), src);
    if (std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
    nc_ok(nc_def_var(out, name, type, nd, dims, &id), dst);
    for (int a = 0; a < na; ++a) {
      char att[NC_MAX_NAME + 1] = {};
      nc_ok(nc_inq_attname(in.id(), v, a, att), src);
      nc_ok(nc_copy_att(in.id(), v, att, out, id), dst);
    }
    copied.emplace_back(v, id);
  }
  nc_ok(nc_enddef(out), dst);
  for (const auto& [v, id] : copied) {
    nc_type type = 0;
    int nd = 0, dims[NC_MAX_VAR_DIMS];
    nc_ok(nc_inq_var(in.id(), v, nullptr, &type, &nd, dims, nullptr), src);
    std::size_t n = 1, size = 0;
    for (int d = 0; d < nd; ++d) {
      std::size_t len = 0;
      nc_ok(nc_inq_dimlen(in.id(), dims[d], &len), src);
      n *= len;
    }
    nc_ok(nc_inq_type(in.id(), type, nullptr, &size), src);
    std::vector<unsigned char> data(n * size);
    nc_ok(nc_get_var(in.id(), v, data.data()), src);
    nc_ok(nc_put_var(out, id, data.data()), dst);
  }
  nc_close(out);
}

// A fresh temporary directory per test, removed afterwards.
struct WrfTempDir {
  std::filesystem::path path;
  explicit WrfTempDir(const std::string& tag)
      : path(std::filesystem::temp_directory_path() /
             ("airshed-wrf-" + tag + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~WrfTempDir() { std::filesystem::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

// Great-circle distance on WRF's sphere (haversine), m.
inline double sphere_distance_m(double lon1, double lat1, double lon2, double lat2) {
  const double d = std::acos(-1.0) / 180.0, r = 6370000.0;
  const double a =
      std::pow(std::sin(0.5 * (lat2 - lat1) * d), 2) +
      std::cos(lat1 * d) * std::cos(lat2 * d) * std::pow(std::sin(0.5 * (lon2 - lon1) * d), 2);
  return 2 * r * std::asin(std::sqrt(std::min(1.0, a)));
}

}  // namespace airshed::test
