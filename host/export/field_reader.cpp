#include "host/export/field_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "host/core/instant.hpp"
#include "host/output/hdf5_handle.hpp"

namespace airshed::exporting {

using output::H5Handle;

namespace {

bool has_link(hid_t parent, const std::string& name) {
  return H5Lexists(parent, name.c_str(), H5P_DEFAULT) > 0;
}

// A text attribute as the writers store it (fixed-length ASCII), or a
// variable-length one as other tools may; "" when absent.
std::string text_attribute(hid_t obj, const std::string& name) {
  if (H5Aexists(obj, name.c_str()) <= 0) return "";
  H5Handle attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, "open attribute " + name);
  H5Handle type(H5Aget_type(attr), H5Tclose, "type of attribute " + name);
  if (H5Tget_class(type) != H5T_STRING) return "";
  if (H5Tis_variable_str(type) > 0) {
    H5Handle mem(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
    H5Tset_size(mem, H5T_VARIABLE);
    char* text = nullptr;
    output::h5_check(H5Aread(attr, mem, &text), "read attribute " + name);
    std::string value = text ? text : "";
    H5free_memory(text);
    return value;
  }
  const std::size_t n = H5Tget_size(type);
  std::string value(n, '\0');
  H5Handle mem(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
  H5Tset_size(mem, n);
  output::h5_check(H5Aread(attr, mem, value.data()), "read attribute " + name);
  return value.substr(0, value.find('\0'));
}

std::vector<double> double_attribute(hid_t obj, const std::string& name) {
  if (H5Aexists(obj, name.c_str()) <= 0) return {};
  H5Handle attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, "open attribute " + name);
  H5Handle space(H5Aget_space(attr), H5Sclose, "space of attribute " + name);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  std::vector<double> v(std::size_t(std::max<hssize_t>(n, 0)));
  output::h5_check(H5Aread(attr, H5T_NATIVE_DOUBLE, v.data()), "read attribute " + name);
  return v;
}

std::vector<hsize_t> dims_of(hid_t dataset) {
  H5Handle space(H5Dget_space(dataset), H5Sclose, "dataspace");
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> dims(std::size_t(std::max(rank, 0)));
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  return dims;
}

std::vector<double> read_doubles(hid_t file, const std::string& name) {
  H5Handle d(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose, "open " + name);
  hsize_t n = 1;
  for (hsize_t e : dims_of(d)) n *= e;
  std::vector<double> v(n);
  output::h5_check(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()),
                   "read " + name);
  return v;
}

// The names of the links in `group` (creation order is not needed here).
std::vector<std::string> link_names(hid_t group) {
  std::vector<std::string> names;
  H5Literate(
      group, H5_INDEX_NAME, H5_ITER_INC, nullptr,
      [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
        static_cast<std::vector<std::string>*>(out)->push_back(name);
        return 0;
      },
      &names);
  return names;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& e : v) s += (s.empty() ? "" : ", ") + e;
  return s.empty() ? "none" : s;
}

// The species with a ground field or a statistic in the file.
std::vector<std::string> species_in(hid_t file) {
  std::vector<std::string> out;
  const std::string suffix = "_ground";
  for (const auto& n : link_names(file))
    if (n.size() > suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0)
      out.push_back(n.substr(0, n.size() - suffix.size()));
  return out;
}

// The time index a request names, given the output times and, for "max",
// the ground field to search.
int choose_time(const std::string& want, const std::vector<double>& times, const Instant& start,
                hid_t dataset, hsize_t cells) {
  const int nt = int(times.size());
  if (want == "last") return nt - 1;
  if (want == "max") {
    // The time whose ground field holds the field's largest value (first
    // such time): a map of the worst moment.
    int best = nt - 1;
    float best_v = -INFINITY;
    std::vector<float> v(cells);
    for (int t = 0; t < nt; ++t) {
      H5Handle space(H5Dget_space(dataset), H5Sclose, "dataspace");
      const std::vector<hsize_t> d = dims_of(dataset);
      hsize_t offset[3] = {hsize_t(t), 0, 0}, count[3] = {1, d[1], d[2]};
      output::h5_check(H5Sselect_hyperslab(space, H5S_SELECT_SET, offset, nullptr, count, nullptr),
                       "select time");
      H5Handle mem(H5Screate_simple(3, count, nullptr), H5Sclose, "memory space");
      output::h5_check(H5Dread(dataset, H5T_NATIVE_FLOAT, mem, space, H5P_DEFAULT, v.data()),
                       "read ground field");
      for (float e : v)
        if (e > best_v) best_v = e, best = t;
    }
    return best;
  }
  char* end = nullptr;
  const long index = std::strtol(want.c_str(), &end, 10);
  if (!want.empty() && *end == '\0') {
    if (index < 0 || index >= nt)
      throw std::runtime_error("--time " + want + ": index out of range 0.." +
                               std::to_string(nt - 1));
    return int(index);
  }
  const auto at = parse_iso8601(want, start.offset_minutes);
  if (!at)
    throw std::runtime_error("--time '" + want +
                             "': expected max, last, an index or an ISO 8601 time");
  for (int t = 0; t < nt; ++t)
    if (std::fabs(double(start.utc_epoch_s) + times[std::size_t(t)] - double(at->utc_epoch_s)) <
        0.5)
      return t;
  throw std::runtime_error("--time " + want + ": not an output time (first " +
                           format_iso8601(start, times.front()) + ", last " +
                           format_iso8601(start, times.back()) + ")");
}

}  // namespace

