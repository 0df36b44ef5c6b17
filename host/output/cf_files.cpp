#include "host/output/cf_files.hpp"

#include <netcdf.h>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <set>
#include <stdexcept>

#include "host/core/dataset_names.hpp"
#include "host/core/version.hpp"
#include "host/output/cf_names.hpp"
#include "host/output/hdf5_handle.hpp"
#include "host/output/output_dir.hpp"
#include "host/scenario/projection.hpp"

namespace airshed::output {

namespace {

void nc_check(int status, const std::string& what) {
  if (status != NC_NOERR) throw std::runtime_error("netCDF: " + what + ": " + nc_strerror(status));
}

// One netCDF file being written: created under a temporary name and
// renamed over NAME.nc only once it closed cleanly, so a reader never
// opens half a file.
class NcFile {
 public:
  explicit NcFile(std::string path) : path_(std::move(path)), tmp_(path_ + ".partial") {
    require_plain_file_or_absent(tmp_);  // netCDF opens by name and follows links
    nc_check(nc_create(tmp_.c_str(), NC_CLOBBER | NC_NETCDF4 | NC_CLASSIC_MODEL, &id_),
             "cannot create '" + tmp_ + "'");
  }
  NcFile(const NcFile&) = delete;
  NcFile& operator=(const NcFile&) = delete;
  ~NcFile() {
    if (id_ < 0) return;
    nc_close(id_);
    std::remove(tmp_.c_str());
  }
  int id() const { return id_; }
  void close() {
    const int status = nc_close(id_);
    id_ = -1;
    if (status != NC_NOERR) std::remove(tmp_.c_str());
    nc_check(status, "close " + tmp_);
    if (std::rename(tmp_.c_str(), path_.c_str()) != 0)
      throw std::runtime_error("cannot rename '" + tmp_ + "' to '" + path_ + "'");
  }

  int dim(const char* name, std::size_t len) {
    int d;
    nc_check(nc_def_dim(id_, name, len, &d), std::string("define dimension ") + name);
    return d;
  }
  // A variable of `type` over `dims`; deflated (level 1, shuffled) when it
  // has two or more dimensions.
  int var(const std::string& name, nc_type type, const std::vector<int>& dims) {
    int v;
    nc_check(nc_def_var(id_, name.c_str(), type, int(dims.size()), dims.data(), &v),
             "define variable " + name);
    if (dims.size() >= 2) nc_check(nc_def_var_deflate(id_, v, 1, 1, 1), "deflate " + name);
    return v;
  }
  void text(int var, const char* att, const std::string& value) {
    nc_check(nc_put_att_text(id_, var, att, value.size(), value.c_str()),
             std::string("attribute ") + att);
  }
  void number(int var, const char* att, double value) {
    nc_check(nc_put_att_double(id_, var, att, NC_DOUBLE, 1, &value),
             std::string("attribute ") + att);
  }
  void fill(int var, nc_type type) {
    const float ff = NC_FILL_FLOAT;
    const double fd = NC_FILL_DOUBLE;
    nc_check(nc_def_var_fill(
                 id_, var, 0,
                 type == NC_FLOAT ? static_cast<const void*>(&ff) : static_cast<const void*>(&fd)),
             "_FillValue");
  }
  void end_define() { nc_check(nc_enddef(id_), "end define mode in " + tmp_); }
  void put(int var, const std::vector<double>& v) {
    nc_check(nc_put_var_double(id_, var, v.data()), "write " + tmp_);
  }

 private:
  std::string path_, tmp_;
  int id_ = -1;
};

// The horizontal grid, the ground layer's height and the grid mapping,
// defined alike in both files; `write` fills them after define mode.
struct Horizontal {
  int x, y, x_bnds, y_bnds, lat, lon, lat_bnds, lon_bnds, height, height_bnds, crs;
  int dim_x, dim_y;

