#include "host/met/wrf/netcdf_file.hpp"

#include <netcdf.h>

#include <filesystem>
#include <mutex>
#include <system_error>
#include <utility>

#include "host/input/input_error.hpp"

namespace airshed {

namespace {
// netCDF-C keeps library-wide state and is not thread-safe (its docs; the
// Debian build has no thread-safety option): every call of every NcFile
// goes through this one lock, so a reader thread reading ahead and the
// main thread opening the next file cannot meet inside the library.
std::mutex& netcdf_lock() {
  static std::mutex m;
  return m;
}
}  // namespace

void throw_file_error(const std::string& path, const std::string& what,
                      const std::string& expected) {
  throw ScenarioError(path + ": " + what + " (expected " + expected + ")");
}

NcFile::NcFile(const std::string& path, const std::string& expected) : path_(path) {
  // nc_open on a FIFO would block and on a directory gives a vague
  // message: check the kind of file first, as every reader of user input
  // does (host/input/input_file.hpp).
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(st)) fail("does not exist", expected);
  if (!std::filesystem::is_regular_file(st)) fail("is not a regular file", expected);
  int status = NC_NOERR;
  {
    const std::lock_guard<std::mutex> hold(netcdf_lock());
    status = nc_open(path.c_str(), NC_NOWRITE, &id_);
  }
  if (status != NC_NOERR) {
    id_ = -1;
    fail(std::string("is not a readable netCDF file (") + nc_strerror(status) + ")", expected);
  }
}

NcFile::~NcFile() {
  if (id_ < 0) return;
  const std::lock_guard<std::mutex> hold(netcdf_lock());
  nc_close(id_);
}

NcFile::NcFile(NcFile&& other) noexcept
    : path_(std::move(other.path_)), id_(std::exchange(other.id_, -1)) {}

NcFile& NcFile::operator=(NcFile&& other) noexcept {
  if (this != &other) {
    if (id_ >= 0) {
      const std::lock_guard<std::mutex> hold(netcdf_lock());
      nc_close(id_);
    }
    path_ = std::move(other.path_);
    id_ = std::exchange(other.id_, -1);
  }
  return *this;
}

void NcFile::fail(const std::string& what, const std::string& expected) const {
  throw_file_error(path_, what, expected);
}

void NcFile::fail_nc(int status, const std::string& doing) const {
  fail(doing + ": " + nc_strerror(status), "a readable netCDF file");
}

bool NcFile::has_dim(const std::string& name) const {
  const std::lock_guard<std::mutex> hold(netcdf_lock());
  int dimid = 0;
  return nc_inq_dimid(id_, name.c_str(), &dimid) == NC_NOERR;
}

std::size_t NcFile::dim_len(const std::string& name) const {
  const std::lock_guard<std::mutex> hold(netcdf_lock());
  int dimid = 0;
  if (nc_inq_dimid(id_, name.c_str(), &dimid) != NC_NOERR)
    fail("has no dimension '" + name + "'", "a dimension '" + name + "'");
  std::size_t len = 0;
  const int status = nc_inq_dimlen(id_, dimid, &len);
  if (status != NC_NOERR) fail_nc(status, "reading dimension '" + name + "'");
  return len;
}

bool NcFile::has_var(const std::string& name) const {
  const std::lock_guard<std::mutex> hold(netcdf_lock());
  int varid = 0;
  return nc_inq_varid(id_, name.c_str(), &varid) == NC_NOERR;
}

int NcFile::var_id(const std::string& name) const {
  const std::lock_guard<std::mutex> hold(netcdf_lock());
  int varid = 0;
  if (nc_inq_varid(id_, name.c_str(), &varid) != NC_NOERR)
    fail("has no variable '" + name + "'", "a variable '" + name + "'");
  return varid;
}

