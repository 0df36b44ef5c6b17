#include "host/attribution/contributions.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "host/attribution/run_record.hpp"
#include "host/core/field_names.hpp"
#include "host/input/input_error.hpp"
#include "host/output/hdf5_handle.hpp"

namespace airshed::attribution {

namespace fs = std::filesystem;
using output::H5Handle;

namespace {

// Every message names the file and the object, as one line.
[[noreturn]] void fail(const std::string& file, const std::string& object,
                       const std::string& what) {
  throw ContributionsError(printable_line(file + ": " + object + ": " + what));
}

bool exists(hid_t file, const std::string& path) {
  // Each parent must exist before H5Lexists may be asked about the child.
  std::size_t at = 1;
  while (true) {
    const std::size_t slash = path.find('/', at);
    const std::string part = path.substr(0, slash);
    if (H5Lexists(file, part.c_str(), H5P_DEFAULT) <= 0) return false;
    if (slash == std::string::npos) return true;
    at = slash + 1;
  }
}

// Strings of an attribute or dataset (`is_attribute`), fixed- or
// variable-length, scalar or 1-D.
std::vector<std::string> read_strings(const std::string& file, hid_t obj, bool is_attribute,
                                      const std::string& what) {
  H5Handle type(is_attribute ? H5Aget_type(obj) : H5Dget_type(obj), H5Tclose, what);
  if (H5Tget_class(type) != H5T_STRING) fail(file, what, "is not a string");
  H5Handle space(is_attribute ? H5Aget_space(obj) : H5Dget_space(obj), H5Sclose, what);
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank > 1) fail(file, what, "has rank " + std::to_string(rank) + ", expected a 1-D array");
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  std::vector<std::string> out;
  if (n <= 0) return out;
  auto read = [&](hid_t mem, void* buf) {
    const herr_t s = is_attribute ? H5Aread(obj, mem, buf)
                                  : H5Dread(obj, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
    if (s < 0) fail(file, what, "cannot be read: " + output::h5_error_reason());
  };
  if (H5Tis_variable_str(type) > 0) {
    H5Handle mem(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
    output::h5_check(H5Tset_size(mem, H5T_VARIABLE), "variable string");
    std::vector<char*> ptrs(std::size_t(n), nullptr);
    read(mem, ptrs.data());
    for (char* p : ptrs) out.emplace_back(p ? p : "");
    H5Dvlen_reclaim(mem, space, H5P_DEFAULT, ptrs.data());
  } else {
    const std::size_t size = H5Tget_size(type);
    H5Handle mem(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
    output::h5_check(H5Tset_size(mem, size), "string size");
    std::vector<char> buf(size * std::size_t(n));
    read(mem, buf.data());
    for (hssize_t i = 0; i < n; ++i) {
      std::string s(buf.data() + std::size_t(i) * size, size);
      s.erase(std::find(s.begin(), s.end(), '\0'), s.end());
      while (!s.empty() && s.back() == ' ') s.pop_back();  // space-padded strings
      out.push_back(s);
    }
  }
  return out;
}

std::vector<std::string> string_attribute(const std::string& file, hid_t obj,
                                          const std::string& name, const std::string& where) {
  if (H5Aexists(obj, name.c_str()) <= 0) fail(file, "attribute '" + name + "'" + where, "missing");
  H5Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, "attribute " + name);
  return read_strings(file, a, true, "attribute '" + name + "'" + where);
}

std::string text_attribute(const std::string& file, hid_t obj, const std::string& name,
                           const std::string& where) {
  const auto v = string_attribute(file, obj, name, where);
  if (v.size() != 1) fail(file, "attribute '" + name + "'" + where, "expected one string");
  return v[0];
}

// A numeric scalar attribute; `fallback` when absent and `required` is false.
double number_attribute(const std::string& file, hid_t obj, const std::string& name, bool required,
                        double fallback) {
  if (H5Aexists(obj, name.c_str()) <= 0) {
    if (required) fail(file, "attribute '" + name + "'", "missing");
    return fallback;
  }
  H5Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, "attribute " + name);
  H5Handle space(H5Aget_space(a), H5Sclose, "attribute space");
  if (H5Sget_simple_extent_npoints(space) != 1)
    fail(file, "attribute '" + name + "'", "not a scalar");
  double v = 0;
  if (H5Aread(a, H5T_NATIVE_DOUBLE, &v) < 0)
    fail(file, "attribute '" + name + "'", "is not a number");
  return v;
}

std::string shape_text(const std::vector<hsize_t>& d) {
  std::string s = "[";
  for (std::size_t i = 0; i < d.size(); ++i) s += (i ? ", " : "") + std::to_string(d[i]);
  return s + "]";
}

H5Handle open_dataset(const std::string& file, hid_t f, const std::string& path) {
  if (!exists(f, path)) fail(file, "dataset '" + path + "'", "missing");
  return H5Handle(H5Dopen2(f, path.c_str(), H5P_DEFAULT), H5Dclose, "open " + path);
}

std::vector<hsize_t> dims_of(hid_t d) {
  H5Handle space(H5Dget_space(d), H5Sclose, "dataset space");
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> dims(std::size_t(std::max(rank, 0)));
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  return dims;
}

// A float64 dataset of exactly `want` (its meaning in `names`, for the message).
std::vector<double> read_doubles(const std::string& file, hid_t f, const std::string& path,
                                 const std::vector<hsize_t>& want, const std::string& names) {
  H5Handle d = open_dataset(file, f, path);
  const auto dims = dims_of(d);
  if (dims != want)
    fail(file, "dataset '" + path + "'",
         "has shape " + shape_text(dims) + ", expected " + names + " = " + shape_text(want));
  std::size_t n = 1;
  for (hsize_t x : want) n *= std::size_t(x);
  std::vector<double> v(n);
  if (n > 0 && H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) < 0)
    fail(file, "dataset '" + path + "'", "cannot be read: " + output::h5_error_reason());
  return v;
}

// The dataset name of a species: as the writers make it (safe_name), or with
// only '/' replaced, whichever the file has.
std::string species_path(hid_t f, const std::string& group, const std::string& species) {
  std::string slash = species;
  std::replace(slash.begin(), slash.end(), '/', '_');
  for (const std::string& name : std::vector<std::string>{output::safe_name(species), slash})
    if (exists(f, group + "/" + name)) return group + "/" + name;
  return group + "/" + output::safe_name(species);
}

}  // namespace