std::string GroundMap::stem() const {
  if (!statistic.empty()) return species + "_" + statistic;
  char t[16];
  std::snprintf(t, sizeof t, "_t%04d", time_index);
  return species + "_ground" + t;
}

GroundMap read_ground_map(const std::string& h5_path, const MapRequest& request) {
  if (!std::filesystem::is_regular_file(h5_path))
    throw std::runtime_error(h5_path +
                             ": no such file (an airshed run's output directory holds "
                             "NAME.h5)");
  output::silence_hdf5_errors();
  H5Handle fapl = output::file_access_plist();
  H5Handle file(H5Fopen(h5_path.c_str(), H5F_ACC_RDONLY, fapl), H5Fclose, "open " + h5_path);
  GroundMap map;
  map.species = request.species;
  map.statistic = request.statistic;

  std::vector<std::string> stats;
  if (has_link(file, "statistics")) {
    H5Handle g(H5Gopen2(file, "statistics", H5P_DEFAULT), H5Gclose, "open statistics");
    stats = link_names(g);
  }
  const std::vector<std::string> species = species_in(file);
  if (std::find(species.begin(), species.end(), request.species) == species.end())
    throw std::runtime_error(h5_path + ": no species '" + request.species +
                             "' (species: " + joined(species) + ")");

  std::vector<float> values;
  const std::string ground = request.species + "_ground";
  H5Handle dataset;
  if (!request.statistic.empty()) {
    const std::string name = request.species + "_" + request.statistic;
    if (std::find(stats.begin(), stats.end(), name) == stats.end()) {
      std::vector<std::string> mine;
      for (const auto& s : stats)
        if (s.rfind(request.species + "_", 0) == 0)
          mine.push_back(s.substr(request.species.size() + 1));
      throw std::runtime_error(h5_path + ": no statistic '" + request.statistic + "' of " +
                               request.species + " (statistics: " + joined(mine) + ")");
    }
    dataset = H5Handle(H5Dopen2(file, ("statistics/" + name).c_str(), H5P_DEFAULT), H5Dclose,
                       "open statistics/" + name);
  } else {
    dataset = H5Handle(H5Dopen2(file, ground.c_str(), H5P_DEFAULT), H5Dclose, "open " + ground);
  }
  map.units = text_attribute(dataset, "units");

  const std::vector<double> x = read_doubles(file, "x"), y = read_doubles(file, "y");
  map.nx = int(x.size());
  map.ny = int(y.size());
  {
    H5Handle xd(H5Dopen2(file, "x", H5P_DEFAULT), H5Dclose, "open x");
    H5Handle yd(H5Dopen2(file, "y", H5P_DEFAULT), H5Dclose, "open y");
    const auto sx = double_attribute(xd, "faces_spacing"),
               sy = double_attribute(yd, "faces_spacing");
    map.dx = sx.empty() ? (x.size() > 1 ? x[1] - x[0] : 0) : sx[0];
    map.dy = sy.empty() ? (y.size() > 1 ? y[1] - y[0] : 0) : sy[0];
  }
  if (map.nx < 1 || map.ny < 1 || !(map.dx > 0) || !(map.dy > 0))
    throw std::runtime_error(h5_path + ": x/y hold no regular grid");
  map.west = x.front() - 0.5 * map.dx;
  map.south = y.front() - 0.5 * map.dy;
  {
    H5Handle crs(H5Dopen2(file, "crs", H5P_DEFAULT), H5Dclose, "open crs");
    map.crs_wkt = text_attribute(crs, "crs_wkt");
  }
  if (map.crs_wkt.empty()) throw std::runtime_error(h5_path + ": crs has no crs_wkt");

  const hsize_t cells = hsize_t(map.nx) * hsize_t(map.ny);
  map.values.resize(cells);
  const std::vector<hsize_t> d = dims_of(dataset);
  if (!request.statistic.empty()) {
    if (d.size() != 2 || d[0] != hsize_t(map.ny) || d[1] != hsize_t(map.nx))
      throw std::runtime_error(h5_path + ": statistic's shape is not (y, x)");
    output::h5_check(
        H5Dread(dataset, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, map.values.data()),
        "read statistic");
    return map;
  }
  if (d.size() != 3 || d[1] != hsize_t(map.ny) || d[2] != hsize_t(map.nx) || d[0] == 0)
    throw std::runtime_error(h5_path + ": " + ground + " holds no (time, y, x) field");
  H5Handle tdset(H5Dopen2(file, "time", H5P_DEFAULT), H5Dclose, "open time");
  std::vector<double> times = read_doubles(file, "time");
  times.resize(std::min<std::size_t>(times.size(), d[0]));  // a run still writing
  const auto start = parse_iso8601(text_attribute(tdset, "local_start"));
  if (!start) throw std::runtime_error(h5_path + ": time has no local_start");
  map.time_index = choose_time(request.time, times, *start, dataset, cells);
  map.time = format_iso8601(*start, times[std::size_t(map.time_index)]);
  H5Handle space(H5Dget_space(dataset), H5Sclose, "dataspace");
  hsize_t offset[3] = {hsize_t(map.time_index), 0, 0}, count[3] = {1, d[1], d[2]};
  output::h5_check(H5Sselect_hyperslab(space, H5S_SELECT_SET, offset, nullptr, count, nullptr),
                   "select time");
  H5Handle mem(H5Screate_simple(3, count, nullptr), H5Sclose, "memory space");
  output::h5_check(H5Dread(dataset, H5T_NATIVE_FLOAT, mem, space, H5P_DEFAULT, map.values.data()),
                   "read " + ground);
  return map;
}

}  // namespace airshed::exporting
