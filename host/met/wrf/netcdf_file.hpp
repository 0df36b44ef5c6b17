// A netCDF file opened read-only through netCDF-C (Debian's libnetcdf-dev),
// closed by its destructor, with the few queries a reader of model output
// needs: dimensions, variables and their dimension names, global numeric
// attributes, and float / text slices read with start and count (so one
// time of a multi-time file is read, never the whole variable). Every
// failure is the one-line ScenarioError "FILE: what is wrong (expected ...)".
//
// netCDF-C is not thread-safe (one library-wide state): every NcFile call
// holds one process-wide lock, so NcFile objects may be used from several
// threads (a file read ahead while the next is opened); the calls take
// turns.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace airshed {

// Throws the one-line ScenarioError "PATH: WHAT (expected EXPECTED)".
[[noreturn]] void throw_file_error(const std::string& path, const std::string& what,
                                   const std::string& expected);

class NcFile {
 public:
  // Opens `path` (a regular file) read-only; `expected` names what the
  // file should be, for the message when it is not netCDF.
  NcFile(const std::string& path, const std::string& expected);
  ~NcFile();
  NcFile(NcFile&& other) noexcept;
  NcFile& operator=(NcFile&& other) noexcept;
  NcFile(const NcFile&) = delete;
  NcFile& operator=(const NcFile&) = delete;

  const std::string& path() const { return path_; }

  bool has_dim(const std::string& name) const;
  std::size_t dim_len(const std::string& name) const;  // throws when absent

  bool has_var(const std::string& name) const;
  int var_id(const std::string& name) const;  // throws when absent
  std::vector<std::string> var_dims(int varid) const;
  bool var_is_numeric(int varid) const;
  bool var_is_text(int varid) const;

  bool has_global_att(const std::string& name) const;
  // A global numeric attribute of one value; throws when absent or not numeric.
  double global_double(const std::string& name) const;

  // The slice [start, start + count) of a numeric variable as float
  // (netCDF-C converts); `start`/`count` have one entry per dimension.
  std::vector<float> read_floats(int varid, const std::vector<std::size_t>& start,
                                 const std::vector<std::size_t>& count) const;
  // The slice of a char variable as text.
  std::string read_text(int varid, const std::vector<std::size_t>& start,
                        const std::vector<std::size_t>& count) const;

  // "PATH: WHAT (expected EXPECTED)".
  [[noreturn]] void fail(const std::string& what, const std::string& expected) const;

 private:
  [[noreturn]] void fail_nc(int status, const std::string& doing) const;
  std::string path_;
  int id_ = -1;
};

}  // namespace airshed