Contributions read_contributions(const std::string& out_dir) {
  output::silence_hdf5_errors();
  Contributions c;
  c.file = (fs::path(out_dir) / "contributions.h5").string();
  const std::string& file = c.file;
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    throw ContributionsError(printable_line(
        file + ": " + (fs::exists(file, ec) ? "is not a regular file" : "does not exist") +
        "; cuts reads the contributions of a tagged run (a scenario with [[tag]] tables, "
        "docs/tagging.md)"));
  H5Handle f(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "open " + file);
  const std::string format = text_attribute(file, f, "format", "");
  if (format != "airshed-contributions-1")
    fail(file, "attribute 'format'", "is '" + format + "', expected 'airshed-contributions-1'");

  const auto names = string_attribute(file, f, "tags", "");
  const auto kinds = string_attribute(file, f, "tag_kinds", "");
  const auto selectors = string_attribute(file, f, "tag_selectors", "");
  if (kinds.size() != names.size() || selectors.size() != names.size())
    fail(file, "attributes 'tags', 'tag_kinds', 'tag_selectors'", "differ in length");
  if (names.empty()) fail(file, "attribute 'tags'", "is empty");
  for (std::size_t k = 0; k < names.size(); ++k)
    c.tags.push_back({names[k], kinds[k], selectors[k]});

  const std::string start = text_attribute(file, f, "start", "");
  const auto at = parse_iso8601(start);
  if (!at) fail(file, "attribute 'start'", "'" + start + "' is not an ISO 8601 time with offset");
  c.start = *at;
  c.output_interval_s = number_attribute(file, f, "output_interval_s", true, 0);
  if (!(c.output_interval_s > 0)) fail(file, "attribute 'output_interval_s'", "must be positive");
  c.linear = number_attribute(file, f, "linear", false, 1) != 0;
  if (H5Aexists(f, "nonlinear_processes") > 0)
    c.nonlinear_processes = text_attribute(file, f, "nonlinear_processes", "");

  H5Handle time = open_dataset(file, f, "/time");
  const auto tdims = dims_of(time);
  if (tdims.size() != 1) fail(file, "dataset '/time'", "is not 1-D");
  c.time = read_doubles(file, f, "/time", tdims, "[nt]");
  for (std::size_t i = 1; i < c.time.size(); ++i)
    if (!(c.time[i] > c.time[i - 1])) fail(file, "dataset '/time'", "does not increase");
  c.duration_s = number_attribute(file, f, "duration_s", false, c.time.empty() ? 0 : c.time.back());

  {
    H5Handle d = open_dataset(file, f, "/receptors/name");
    c.receptors = read_strings(file, d, false, "dataset '/receptors/name'");
  }
  const hsize_t nt = c.nt(), nk = c.ntags(), nr = c.nr();
  const auto species = string_attribute(file, f, "tagged_species", "");
  if (species.empty()) fail(file, "attribute 'tagged_species'", "is empty");
  for (const std::string& sp : species) {
    SpeciesContributions s;
    s.info.name = sp;
    s.info.to_output_units = 1;
    const std::string rpath = species_path(f, "/receptors", sp);
    s.receptors = read_doubles(file, f, rpath, {nt, nk, nr}, "[nt][ntags][nr]");
    {
      H5Handle d = open_dataset(file, f, rpath);
      s.info.units = text_attribute(file, d, "units", " of " + rpath);
    }
    const std::string epath = species_path(f, "/emissions", sp);
    if (exists(f, epath)) {
      s.emissions = read_doubles(file, f, epath, {nk}, "[ntags]");
      H5Handle d = open_dataset(file, f, epath);
      s.emission_units =
          H5Aexists(d, "units") > 0 ? text_attribute(file, d, "units", " of " + epath) : "g";
    }
    const std::string gpath = species_path(f, "/ground", sp);
    if (exists(f, gpath)) {
      H5Handle d = open_dataset(file, f, gpath);
      const auto dims = dims_of(d);
      if (dims.size() != 4 || dims[0] != nt || dims[1] != nk)
        fail(file, "dataset '" + gpath + "'",
             "has shape " + shape_text(dims) + ", expected [nt][ntags][ny][nx] = [" +
                 std::to_string(nt) + ", " + std::to_string(nk) + ", ny, nx]");
      if ((c.ny || c.nx) && (dims[2] != c.ny || dims[3] != c.nx))
        fail(file, "dataset '" + gpath + "'", "has another ny, nx than the other species");
      c.ny = dims[2];
      c.nx = dims[3];
      s.ground_dataset = gpath;
    }
    c.species.push_back(std::move(s));
  }

  const std::string run_json = (fs::path(out_dir) / "run.json").string();
  const RunRecord record = read_run_record(run_json);
  if (record.status != "complete")
    throw ContributionsError(printable_line(run_json + ": the tagged run's status is '" +
                                            record.status +
                                            "'; cuts needs a complete run (run it again, or "
                                            "--resume it)"));
  c.thresholds = record.thresholds;
  c.dx = record.dx;
  c.dy = record.dy;
  return c;
}