  Horizontal(NcFile& f, const RunInfo& info, int dim_bnds) {
    const Grid& g = info.grid;
    dim_x = f.dim("x", std::size_t(g.nx));
    dim_y = f.dim("y", std::size_t(g.ny));
    const int dim_nv = f.dim("nv", 4);
    x = f.var("x", NC_DOUBLE, {dim_x});
    y = f.var("y", NC_DOUBLE, {dim_y});
    x_bnds = f.var("x_bnds", NC_DOUBLE, {dim_x, dim_bnds});
    y_bnds = f.var("y_bnds", NC_DOUBLE, {dim_y, dim_bnds});
    const char* axis[] = {"X", "Y"};
    const char* sn[] = {"projection_x_coordinate", "projection_y_coordinate"};
    const char* ln[] = {"cell centre x (east) from the domain's south-west corner",
                        "cell centre y (north) from the domain's south-west corner"};
    const int xy[] = {x, y};
    for (int a = 0; a < 2; ++a) {
      f.text(xy[a], "units", "m");
      f.text(xy[a], "axis", axis[a]);
      f.text(xy[a], "standard_name", sn[a]);
      f.text(xy[a], "long_name", ln[a]);
      f.text(xy[a], "bounds", a == 0 ? "x_bnds" : "y_bnds");
    }
    lat = f.var("lat", NC_DOUBLE, {dim_y, dim_x});
    lon = f.var("lon", NC_DOUBLE, {dim_y, dim_x});
    lat_bnds = f.var("lat_bnds", NC_DOUBLE, {dim_y, dim_x, dim_nv});
    lon_bnds = f.var("lon_bnds", NC_DOUBLE, {dim_y, dim_x, dim_nv});
    f.text(lat, "units", "degrees_north");
    f.text(lat, "standard_name", "latitude");
    f.text(lat, "long_name", "latitude of the cell centre (WGS 84)");
    f.text(lat, "bounds", "lat_bnds");
    f.text(lon, "units", "degrees_east");
    f.text(lon, "standard_name", "longitude");
    f.text(lon, "long_name", "longitude of the cell centre (WGS 84)");
    f.text(lon, "bounds", "lon_bnds");
    height = f.var("height", NC_DOUBLE, {});
    height_bnds = f.var("height_bnds", NC_DOUBLE, {dim_bnds});
    f.text(height, "units", "m");
    f.text(height, "standard_name", "height");
    f.text(height, "positive", "up");
    f.text(height, "axis", "Z");
    f.text(height, "long_name", "height above ground of the lowest model layer's centre");
    f.text(height, "bounds", "height_bnds");

    crs = f.var("crs", NC_INT, {});
    const LocalProjection proj{info.origin_lon, info.origin_lat};
    f.text(crs, "grid_mapping_name", "azimuthal_equidistant");
    f.number(crs, "longitude_of_projection_origin", info.origin_lon);
    f.number(crs, "latitude_of_projection_origin", info.origin_lat);
    f.number(crs, "false_easting", 0.0);
    f.number(crs, "false_northing", 0.0);
    f.number(crs, "semi_major_axis", LocalProjection::wgs84_semi_major_m);
    f.number(crs, "inverse_flattening", LocalProjection::wgs84_inverse_flattening);
    f.number(crs, "longitude_of_prime_meridian", 0.0);
    const std::string wkt = proj.crs_wkt();
    f.text(crs, "crs_wkt", wkt);      // CF-1.10 §5.6.1
    f.text(crs, "spatial_ref", wkt);  // GDAL's netCDF driver reads this first
    f.text(crs, "proj4_params", proj.proj_string());
  }