std::vector<std::string> NcFile::var_dims(int varid) const {
  const std::lock_guard<std::mutex> hold(netcdf_lock());
  int ndims = 0;
  int status = nc_inq_varndims(id_, varid, &ndims);
  if (status != NC_NOERR) fail_nc(status, "reading a variable's dimensions");
  std::vector<int> dimids(std::size_t(ndims > 0 ? ndims : 0));
  if (ndims > 0) status = nc_inq_vardimid(id_, varid, dimids.data());
  if (status != NC_NOERR) fail_nc(status, "reading a variable's dimensions");
  std::vector<std::string> names;
  for (int d : dimids) {
    char name[NC_MAX_NAME + 1] = {};
    status = nc_inq_dimname(id_, d, name);
    if (status != NC_NOERR) fail_nc(status, "reading a dimension name");
    names.emplace_back(name);
  }
  return names;
}

bool NcFile::var_is_numeric(int varid) const {
  const std::lock_guard<std::mutex> hold(netcdf_lock());
  nc_type type = NC_NAT;
  if (nc_inq_vartype(id_, varid, &type) != NC_NOERR) return false;
  switch (type) {
    case NC_BYTE:
    case NC_SHORT:
    case NC_INT:
    case NC_FLOAT:
    case NC_DOUBLE:
    case NC_UBYTE:
    case NC_USHORT:
    case NC_UINT:
    case NC_INT64:
    case NC_UINT64:
      return true;
    default:
      return false;
  }
}

bool NcFile::var_is_text(int varid) const {
  const std::lock_guard<std::mutex> hold(netcdf_lock());
  nc_type type = NC_NAT;
  return nc_inq_vartype(id_, varid, &type) == NC_NOERR && type == NC_CHAR;
}

bool NcFile::has_global_att(const std::string& name) const {
  const std::lock_guard<std::mutex> hold(netcdf_lock());
  int attnum = 0;
  return nc_inq_attid(id_, NC_GLOBAL, name.c_str(), &attnum) == NC_NOERR;
}

double NcFile::global_double(const std::string& name) const {
  const std::lock_guard<std::mutex> hold(netcdf_lock());
  nc_type type = NC_NAT;
  std::size_t len = 0;
  if (nc_inq_att(id_, NC_GLOBAL, name.c_str(), &type, &len) != NC_NOERR)
    fail("has no global attribute " + name, "the WRF global attribute " + name);
  if (type == NC_CHAR || type == NC_STRING || len != 1)
    fail("global attribute " + name + " is not one number", "a numeric " + name);
  double value = 0;
  const int status = nc_get_att_double(id_, NC_GLOBAL, name.c_str(), &value);
  if (status != NC_NOERR) fail_nc(status, "reading global attribute " + name);
  return value;
}

std::vector<float> NcFile::read_floats(int varid, const std::vector<std::size_t>& start,
                                       const std::vector<std::size_t>& count) const {
  std::size_t n = 1;
  for (std::size_t c : count) n *= c;
  std::vector<float> out(n);
  const std::lock_guard<std::mutex> hold(netcdf_lock());
  const int status = nc_get_vara_float(id_, varid, start.data(), count.data(), out.data());
  if (status != NC_NOERR) {
    char name[NC_MAX_NAME + 1] = {};
    nc_inq_varname(id_, varid, name);
    fail_nc(status, std::string("reading variable '") + name + "'");
  }
  return out;
}

std::string NcFile::read_text(int varid, const std::vector<std::size_t>& start,
                              const std::vector<std::size_t>& count) const {
  std::size_t n = 1;
  for (std::size_t c : count) n *= c;
  std::string out(n, '\0');
  const std::lock_guard<std::mutex> hold(netcdf_lock());
  const int status = nc_get_vara_text(id_, varid, start.data(), count.data(), out.data());
  if (status != NC_NOERR) {
    char name[NC_MAX_NAME + 1] = {};
    nc_inq_varname(id_, varid, name);
    fail_nc(status, std::string("reading variable '") + name + "'");
  }
  return out;
}

}  // namespace airshed
