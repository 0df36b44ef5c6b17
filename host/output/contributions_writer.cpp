#include "host/output/contributions_writer.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include "host/core/field_names.hpp"
#include "host/output/atomic_file.hpp"
#include "host/output/output_dir.hpp"
#include "host/output/receptor_writer.hpp"

namespace airshed::output {

namespace {

// A 1-D dataset of fixed-length NUL-terminated ASCII strings (as the text
// attributes are written), or the same as an attribute.
H5Handle string_type(const std::vector<std::string>& v) {
  std::size_t len = 1;
  for (const auto& s : v) len = std::max(len, s.size() + 1);
  H5Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
  h5_check(H5Tset_size(type, len), "string size");
  h5_check(H5Tset_strpad(type, H5T_STR_NULLTERM), "string padding");
  return type;
}

std::vector<char> packed(const std::vector<std::string>& v, std::size_t len) {
  std::vector<char> buf(std::max<std::size_t>(1, v.size()) * len, '\0');
  for (std::size_t i = 0; i < v.size(); ++i) std::copy(v[i].begin(), v[i].end(), &buf[i * len]);
  return buf;
}

void set_string_array(hid_t obj, const std::string& name, const std::vector<std::string>& v) {
  const H5Handle type = string_type(v);
  const std::size_t len = H5Tget_size(type);
  const hsize_t n = v.size();
  H5Handle space(n == 0 ? H5Screate(H5S_NULL) : H5Screate_simple(1, &n, nullptr), H5Sclose,
                 "attribute space");
  H5Handle a(H5Acreate2(obj, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
             "create attribute " + name);
  if (n > 0) h5_check(H5Awrite(a, type, packed(v, len).data()), "write attribute " + name);
}

void write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& v) {
  const H5Handle type = string_type(v);
  const std::size_t len = H5Tget_size(type);
  const hsize_t n = v.size();
  H5Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose, "dataset space");
  H5Handle d(H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
             H5Dclose, "create " + name);
  if (n > 0)
    h5_check(H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, packed(v, len).data()),
             "write " + name);
}

void write_doubles(hid_t parent, const std::string& name, const std::vector<double>& v) {
  const hsize_t n = v.size();
  H5Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose, "dataset space");
  H5Handle d(H5Dcreate2(parent, name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT,
                        H5P_DEFAULT),
             H5Dclose, "create " + name);
  if (n > 0)
    h5_check(H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()),
             "write " + name);
}

// An extendible dataset [0][dims...], one time per chunk.
H5Handle series_dataset(hid_t parent, const std::string& name, hid_t type,
                        const std::vector<hsize_t>& dims) {
  std::vector<hsize_t> now{0}, max{H5S_UNLIMITED}, chunk{1};
  for (hsize_t d : dims) {
    now.push_back(d);
    max.push_back(d);
    chunk.push_back(std::max<hsize_t>(d, 1));
  }
  H5Handle space(H5Screate_simple(int(now.size()), now.data(), max.data()), H5Sclose,
                 "dataset space");
  H5Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "dataset plist");
  h5_check(H5Pset_chunk(dcpl, int(chunk.size()), chunk.data()), "chunk " + name);
  if (type == H5T_IEEE_F32LE) {
    h5_check(H5Pset_shuffle(dcpl), "shuffle " + name);
    h5_check(H5Pset_deflate(dcpl, 4), "deflate " + name);
  }
  return H5Handle(H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                  H5Dclose, "create " + name);
}

H5Handle make_group(hid_t parent, const std::string& name) {
  const H5Handle gcpl = group_create_plist();
  return H5Handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl, H5P_DEFAULT), H5Gclose,
                  "create group " + name);
}

}  // namespace