  void write(NcFile& f, const RunInfo& info) const {
    const Grid& g = info.grid;
    std::vector<double> xs(g.nx), ys(g.ny), xb(2 * g.nx), yb(2 * g.ny);
    for (int i = 0; i < g.nx; ++i) {
      xs[i] = g.x_centre(i);
      xb[2 * i] = i * g.dx;
      xb[2 * i + 1] = (i + 1) * g.dx;
    }
    for (int j = 0; j < g.ny; ++j) {
      ys[j] = (j + 0.5) * g.dy;
      yb[2 * j] = j * g.dy;
      yb[2 * j + 1] = (j + 1) * g.dy;
    }
    f.put(x, xs);
    f.put(y, ys);
    f.put(x_bnds, xb);
    f.put(y_bnds, yb);
    // Centres and corners (CF-1.10 §7.1: counter-clockwise from south-west)
    // through the run's one projection.
    const LocalProjection proj{info.origin_lon, info.origin_lat};
    const std::size_t n = std::size_t(g.nx) * g.ny;
    std::vector<double> la(n), lo(n), lab(4 * n), lob(4 * n);
    const int ci[4] = {0, 1, 1, 0}, cj[4] = {0, 0, 1, 1};
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) {
        const std::size_t c = std::size_t(j) * g.nx + i;
        proj.to_lonlat(xs[i], ys[j], lo[c], la[c]);
        for (int k = 0; k < 4; ++k)
          proj.to_lonlat((i + ci[k]) * g.dx, (j + cj[k]) * g.dy, lob[4 * c + k], lab[4 * c + k]);
      }
    f.put(lat, la);
    f.put(lon, lo);
    f.put(lat_bnds, lab);
    f.put(lon_bnds, lob);
    f.put(height, {g.z_centre(0)});
    f.put(height_bnds, {g.z_faces[0], g.z_faces[1]});
    const int zero = 0;
    nc_check(nc_put_var_int(f.id(), crs, &zero), "write crs");
  }
};

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

void global_attributes(NcFile& f, const RunInfo& info, const std::string& what,
                       const std::string& h5_name) {
  f.text(NC_GLOBAL, "Conventions", "CF-1.10");
  f.text(NC_GLOBAL, "title", "airshed run " + info.scenario_name + ": " + what);
  f.text(NC_GLOBAL, "institution",
         "not recorded: airshed runs carry no institution; the party running the model");
  f.text(NC_GLOBAL, "source", version_line());
  f.text(NC_GLOBAL, "history",
         utc_now() + " airshed: run of " + info.scenario_file + ", written from " + h5_name);
  f.text(NC_GLOBAL, "references",
         "airshed docs/output-format.md (this file), docs/numerics.md (equations and their "
         "sources)");
  f.text(NC_GLOBAL, "comment",
         "CF view of " + h5_name +
             ": variable names made CF-safe (long_name and airshed_name keep the model's)");
  f.text(NC_GLOBAL, "start_time", format_iso8601(info.start));
  f.text(NC_GLOBAL, "scenario_file", info.scenario_file);
}

// Variable names unique within a file (two model names may map to one CF name).
std::string unique_name(std::set<std::string>& taken, const std::string& model_name) {
  const std::string base = cf_variable_name(model_name);
  std::string name = base;
  for (int k = 2; !taken.insert(name).second; ++k) name = base + "_" + std::to_string(k);
  return name;
}

void species_attributes(NcFile& f, int v, const std::string& units, const std::string& long_name,
                        const std::string& model_name) {
  f.text(v, "units", cf_units(units));
  if (cf_units(units) != units) f.text(v, "airshed_units", units);
  if (units == "OU/m3")
    f.text(v, "odour_unit",
           "European odour units per cubic metre (ou_E m-3, EN 13725), written as m-3");
  f.text(v, "long_name", long_name);
  f.text(v, "airshed_name", model_name);
  f.text(v, "grid_mapping", "crs");
  f.text(v, "coordinates", "height lat lon");
}

}  // namespace

CfFiles::CfFiles(const std::string& dir, const std::string& name, bool statistics,
                 const FieldSelection& fields)
    : dir_(dir), name_(name), statistics_(statistics), sel_(fields) {}

void CfFiles::plan(const RunInfo& info) {
  info_ = info;
  // Ground times after t = 0 that NAME.h5 will hold.
  const long last = snapshot_index(info.duration_s, info.output_interval_s);
  const long times = due_count(sel_.ground_every, last) - 1;
  series_ = sel_.ground_every > 0 &&
            (sel_.cf_series == 1 ||
             (sel_.cf_series < 0 && times <= FieldSelection::cf_series_auto_times));
}

std::vector<std::string> CfFiles::files() const {
  std::vector<std::string> f;
  if (series_) f.push_back(name_ + ".nc");
  if (statistics_) f.push_back(name_ + "_statistics.nc");
  return f;
}

void CfFiles::failed(const RunFailure&) noexcept {
  for (const auto& f : files()) set_aside_.push_back({f, ""});
}

std::vector<std::string> CfFiles::write_statistics(const statistics::Results& r) {
  const std::vector<GroundField> fields = ground_fields(r.ground);
  for (std::size_t k = 0; k < fields.size(); ++k) {
    const auto& g = r.ground[k];
    std::string averaging;
    for (const auto& a : r.areas)
      if (a.species == g.species && a.label == g.label) averaging = a.averaging;
    for (const auto& th : info_.thresholds)
      if (averaging.empty() && th.species == g.species && th.label == g.label)
        averaging = th.averaging;
    stats_.push_back({fields[k], g.statistic, averaging});
  }
  return {};
}

