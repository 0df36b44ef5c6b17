// RAII for HDF5 C API identifiers, and the few attribute/dataset helpers
// the writers share. Every hid_t the writers open lives in an H5Handle, so
// an exception mid-write still closes the file cleanly.
#pragma once

#include <hdf5.h>

#include <string>
#include <utility>
#include <vector>

namespace airshed::output {

class H5Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  H5Handle() = default;
  // Takes ownership; throws std::runtime_error("HDF5: <what>") when id < 0.
  H5Handle(hid_t id, Closer close, const std::string& what);
  H5Handle(H5Handle&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)), close_(o.close_) {}
  H5Handle& operator=(H5Handle&& o) noexcept;
  H5Handle(const H5Handle&) = delete;
  H5Handle& operator=(const H5Handle&) = delete;
  ~H5Handle() { reset(); }

  hid_t get() const { return id_; }
  operator hid_t() const { return id_; }
  explicit operator bool() const { return id_ >= 0; }
  void reset();
  // Closes now and returns the library's status (a file's close flushes, so
  // it can fail on a full disk); the handle is empty afterwards.
  herr_t close();
  // Forgets the id without closing it (after a close that already failed).
  void release() { id_ = H5I_INVALID_HID; }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer close_ = nullptr;
};

// Throws std::runtime_error("HDF5: <what>: <reason>") when status < 0; the
// reason is the operating system's message the library recorded (e.g.
// "File too large") or else the innermost HDF5 error.
void h5_check(herr_t status, const std::string& what);

// The reason from the current thread's HDF5 error stack (then cleared).
std::string h5_error_reason();

// Stops the library printing its error stack to stderr (the writers report
// one line of their own instead). Per thread; cheap to call again.
void silence_hdf5_errors();

// Attributes in the forms netCDF-4 writes them: text as fixed-length
// NUL-terminated ASCII, numbers as native scalars or 1-D arrays.
void set_attribute(hid_t obj, const std::string& name, const std::string& value);
void set_attribute(hid_t obj, const std::string& name, double value);
void set_attribute(hid_t obj, const std::string& name, const std::vector<double>& values);

// A 1-D float64 dataset holding `values`, made a dimension scale named like
// the dataset (netCDF-4's coordinate variable); `unlimited` makes it
// extendible and chunked.
H5Handle make_coordinate(hid_t parent, const std::string& name, const std::vector<double>& values,
                         bool unlimited);

// Property lists that keep creation order, which netCDF-4 readers expect.
H5Handle file_create_plist();
H5Handle group_create_plist();
// File access for the writers: HDF5's own file lock off, so that readers can
// open a file while a run writes it (the directory lock guards writers).
H5Handle file_access_plist();

// A float32 dataset of `dims` (first dim unlimited when `unlimited`), chunked
// by `chunk`, shuffled and deflated at level 4.
H5Handle make_float_dataset(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
                            const std::vector<hsize_t>& chunk, bool unlimited);

// Attaches scales[d] as dimension d of `dataset` (DIMENSION_LIST).
void attach_scales(hid_t dataset, const std::vector<hid_t>& scales);

}  // namespace airshed::output