void ContributionsWriter::begin(const RunInfo& info) {
  info_ = info;
  const TaggingInfo& tg = info.tagging;
  H5dont_atexit();
  silence_hdf5_errors();
  require_plain_file_or_absent(path());
  const H5Handle fcpl = file_create_plist();
  file_ = H5Handle(H5Fcreate(path().c_str(), H5F_ACC_TRUNC, fcpl, H5P_DEFAULT), H5Fclose,
                   "cannot create '" + path() + "'");
  set_attribute(file_, "format", "airshed-contributions-1");
  set_string_array(file_, "tags", tg.tags);
  set_string_array(file_, "tag_kinds", tg.kinds);
  set_string_array(file_, "tag_selectors", tg.selectors);
  std::vector<std::string> tagged, untagged;
  for (std::size_t n = 0; n < info.species.size(); ++n)
    (std::find(tg.species.begin(), tg.species.end(), int(n)) != tg.species.end() ? tagged
                                                                                 : untagged)
        .push_back(info.species[n].name);
  set_string_array(file_, "tagged_species", tagged);
  set_string_array(file_, "untagged_species", untagged);
  set_attribute(file_, "start", format_iso8601(info.start));
  set_attribute(file_, "utc_offset_minutes", double(info.start.offset_minutes));
  set_attribute(file_, "output_interval_s", info.output_interval_s);
  set_attribute(file_, "scenario_file", info.scenario_file);
  set_attribute(file_, "duration_s", info.duration_s);
  // The tags add up to the run, but a cut recombined from them is exact only
  // for linear processes: the limited advection and the chemistry are not
  // (docs/tagging.md).
  {
    const int linear = tg.nonlinear_processes.empty() ? 1 : 0;
    H5Handle space(H5Screate(H5S_SCALAR), H5Sclose, "scalar space");
    H5Handle a(H5Acreate2(file_, "linear", H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT),
               H5Aclose, "create attribute linear");
    h5_check(H5Awrite(a, H5T_NATIVE_INT, &linear), "write attribute linear");
  }
  if (!tg.nonlinear_processes.empty())
    set_attribute(file_, "nonlinear_processes", tg.nonlinear_processes);
  set_attribute(file_, "status", "running");

  {
    time_ = series_dataset(file_, "time", H5T_IEEE_F64LE, {});
    set_attribute(time_, "units", "s since start");
    const H5Handle rec = make_group(file_, "receptors");
    std::vector<std::string> names;
    std::vector<double> x, y, z, lon, lat;
    for (const auto& r : info.receptors) {
      names.push_back(r.name);
      x.push_back(r.x);
      y.push_back(r.y);
      z.push_back(r.z);
      lon.push_back(r.lon);
      lat.push_back(r.lat);
    }
    write_strings(rec, "name", names);
    write_doubles(rec, "x", x);
    write_doubles(rec, "y", y);
    write_doubles(rec, "z", z);
    write_doubles(rec, "lon", lon);
    write_doubles(rec, "lat", lat);
    const H5Handle ground = make_group(file_, "ground");
    set_attribute(ground, "layer_height_m", info.grid.z_centre(0));
    const hsize_t nt = tg.tags.size(), nr = info.receptors.size();
    const hsize_t ny = info.grid.ny, nx = info.grid.nx;
    for (int sp : tg.species) {
      const SpeciesInfo& si = info.species[std::size_t(sp)];
      receptors_.push_back(series_dataset(rec, safe_name(si.name), H5T_IEEE_F64LE, {nt, nr}));
      ground_.push_back(series_dataset(ground, safe_name(si.name), H5T_IEEE_F32LE, {nt, ny, nx}));
      for (hid_t d : {receptors_.back().get(), ground_.back().get()}) {
        set_attribute(d, "units", si.units);
        set_attribute(d, "long_name", si.long_name + " per tag");
      }
    }
  }
  stencils_.clear();
  for (const auto& r : info.receptors)
    stencils_.push_back(statistics::trilinear_stencil(info.grid, r.x, r.y, r.z));
  series_.assign(tg.species.size(), statistics::TaggedSeries{});
  for (auto& s : series_) s.tags = tg.tags.size();
  h5_check(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush " + path());
}

void ContributionsWriter::append(hid_t dataset, hid_t mem_type, const void* data) {
  H5Handle space(H5Dget_space(dataset), H5Sclose, "dataset space");
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> dims(rank);
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  dims[0] = times_written_ + 1;
  h5_check(H5Dset_extent(dataset, dims.data()), "extend dataset in " + path());
  H5Handle file_space(H5Dget_space(dataset), H5Sclose, "dataset space");
  std::vector<hsize_t> start(rank, 0), count = dims;
  start[0] = times_written_;
  count[0] = 1;
  h5_check(
      H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
      "select time slab");
  H5Handle mem(H5Screate_simple(rank, count.data(), nullptr), H5Sclose, "memory space");
  h5_check(H5Dwrite(dataset, mem_type, mem, file_space, H5P_DEFAULT, data), "write to " + path());
}

void ContributionsWriter::record(const OutputSnapshot& s) {
  // Every snapshot, t = 0 included, as the statistics record them (t = 0
  // enters only the instantaneous maximum; contribution_table.hpp).
  const TaggingInfo& tg = info_.tagging;
  if (s.tags.size() != tg.species.size())
    throw std::invalid_argument("contributions: snapshot has " + std::to_string(s.tags.size()) +
                                " tagged species for " + std::to_string(tg.species.size()));
  const std::size_t nt = tg.tags.size(), nr = stencils_.size(), plane = info_.grid.columns();
  for (std::size_t n = 0; n < tg.species.size(); ++n) {
    if (s.tags[n].size() != nt)
      throw std::invalid_argument("contributions: snapshot has the wrong number of tags");
    std::vector<double> at(nt * nr);
    std::vector<float> ground(nt * plane);
    for (std::size_t k = 0; k < nt; ++k) {
      const std::vector<float>& f = s.tags[n][k];
      if (f.size() != info_.grid.cells())
        throw std::invalid_argument("contributions: tag field has the wrong size");
      for (std::size_t r = 0; r < nr; ++r)
        at[k * nr + r] = statistics::sample(stencils_[r], f.data());
      std::copy(f.begin(), f.begin() + std::ptrdiff_t(plane),
                ground.begin() + std::ptrdiff_t(k * plane));
    }
    append(receptors_[n], H5T_NATIVE_DOUBLE, at.data());
    append(ground_[n], H5T_NATIVE_FLOAT, ground.data());
    // The species' own series as the statistics sample it, for the table.
    const std::vector<float>& total = s.fields[std::size_t(tg.species[n])];
    std::vector<double> t(nr);
    for (std::size_t r = 0; r < nr; ++r) t[r] = statistics::sample(stencils_[r], total.data());
    series_[n].add(s.time_s, t, at);
  }
  append(time_, H5T_NATIVE_DOUBLE, &s.time_s);
  h5_check(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush " + path());
  ++times_written_;
}

std::vector<std::string> ContributionsWriter::write_statistics(const statistics::Results&) {
  if (info_.receptors.empty()) return {};
  std::vector<statistics::ContributionRow> rows;
  for (std::size_t n = 0; n < series_.size(); ++n) {
    const SpeciesInfo& si = info_.species[std::size_t(info_.tagging.species[n])];
    statistics::ContributionConfig c{info_.start, info_.output_interval_s};
    for (auto& row : statistics::contribution_rows(series_[n], c)) {
      row.species = si.name;
      row.units = si.units;
      rows.push_back(std::move(row));
    }
  }
  std::string out =
      "receptor,x,y,lon,lat,species,statistic,when,value,units,tag,tag_value,tag_percent\n";
  for (const auto& row : rows) {
    const ReceptorInfo& r = info_.receptors[row.receptor];
    for (std::size_t k = 0; k < row.tag_values.size(); ++k) {
      const double pct = row.value > 0 ? 100.0 * row.tag_values[k] / row.value : 0.0;
      out += csv_field(r.name) + "," + csv_number(r.x) + "," + csv_number(r.y) + "," +
             csv_number(r.lon) + "," + csv_number(r.lat) + "," + csv_field(row.species) + "," +
             csv_field(row.statistic) + "," + csv_field(row.when) + "," + csv_number(row.value) +
             "," + csv_field(row.units) + "," + csv_field(info_.tagging.tags[k]) + "," +
             csv_number(row.tag_values[k]) + "," + csv_number(pct) + "\n";
    }
  }
  write_file_atomically(table_path(), out);
  return {"contributions.csv"};
}

void ContributionsWriter::end(const RunSummary& summary) {
  if (!file_) return;
  const H5Handle em = make_group(file_, "emissions");
  for (std::size_t n = 0; n < info_.tagging.species.size() && n < summary.tag_budgets.size(); ++n) {
    std::vector<double> mass;
    for (const MassBudget& b : summary.tag_budgets[n])
      mass.push_back(b.emitted * info_.tagging.to_user_mass[n]);
    const std::string name = safe_name(info_.species[std::size_t(info_.tagging.species[n])].name);
    write_doubles(em, name, mass);
    H5Handle d(H5Dopen2(em, name.c_str(), H5P_DEFAULT), H5Dclose, "open emissions/" + name);
    set_attribute(d, "units", info_.tagging.mass_units[n]);
  }
  set_attribute(file_, "status", summary.interrupted ? "interrupted" : "complete");
  close_all();
}

void ContributionsWriter::close_all() {
  for (auto& d : receptors_) d.reset();
  for (auto& d : ground_) d.reset();
  time_.reset();
  h5_check(file_.close(), "close " + path());
}

void ContributionsWriter::set_times(hsize_t n) {
  std::vector<hid_t> all{time_.get()};
  for (std::size_t i = 0; i < receptors_.size(); ++i)
    all.insert(all.end(), {receptors_[i], ground_[i]});
  for (hid_t d : all) {
    H5Handle space(H5Dget_space(d), H5Sclose, "dataset space");
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> dims(std::max(rank, 1));
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    if (dims[0] < n)
      throw std::runtime_error("'" + path() + "' holds " + std::to_string(dims[0]) +
                               " output times, fewer than the checkpoint's " + std::to_string(n) +
                               "; cannot resume");
    dims[0] = n;
    h5_check(H5Dset_extent(d, dims.data()), "cut back " + path());
  }
}

void ContributionsWriter::save(StateWriter& w) const {
  w.tag("contributions");
  w.put(std::uint64_t(times_written_));
  w.put(std::uint64_t(series_.size()));
  for (const auto& s : series_) s.save(w);
}

void ContributionsWriter::resume(const RunInfo& info, StateReader& r) {
  r.expect("contributions");
  const hsize_t times = r.get<std::uint64_t>();
  info_ = info;
  require_plain_file_or_absent(path());
  file_ = H5Handle(H5Fopen(path().c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose,
                   "cannot reopen '" + path() + "' to resume");
  auto open = [&](const std::string& name) {
    return H5Handle(H5Dopen2(file_, name.c_str(), H5P_DEFAULT), H5Dclose,
                    "'" + path() + "' has no dataset '" + name + "' to resume");
  };
  time_ = open("time");
  receptors_.clear();
  ground_.clear();
  for (int sp : info.tagging.species) {
    const std::string name = safe_name(info.species[std::size_t(sp)].name);
    receptors_.push_back(open("receptors/" + name));
    ground_.push_back(open("ground/" + name));
  }
  set_times(times);
  if (H5Lexists(file_, "emissions", H5P_DEFAULT) > 0)
    h5_check(H5Ldelete(file_, "emissions", H5P_DEFAULT), "drop old emissions in " + path());
  times_written_ = times;
  stencils_.clear();
  for (const auto& rc : info.receptors)
    stencils_.push_back(statistics::trilinear_stencil(info.grid, rc.x, rc.y, rc.z));
  if (r.get<std::uint64_t>() != info.tagging.species.size())
    r.fail("it was written with a different set of tagged species");
  series_.assign(info.tagging.species.size(), statistics::TaggedSeries{});
  for (auto& s : series_) s.load(r);
  set_attribute(file_, "status", "running");
  h5_check(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush " + path());
}

void ContributionsWriter::failed(const RunFailure& f) noexcept {
  if (!file_) return;
  try {
    set_times(times_written_);
    set_attribute(file_, "status", "failed");
    set_attribute(file_, "failure", f.message);
    close_all();
  } catch (const std::exception&) {
    file_.release();
    H5Eclear2(H5E_DEFAULT);
  }
}

}  // namespace airshed::output
