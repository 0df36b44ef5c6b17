#include "host/output/hdf5_writer.hpp"

#include <algorithm>
#include <stdexcept>

#include "host/core/dataset_names.hpp"
#include "host/core/version.hpp"
#include "host/output/output_dir.hpp"
#include "host/output/terrain_geometry.hpp"
#include "host/scenario/projection.hpp"

namespace airshed::output {

void Hdf5Writer::begin(const RunInfo& info) {
  const bool terrain = has_terrain(info);  // checked before any file is created
  info_ = info;
  // A file whose close failed (full disk) stays open inside the library;
  // its exit-time cleanup would then crash in H5F__close_cb, so it is not
  // registered (a no-op once the library is initialised elsewhere).
  H5dont_atexit();
  silence_hdf5_errors();
  // HDF5 opens by name and follows links: H5F_ACC_TRUNC would empty a
  // linked file outside the output directory.
  require_plain_file_or_absent(path_);
  const H5Handle fcpl = file_create_plist(), fapl = file_access_plist();
  file_ = H5Handle(H5Fcreate(path_.c_str(), H5F_ACC_TRUNC, fcpl, fapl), H5Fclose,
                   "cannot create '" + path_ + "'");
  set_attribute(file_, "Conventions", "CF-1.8");
  set_attribute(file_, "title", "airshed run " + info.scenario_name);
  set_attribute(file_, "source", version_line());
  set_attribute(file_, "scenario_file", info.scenario_file);
  set_attribute(file_, "start_time", format_iso8601(info.start));
  set_attribute(file_, "backend", info.backend);
  set_attribute(file_, "origin_lon", info.origin_lon);
  set_attribute(file_, "origin_lat", info.origin_lat);
  set_attribute(file_, "status", "running");
  write_coordinates(info);
  write_lat_lon(info);
  if (terrain) write_terrain(info);

  const Grid& g = info.grid;
  select_species();
  const hsize_t nx = g.nx, ny = g.ny, nz = hsize_t(sel_.level_count(g.nz));
  // The 3-D fields' time and layers (FieldSelection): `time` and `z` unless
  // their schedule or layers differ from the ground fields'.
  if (own_fields_time()) {
    fields_time_ = make_coordinate(file_, "fields_time", {}, true);
    set_attribute(fields_time_, "units", "seconds since " + format_utc(info.start));
    set_attribute(fields_time_, "calendar", "standard");
    set_attribute(fields_time_, "standard_name", "time");
    set_attribute(fields_time_, "axis", "T");
    set_attribute(fields_time_, "long_name", "times of the 3-D fields");
  }
  if (own_fields_z()) {
    const std::vector<double> all = centres_z(g);
    const auto k0 = all.begin() + sel_.first_level;
    fields_z_ = make_coordinate(file_, "fields_z", std::vector<double>(k0, k0 + long(nz)), false);
    set_attribute(fields_z_, "units", "m");
    set_attribute(fields_z_, "axis", "Z");
    set_attribute(fields_z_, "positive", "up");
    set_attribute(fields_z_, "standard_name", "height");
    set_attribute(fields_z_, "long_name", "cell centre height above ground of the layers written");
    set_attribute(fields_z_, "first_layer", double(sel_.first_level));
    const auto f0 = g.z_faces.begin() + sel_.first_level;
    set_attribute(fields_z_, "faces", std::vector<double>(f0, f0 + long(nz) + 1));
  }
  const hid_t t3 = own_fields_time() ? fields_time_.get() : time_.get();
  const hid_t z3 = own_fields_z() ? fields_z_.get() : z_.get();
  // One time step per chunk; whole horizontal planes, as many layers as
  // keep a chunk near 4 MiB (HDF5 chunks must stay below 4 GiB).
  const hsize_t kz = std::clamp<hsize_t>((1u << 20) / std::max<hsize_t>(1, nx * ny), 1, nz);
  for (std::size_t n : written_) {
    const SpeciesInfo& sp = info.species[n];
    const std::string name = safe_name(sp.name);
    std::vector<hid_t> made;
    if (sel_.fields_every > 0) {
      fields_.push_back(make_float_dataset(file_, name, {0, nz, ny, nx}, {1, kz, ny, nx}, true));
      attach_scales(fields_.back(), {t3, z3, y_, x_});
      set_attribute(fields_.back(), "long_name", sp.long_name);
      // CF auxiliary coordinates (CF-1.10 §5.6: lat/lon of projected x/y) and,
      // over terrain, where each cell is above sea level.
      set_attribute(fields_.back(), "coordinates",
                    terrain && !own_fields_z() ? "height_above_sea_level lat lon" : "lat lon");
      made.push_back(fields_.back());
    }
    if (sel_.ground_every > 0) {
      ground_.push_back(
          make_float_dataset(file_, name + kGroundSuffix, {0, ny, nx}, {1, ny, nx}, true));
      attach_scales(ground_.back(), {time_, y_, x_});
      set_attribute(ground_.back(), "coordinates",
                    "ground_layer_height lat lon");  // a scalar height
      set_attribute(ground_.back(), "long_name", sp.long_name + " in the lowest model layer");
      set_attribute(ground_.back(), "layer_height_m", g.z_centre(0));
      made.push_back(ground_.back());
    }
    for (hid_t d : made) {
      set_attribute(d, "units", sp.units);
      set_attribute(d, "grid_mapping", "crs");
      if (!sp.standard_name.empty()) set_attribute(d, "standard_name", sp.standard_name);
    }
  }
  h5_check(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush " + path_);
}

void Hdf5Writer::write_coordinates(const RunInfo& info) {
  const Grid& g = info.grid;
  x_ = make_coordinate(file_, "x", centres_x(g), false);
  y_ = make_coordinate(file_, "y", centres_y(g), false);
  z_ = make_coordinate(file_, "z", centres_z(g), false);
  time_ = make_coordinate(file_, "time", {}, true);
  const char* axis[] = {"X", "Y", "Z"};
  const char* sn[] = {"projection_x_coordinate", "projection_y_coordinate", "height"};
  // Over terrain the levels follow the ground (height_above_sea_level
  // says where the cells are); flat runs keep their original wording.
  const char* ln[] = {"cell centre x (east) from the domain's south-west corner",
                      "cell centre y (north) from the domain's south-west corner",
                      info.terrain.empty()
                          ? "cell centre height above ground"
                          : "cell centre height above ground level (terrain-following)"};
  const hid_t xyz[] = {x_, y_, z_};
  for (int a = 0; a < 3; ++a) {
    set_attribute(xyz[a], "units", "m");
    set_attribute(xyz[a], "axis", axis[a]);
    set_attribute(xyz[a], "standard_name", sn[a]);
    set_attribute(xyz[a], "long_name", ln[a]);
  }
  set_attribute(z_, "positive", "up");
  set_attribute(z_, "faces", g.z_faces);  // layer interfaces, nz + 1 values
  set_attribute(x_, "faces_spacing", g.dx);
  set_attribute(y_, "faces_spacing", g.dy);
  set_attribute(time_, "units", "seconds since " + format_utc(info.start));
  set_attribute(time_, "calendar", "standard");
  set_attribute(time_, "standard_name", "time");
  set_attribute(time_, "axis", "T");
  set_attribute(time_, "local_start", format_iso8601(info.start));

  // The model's local metres are its projection (host/scenario/projection.hpp):
  // azimuthal equidistant on WGS 84 about the south-west corner, declared
  // with the earth's shape and as WKT so that GDAL, QGIS, CDO and xarray
  // place each cell where the model computed it.
  H5Handle space(H5Screate(H5S_SCALAR), H5Sclose, "crs space");
  H5Handle crs(
      H5Dcreate2(file_, "crs", H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
      H5Dclose, "create crs");
  const int zero = 0;
  h5_check(H5Dwrite(crs, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, &zero), "write crs");
  set_attribute(crs, "grid_mapping_name", "azimuthal_equidistant");
  set_attribute(crs, "longitude_of_projection_origin", info.origin_lon);
  set_attribute(crs, "latitude_of_projection_origin", info.origin_lat);
  set_attribute(crs, "false_easting", 0.0);
  set_attribute(crs, "false_northing", 0.0);
  set_attribute(crs, "semi_major_axis", LocalProjection::wgs84_semi_major_m);
  set_attribute(crs, "inverse_flattening", LocalProjection::wgs84_inverse_flattening);
  set_attribute(crs, "longitude_of_prime_meridian", 0.0);
  const LocalProjection proj{info.origin_lon, info.origin_lat};
  const std::string wkt = proj.crs_wkt();
  set_attribute(crs, "crs_wkt", wkt);      // CF-1.10 §5.6.1
  set_attribute(crs, "spatial_ref", wkt);  // what GDAL's netCDF driver looks for first
  set_attribute(crs, "proj4_params", proj.proj_string());
}

void Hdf5Writer::write_lat_lon(const RunInfo& info) {
  // 2-D auxiliary coordinates of the cell centres (CF-1.10 §5.6: required
  // with projected x/y), float64, through the same projection.
  const Grid& g = info.grid;
  const LocalProjection proj{info.origin_lon, info.origin_lat};
  std::vector<double> lat(g.columns()), lon(g.columns());
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const std::size_t c = std::size_t(j) * g.nx + i;
      proj.to_lonlat(g.x_centre(i), g.y_centre(j), lon[c], lat[c]);
    }
  const hsize_t dims[2] = {hsize_t(g.ny), hsize_t(g.nx)};
  struct Axis {
    const char* name;
    const std::vector<double>* values;
    const char* units;
    const char* long_name;
  };
  for (const Axis& a : {Axis{"lat", &lat, "degrees_north", "latitude of the cell centre"},
                        Axis{"lon", &lon, "degrees_east", "longitude of the cell centre"}}) {
    H5Handle sp(H5Screate_simple(2, dims, nullptr), H5Sclose, "lat/lon space");
    H5Handle d(H5Dcreate2(file_, a.name, H5T_IEEE_F64LE, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
               H5Dclose, std::string("create ") + a.name);
    h5_check(H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, a.values->data()),
             std::string("write ") + a.name);
    attach_scales(d, {y_, x_});
    set_attribute(d, "units", a.units);
    set_attribute(d, "standard_name", a.name == std::string("lat") ? "latitude" : "longitude");
    set_attribute(d, "long_name", a.long_name);
  }
  // The ground fields' height: a scalar coordinate (the lowest layer's centre).
  H5Handle scalar(H5Screate(H5S_SCALAR), H5Sclose, "scalar space");
  H5Handle zg(H5Dcreate2(file_, "ground_layer_height", H5T_IEEE_F64LE, scalar, H5P_DEFAULT,
                         H5P_DEFAULT, H5P_DEFAULT),
              H5Dclose, "create ground_layer_height");
  const double z0 = g.z_centre(0);
  h5_check(H5Dwrite(zg, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &z0),
           "write ground_layer_height");
  set_attribute(zg, "units", "m");
  set_attribute(zg, "standard_name", "height");
  set_attribute(zg, "positive", "up");
  set_attribute(zg, "long_name", "height above ground of the lowest layer's centre");
}

void Hdf5Writer::select_species() {
  written_.clear();
  for (std::size_t n = 0; n < info_.species.size(); ++n)
    if (sel_.writes_species(info_.species[n].name)) written_.push_back(n);
}

void Hdf5Writer::append(hid_t dataset, hid_t mem_type, const void* data, int rank, hsize_t at) {
  H5Handle space(H5Dget_space(dataset), H5Sclose, "dataset space");
  std::vector<hsize_t> dims(rank + 1);
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  dims[0] = at + 1;
  h5_check(H5Dset_extent(dataset, dims.data()), "extend dataset in " + path_);
  H5Handle file_space(H5Dget_space(dataset), H5Sclose, "dataset space");
  std::vector<hsize_t> start(rank + 1, 0), count = dims;
  start[0] = at;
  count[0] = 1;
  h5_check(
      H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
      "select time slab");
  H5Handle mem(H5Screate_simple(rank + 1, count.data(), nullptr), H5Sclose, "memory space");
  h5_check(H5Dwrite(dataset, mem_type, mem, file_space, H5P_DEFAULT, data), "write to " + path_);
}

void Hdf5Writer::record(const OutputSnapshot& s) {
  if (s.fields.size() != info_.species.size())
    throw std::invalid_argument("HDF5 writer: snapshot has " + std::to_string(s.fields.size()) +
                                " fields for " + std::to_string(info_.species.size()) + " species");
  for (std::size_t n = 0; n < s.fields.size(); ++n)
    if (s.fields[n].size() != info_.grid.cells())
      throw std::invalid_argument("HDF5 writer: field of " + info_.species[n].name +
                                  " has the wrong size");
  const long index = snapshot_index(s.time_s, info_.output_interval_s);
  const bool fields = due(sel_.fields_every, index), ground = due(sel_.ground_every, index);
  // `time` lists the ground fields' times, or the 3-D fields' without ground fields.
  const bool on_time = sel_.ground_every > 0 ? ground : fields;
  if (!fields && !ground) return;
  const std::size_t layer = info_.grid.columns();
  for (std::size_t w = 0; w < written_.size(); ++w) {
    const std::vector<float>& f = s.fields[written_[w]];
    if (fields)
      append(fields_[w], H5T_NATIVE_FLOAT, f.data() + layer * std::size_t(sel_.first_level), 3,
             fields_written_);
    // x is fastest, so the lowest layer is the first ny * nx values.
    if (ground) append(ground_[w], H5T_NATIVE_FLOAT, f.data(), 2, times_written_);
  }
  // Time last: a reader never sees a time whose fields are not yet there.
  if (fields && own_fields_time())
    append(fields_time_, H5T_NATIVE_DOUBLE, &s.time_s, 0, fields_written_);
  if (on_time) append(time_, H5T_NATIVE_DOUBLE, &s.time_s, 0, times_written_);
  h5_check(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush " + path_);
  // Counted only once on disk, so failed() can cut back to what was.
  if (fields) ++fields_written_;
  if (on_time) ++times_written_;
}

void Hdf5Writer::write_statistics(const std::vector<GroundField>& fields) {
  const hsize_t ny = info_.grid.ny, nx = info_.grid.nx;
  const H5Handle gcpl = group_create_plist();
  H5Handle group(H5Gcreate2(file_, "statistics", H5P_DEFAULT, gcpl, H5P_DEFAULT), H5Gclose,
                 "create group statistics in " + path_);
  set_attribute(group, "description",
                "ground-level (lowest layer) statistics over the run; see docs/output-format.md");
  for (const auto& f : fields) {
    H5Handle d = make_float_dataset(group, safe_name(f.name), {ny, nx}, {ny, nx}, false);
    h5_check(H5Dwrite(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, f.values.data()),
             "write statistics/" + f.name);
    attach_scales(d, {y_, x_});
    set_attribute(d, "units", f.units);
    set_attribute(d, "long_name", f.long_name);
    set_attribute(d, "grid_mapping", "/crs");
    set_attribute(d, "coordinates", "lat lon");
  }
  h5_check(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush " + path_);
}

void Hdf5Writer::end(const RunSummary& summary) {
  if (!file_) return;
  set_attribute(file_, "status", summary.interrupted ? "interrupted" : "complete");
  set_attribute(file_, "end_time_s", summary.end_time_s);
  set_attribute(file_, "steps", double(summary.steps));
  close_all();
}

void Hdf5Writer::close_all() {
  // Objects first: the file's own close is the one that flushes, and its
  // status is the one that says whether everything reached the disk.
  for (auto& d : fields_) d.reset();
  for (auto& d : ground_) d.reset();
  for (H5Handle* d : {&x_, &y_, &z_, &time_, &fields_time_, &fields_z_}) d->reset();
  h5_check(file_.close(), "close " + path_);
}

}  // namespace airshed::output