void CfFiles::end(const RunSummary& summary) {
  if (series_) write_series(summary);
  if (statistics_) write_statistics_file(summary);
}

void CfFiles::write_series(const RunSummary&) const {
  const std::string h5_path = dir_ + "/" + name_ + ".h5";
  silence_hdf5_errors();
  const H5Handle fapl = file_access_plist();
  H5Handle h5(H5Fopen(h5_path.c_str(), H5F_ACC_RDONLY, fapl), H5Fclose,
              "cannot open '" + h5_path + "'");
  // The times after the start: t = 0 is the initial state, which no
  // statistic averages (docs/output-format.md, Statistics).
  H5Handle td(H5Dopen2(h5, "time", H5P_DEFAULT), H5Dclose, "open time");
  H5Handle ts(H5Dget_space(td), H5Sclose, "time space");
  const hssize_t nt_all = H5Sget_simple_extent_npoints(ts);
  std::vector<double> t_all(std::size_t(std::max<hssize_t>(nt_all, 0)));
  if (!t_all.empty())
    h5_check(H5Dread(td, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, t_all.data()),
             "read time");
  std::vector<std::size_t> keep;
  std::vector<double> times;
  for (std::size_t k = 0; k < t_all.size(); ++k)
    if (t_all[k] > 0) {
      keep.push_back(k);
      times.push_back(t_all[k]);
    }

  const Grid& g = info_.grid;
  NcFile f(dir_ + "/" + name_ + ".nc");
  global_attributes(f, info_, "ground fields (lowest model layer) after the start", name_ + ".h5");
  const int dim_time = f.dim("time", NC_UNLIMITED);
  const int dim_bnds = f.dim("bnds", 2);
  const Horizontal hz(f, info_, dim_bnds);
  const int time = f.var("time", NC_DOUBLE, {dim_time});
  f.text(time, "units", "seconds since " + format_utc(info_.start));
  f.text(time, "calendar", "standard");
  f.text(time, "standard_name", "time");
  f.text(time, "axis", "T");
  f.text(time, "long_name", "time of the snapshot");
  std::set<std::string> taken = {"x",        "y",        "x_bnds", "y_bnds",      "lat", "lon",
                                 "lat_bnds", "lon_bnds", "height", "height_bnds", "crs", "time"};
  std::vector<int> vars;
  std::vector<std::size_t> written;  // the species NAME.h5 has ground fields of
  for (std::size_t n = 0; n < info_.species.size(); ++n)
    if (sel_.writes_species(info_.species[n].name)) written.push_back(n);
  for (const std::size_t n : written) {
    const auto& sp = info_.species[n];
    const std::string model = safe_name(sp.name) + kGroundSuffix;
    const int v = f.var(unique_name(taken, model), NC_FLOAT, {dim_time, hz.dim_y, hz.dim_x});
    const std::size_t chunk[3] = {1, std::size_t(g.ny), std::size_t(g.nx)};
    nc_check(nc_def_var_chunking(f.id(), v, NC_CHUNKED, chunk), "chunk " + model);
    f.fill(v, NC_FLOAT);
    species_attributes(f, v, sp.units, sp.long_name + " in the lowest model layer", model);
    if (!sp.standard_name.empty()) f.text(v, "standard_name", sp.standard_name);
    f.text(v, "cell_methods", "time: point");  // snapshots
    vars.push_back(v);
  }
  f.end_define();
  hz.write(f, info_);
  if (!times.empty()) {
    const std::size_t start = 0, count = times.size();
    nc_check(nc_put_vara_double(f.id(), time, &start, &count, times.data()), "write time");
  }
  // One time step at a time: a year's series never sits in memory whole.
  std::vector<float> plane(std::size_t(g.nx) * g.ny);
  for (std::size_t w = 0; w < written.size(); ++w) {
    const std::size_t n = written[w];
    const std::string model = safe_name(info_.species[n].name) + kGroundSuffix;
    H5Handle d(H5Dopen2(h5, model.c_str(), H5P_DEFAULT), H5Dclose, "open " + model);
    H5Handle fs(H5Dget_space(d), H5Sclose, "space of " + model);
    const hsize_t count[3] = {1, hsize_t(g.ny), hsize_t(g.nx)};
    H5Handle ms(H5Screate_simple(3, count, nullptr), H5Sclose, "memory space");
    for (std::size_t k = 0; k < keep.size(); ++k) {
      const hsize_t start[3] = {keep[k], 0, 0};
      h5_check(H5Sselect_hyperslab(fs, H5S_SELECT_SET, start, nullptr, count, nullptr),
               "select " + model);
      h5_check(H5Dread(d, H5T_NATIVE_FLOAT, ms, fs, H5P_DEFAULT, plane.data()), "read " + model);
      const std::size_t nc_start[3] = {k, 0, 0}, nc_count[3] = {1, count[1], count[2]};
      nc_check(nc_put_vara_float(f.id(), vars[w], nc_start, nc_count, plane.data()),
               "write " + model);
    }
  }
  f.close();
}