struct GroundReader::Impl {
  H5Handle file, dataset, file_space, mem_space;
  std::size_t ntags, cells;
  std::string name;
};

GroundReader::GroundReader(const Contributions& c, std::size_t species) : impl_(new Impl) {
  try {
    const SpeciesContributions& s = c.species.at(species);
    if (s.ground_dataset.empty())
      fail(c.file, "dataset '/ground/" + output::safe_name(s.info.name) + "'", "missing");
    impl_->name = c.file + ": dataset '" + s.ground_dataset + "'";
    impl_->file =
        H5Handle(H5Fopen(c.file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "open " + c.file);
    impl_->dataset = H5Handle(H5Dopen2(impl_->file, s.ground_dataset.c_str(), H5P_DEFAULT),
                              H5Dclose, "open " + impl_->name);
    impl_->file_space = H5Handle(H5Dget_space(impl_->dataset), H5Sclose, "space");
    impl_->ntags = c.ntags();
    impl_->cells = c.ny * c.nx;
    const hsize_t slab[3] = {c.ntags(), c.ny, c.nx};
    impl_->mem_space = H5Handle(H5Screate_simple(3, slab, nullptr), H5Sclose, "memory space");
  } catch (...) {
    delete impl_;
    throw;
  }
}

GroundReader::~GroundReader() { delete impl_; }

void GroundReader::read(std::size_t t, std::vector<float>& slab) {
  slab.resize(impl_->ntags * impl_->cells);
  hsize_t start[4] = {t, 0, 0, 0};
  hsize_t count[4];
  H5Sget_simple_extent_dims(impl_->file_space, count, nullptr);
  count[0] = 1;
  output::h5_check(
      H5Sselect_hyperslab(impl_->file_space, H5S_SELECT_SET, start, nullptr, count, nullptr),
      "select time " + std::to_string(t) + " of " + impl_->name);
  if (H5Dread(impl_->dataset, H5T_NATIVE_FLOAT, impl_->mem_space, impl_->file_space, H5P_DEFAULT,
              slab.data()) < 0)
    throw ContributionsError(printable_line(impl_->name + ": time " + std::to_string(t) +
                                            " cannot be read: " + output::h5_error_reason()));
}

}  // namespace airshed::attribution
