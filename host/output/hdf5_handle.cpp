#include "host/output/hdf5_handle.hpp"

#include <hdf5_hl.h>

#include <stdexcept>

namespace airshed::output {

namespace {

// Keeps the most useful description while walking the stack from the
// innermost error out: the first one carrying the OS's "error message".
herr_t take_reason(unsigned, const H5E_error2_t* e, void* data) {
  auto* reason = static_cast<std::string*>(data);
  const std::string desc = e->desc ? e->desc : "";
  const std::string key = "error message = '";
  const auto at = desc.find(key);
  if (at != std::string::npos) {
    const auto end = desc.find('\'', at + key.size());
    *reason = desc.substr(at + key.size(),
                          end == std::string::npos ? std::string::npos : end - at - key.size());
    return 1;  // found the OS reason: stop walking
  }
  if (reason->empty()) *reason = desc;
  return 0;
}

}  // namespace

std::string h5_error_reason() {
  std::string reason;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, take_reason, &reason);
  H5Eclear2(H5E_DEFAULT);
  return reason.empty() ? "unknown HDF5 error" : reason;
}

void silence_hdf5_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

H5Handle::H5Handle(hid_t id, Closer close, const std::string& what) : id_(id), close_(close) {
  if (id < 0) throw std::runtime_error("HDF5: " + what + ": " + h5_error_reason());
}

herr_t H5Handle::close() {
  herr_t status = 0;
  if (id_ >= 0 && close_) status = close_(id_);
  id_ = H5I_INVALID_HID;
  return status;
}

H5Handle& H5Handle::operator=(H5Handle&& o) noexcept {
  if (this != &o) {
    reset();
    id_ = std::exchange(o.id_, H5I_INVALID_HID);
    close_ = o.close_;
  }
  return *this;
}

void H5Handle::reset() {
  if (id_ >= 0 && close_) close_(id_);
  id_ = H5I_INVALID_HID;
}

void h5_check(herr_t status, const std::string& what) {
  if (status < 0) throw std::runtime_error("HDF5: " + what + ": " + h5_error_reason());
}

namespace {

void write_attribute(hid_t obj, const std::string& name, hid_t type, hid_t space,
                     const void* data) {
  if (H5Aexists(obj, name.c_str()) > 0) h5_check(H5Adelete(obj, name.c_str()), "delete " + name);
  H5Handle a(H5Acreate2(obj, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
             "create attribute " + name);
  h5_check(H5Awrite(a, type, data), "write attribute " + name);
}

}  // namespace

void set_attribute(hid_t obj, const std::string& name, const std::string& value) {
  H5Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
  h5_check(H5Tset_size(type, value.empty() ? 1 : value.size()), "string size");
  h5_check(H5Tset_strpad(type, H5T_STR_NULLTERM), "string padding");
  H5Handle space(H5Screate(H5S_SCALAR), H5Sclose, "scalar space");
  write_attribute(obj, name, type, space, value.empty() ? "" : value.c_str());
}

void set_attribute(hid_t obj, const std::string& name, double value) {
  H5Handle space(H5Screate(H5S_SCALAR), H5Sclose, "scalar space");
  write_attribute(obj, name, H5T_NATIVE_DOUBLE, space, &value);
}

void set_attribute(hid_t obj, const std::string& name, const std::vector<double>& values) {
  const hsize_t n = values.size();
  H5Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose, "attribute space");
  write_attribute(obj, name, H5T_NATIVE_DOUBLE, space, values.data());
}

H5Handle file_create_plist() {
  H5Handle p(H5Pcreate(H5P_FILE_CREATE), H5Pclose, "file creation plist");
  h5_check(H5Pset_link_creation_order(p, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
           "link creation order");
  h5_check(H5Pset_attr_creation_order(p, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
           "attribute creation order");
  return p;
}

H5Handle file_access_plist() {
  H5Handle p(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "file access plist");
  // No HDF5 file lock: the output directory's own lock (output_dir_lock.hpp)
  // already keeps a second writer out, and HDF5's exclusive lock would make
  // every reader (ncdump, xarray, cdo, ParaView) fail with "unable to lock
  // file" for as long as the run writes. Readers see whole output times:
  // the writer appends time last and flushes after every one.
  h5_check(H5Pset_file_locking(p, false, true), "file locking off");
  return p;
}

H5Handle group_create_plist() {
  H5Handle p(H5Pcreate(H5P_GROUP_CREATE), H5Pclose, "group creation plist");
  h5_check(H5Pset_link_creation_order(p, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
           "link creation order");
  h5_check(H5Pset_attr_creation_order(p, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
           "attribute creation order");
  return p;
}

H5Handle make_coordinate(hid_t parent, const std::string& name, const std::vector<double>& values,
                         bool unlimited) {
  const hsize_t n = values.size(), maxn = unlimited ? H5S_UNLIMITED : n, chunk = 512;
  H5Handle space(H5Screate_simple(1, &n, &maxn), H5Sclose, "space of " + name);
  H5Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "dcpl of " + name);
  h5_check(H5Pset_attr_creation_order(dcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
           "attribute order of " + name);
  if (unlimited) h5_check(H5Pset_chunk(dcpl, 1, &chunk), "chunk " + name);
  H5Handle d(
      H5Dcreate2(parent, name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
      H5Dclose, "create " + name);
  if (n > 0)
    h5_check(H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
             "write " + name);
  h5_check(H5DSset_scale(d, name.c_str()), "make " + name + " a dimension scale");
  return d;
}

H5Handle make_float_dataset(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
                            const std::vector<hsize_t>& chunk, bool unlimited) {
  std::vector<hsize_t> maxdims = dims;
  if (unlimited) maxdims[0] = H5S_UNLIMITED;
  H5Handle space(H5Screate_simple(int(dims.size()), dims.data(), maxdims.data()), H5Sclose,
                 "space of " + name);
  H5Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "dcpl of " + name);
  h5_check(H5Pset_attr_creation_order(dcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
           "attribute order of " + name);
  h5_check(H5Pset_chunk(dcpl, int(chunk.size()), chunk.data()), "chunk " + name);
  h5_check(H5Pset_shuffle(dcpl), "shuffle " + name);
  h5_check(H5Pset_deflate(dcpl, 4), "deflate " + name);
  return H5Handle(
      H5Dcreate2(parent, name.c_str(), H5T_IEEE_F32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
      H5Dclose, "create dataset " + name);
}

void attach_scales(hid_t dataset, const std::vector<hid_t>& scales) {
  for (unsigned d = 0; d < scales.size(); ++d)
    h5_check(H5DSattach_scale(dataset, scales[d], d), "attach dimension scale");
}

}  // namespace airshed::output