void CfFiles::write_statistics_file(const RunSummary& summary) const {
  const Grid& g = info_.grid;
  NcFile f(dir_ + "/" + name_ + "_statistics.nc");
  global_attributes(f, info_, "ground statistics over the run", name_ + ".h5");
  // One time: the run's end, with the run as its bounds (CF-1.10 §7.4),
  // so that each statistic's cell_methods says over what it was taken.
  const int dim_time = f.dim("time", 1);
  const int dim_bnds = f.dim("bnds", 2);
  const Horizontal hz(f, info_, dim_bnds);
  const int time = f.var("time", NC_DOUBLE, {dim_time});
  const int time_bnds = f.var("time_bnds", NC_DOUBLE, {dim_time, dim_bnds});
  const std::string since = "seconds since " + format_utc(info_.start);
  f.text(time, "units", since);
  f.text(time, "calendar", "standard");
  f.text(time, "standard_name", "time");
  f.text(time, "axis", "T");
  f.text(time, "bounds", "time_bnds");
  f.text(time, "long_name", "end of the period the statistics cover");
  std::set<std::string> taken = {"x",   "y",        "x_bnds",   "y_bnds", "lat",
                                 "lon", "lat_bnds", "lon_bnds", "height", "height_bnds",
                                 "crs", "time",     "time_bnds"};
  std::vector<int> vars;
  for (const auto& s : stats_) {
    const bool is_time = s.statistic == "time_of_max" || s.statistic == "arrival_time";
    const int v = f.var(unique_name(taken, s.field.name), is_time ? NC_DOUBLE : NC_FLOAT,
                        {dim_time, hz.dim_y, hz.dim_x});
    f.fill(v, is_time ? NC_DOUBLE : NC_FLOAT);
    species_attributes(f, v, s.field.units, s.field.long_name, s.field.name);
    if (is_time) {
      // A time: decodable as one (units "seconds since ...").
      f.text(v, "units", since);
      f.text(v, "calendar", "standard");
    }
    const std::string methods = cf_cell_methods(s.statistic, s.averaging, info_.output_interval_s);
    if (!methods.empty()) f.text(v, "cell_methods", methods);
    vars.push_back(v);
  }
  f.end_define();
  hz.write(f, info_);
  f.put(time, {summary.end_time_s});
  f.put(time_bnds, {0.0, summary.end_time_s});
  std::vector<double> d(std::size_t(g.nx) * g.ny);
  std::vector<float> fl(d.size());
  for (std::size_t k = 0; k < stats_.size(); ++k) {
    const auto& values = stats_[k].field.values;
    // NaN (never above a threshold, no valid day) is "no value": _FillValue.
    for (std::size_t c = 0; c < d.size() && c < values.size(); ++c) {
      const bool missing = std::isnan(values[c]);
      d[c] = missing ? NC_FILL_DOUBLE : double(values[c]);
      fl[c] = missing ? NC_FILL_FLOAT : values[c];
    }
    const int status = stats_[k].statistic == "time_of_max" || stats_[k].statistic == "arrival_time"
                           ? nc_put_var_double(f.id(), vars[k], d.data())
                           : nc_put_var_float(f.id(), vars[k], fl.data());
    nc_check(status, "write " + stats_[k].field.name);
  }
  f.close();
}

}  // namespace airshed::output
