#include "host/run/resume_check.hpp"

#include <hdf5.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "host/core/field_names.hpp"
#include "host/output/hdf5_handle.hpp"
#include "host/run/checkpoint_plan.hpp"

namespace airshed {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void refuse(const std::string& what) {
  throw std::runtime_error("cannot resume: " + what + "; run without --resume to start again");
}

void require_file(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) refuse(path + " is missing");
}

// NAME.h5 opens and holds, for every dataset the HDF5 writer appends to, at
// least the checkpoint's output times (Hdf5Writer::resume cuts it back to
// them). Opened read-only with the library's error printing off: a damaged
// file is one line here, not a page of HDF5 diagnostics.
void check_hdf5(const std::string& path, const Scenario& s, long last_index) {
  require_file(path);
  // The selection's schedules (host/core/field_selection.hpp): `time` follows
  // the ground fields, or the 3-D fields without them.
  const FieldSelection& sel = s.output.fields;
  const hsize_t fields = hsize_t(due_count(sel.fields_every, last_index));
  const hsize_t ground = hsize_t(due_count(sel.ground_every, last_index));
  output::silence_hdf5_errors();
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) refuse(path + " is damaged (not a readable HDF5 file)");
  std::vector<std::pair<std::string, hsize_t>> series{
      {"time", sel.ground_every > 0 ? ground : fields}};
  for (const auto& sp : s.species) {
    if (!sel.writes_species(sp.spec.name)) continue;
    if (sel.fields_every > 0) series.emplace_back(output::safe_name(sp.spec.name), fields);
    if (sel.ground_every > 0)
      series.emplace_back(output::safe_name(sp.spec.name) + "_ground", ground);
  }
  std::string problem;
  for (const auto& [name, times] : series) {
    const hid_t d = H5Lexists(f, name.c_str(), H5P_DEFAULT) > 0
                        ? H5Dopen2(f, name.c_str(), H5P_DEFAULT)
                        : H5I_INVALID_HID;
    if (d < 0) {
      problem = "has no dataset '" + name + "'";
      break;
    }
    const hid_t space = H5Dget_space(d);
    hsize_t dims[8] = {0};
    const int rank = space >= 0 ? H5Sget_simple_extent_ndims(space) : -1;
    if (rank >= 1 && rank <= 8) H5Sget_simple_extent_dims(space, dims, nullptr);
    if (space >= 0) H5Sclose(space);
    H5Dclose(d);
    if (rank < 1 || rank > 8 || dims[0] < times) {
      problem = "holds " + std::to_string(rank >= 1 ? dims[0] : 0) + " output times of '" + name +
                "', the checkpoint " + std::to_string(times);
      break;
    }
  }
  H5Fclose(f);
  if (!problem.empty()) refuse(path + " is damaged (it " + problem + ")");
}

}  // namespace

Checkpoint checked_resume(const std::string& checkpoint_path, const Scenario& s,
                          const std::string& identity_extra) {
  Checkpoint c = read_checkpoint(checkpoint_path);
  const std::string why = identity_mismatch(c.identity, checkpoint_identity(s, identity_extra));
  if (!why.empty())
    throw std::runtime_error("cannot resume from '" + checkpoint_path + "': " + why +
                             " since it was written; run without --resume to start again");

  const std::string dir = s.output.directory + "/";
  const std::string name = output::safe_name(s.name);
  if (s.output.hdf5) check_hdf5(dir + name + ".h5", s, c.output_index);
  if (s.output.vtk) {
    // VtkWriter's names: NAME_000000.vtr (.vti on a uniform vertical grid,
    // .vts over terrain: that comes from the met, so here from the files).
    const char* ext = fs::exists(dir + name + "_000000.vts") ? ".vts"
                      : s.grid.vertically_uniform()          ? ".vti"
                                                             : ".vtr";
    const long files = due_count(s.output.fields.fields_every, c.output_index);
    for (long k = 0; k < files; ++k) {
      char index[32];
      std::snprintf(index, sizeof index, "_%06ld", k);
      require_file(dir + name + index + ext);
    }
  }
  if (s.output.receptors && !s.receptors.empty()) require_file(dir + "receptors.csv");
  return c;
}

}  // namespace airshed
