#include "host/met/wrf/wrf_layout.hpp"

namespace airshed {

namespace {

const char* const kWrfDims =
    "a WRF output file: dimensions west_east, south_north, bottom_top"
    " and west_east_stag, south_north_stag, bottom_top_stag";
const char* const kRequired = "the WRF variables U V W PH PHB T P PB HGT";

std::string join(const std::vector<std::string>& names) {
  std::string s = "(";
  for (std::size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + names[i];
  return s + ")";
}

// The variable `name` with the spatial dimensions `dims`, optionally after
// the time dimension `time_dim`.
WrfVar find_var(const NcFile& nc, const std::string& name, const std::string& time_dim,
                const std::vector<std::string>& dims, bool required) {
  WrfVar var;
  if (!nc.has_var(name)) {
    if (required) nc.fail("has no variable '" + name + "'", kRequired);
    return var;
  }
  var.id = nc.var_id(name);
  const std::vector<std::string> have = nc.var_dims(var.id);
  std::vector<std::string> timed = dims;
  timed.insert(timed.begin(), time_dim);
  if (have == timed) {
    var.timed = true;
  } else if (have != dims) {
    nc.fail("variable '" + name + "' has dimensions " + join(have), join(timed));
  }
  if (!nc.var_is_numeric(var.id)) nc.fail("variable '" + name + "' is not numeric", "numbers");
  return var;
}

}  // namespace

WrfLayout read_wrf_layout(const NcFile& nc) {
  for (const char* d : {"west_east", "south_north", "bottom_top", "west_east_stag",
                        "south_north_stag", "bottom_top_stag"})
    if (!nc.has_dim(d)) nc.fail(std::string("has no dimension '") + d + "'", kWrfDims);
  WrfLayout l;
  l.nx = int(nc.dim_len("west_east"));
  l.ny = int(nc.dim_len("south_north"));
  l.nz = int(nc.dim_len("bottom_top"));
  if (l.nx < 1 || l.ny < 1 || l.nz < 1)
    nc.fail("has an empty grid dimension", "at least one mass point in each direction");
  if (nc.dim_len("west_east_stag") != std::size_t(l.nx) + 1 ||
      nc.dim_len("south_north_stag") != std::size_t(l.ny) + 1 ||
      nc.dim_len("bottom_top_stag") != std::size_t(l.nz) + 1)
    nc.fail("has staggered dimensions that are not one longer than the mass dimensions",
            "west_east_stag = west_east + 1, likewise south_north_stag and bottom_top_stag");

  if (!nc.has_var("Times")) nc.fail("has no variable 'Times'", "WRF's Times(Time, DateStrLen)");
  l.times_id = nc.var_id("Times");
  const std::vector<std::string> td = nc.var_dims(l.times_id);
  if (td.size() != 2 || !nc.var_is_text(l.times_id))
    nc.fail("variable 'Times' is not text of dimensions (Time, DateStrLen)",
            "WRF's Times(Time, DateStrLen) of \"YYYY-MM-DD_hh:mm:ss\"");
  const std::string time_dim = td[0];
  l.ntimes = nc.dim_len(time_dim);
  l.time_chars = nc.dim_len(td[1]);
  if (l.ntimes == 0) nc.fail("has no times", "at least one output time in 'Times'");
  if (l.time_chars < 19)
    nc.fail("variable 'Times' has " + std::to_string(l.time_chars) + " characters per time",
            "\"YYYY-MM-DD_hh:mm:ss\", 19 characters");

  const std::vector<std::string> mass3 = {"bottom_top", "south_north", "west_east"};
  const std::vector<std::string> wstag = {"bottom_top_stag", "south_north", "west_east"};
  const std::vector<std::string> mass2 = {"south_north", "west_east"};
  auto req = [&](const char* n, const std::vector<std::string>& d) {
    return find_var(nc, n, time_dim, d, true);
  };
  auto opt = [&](const char* n, const std::vector<std::string>& d) {
    return find_var(nc, n, time_dim, d, false);
  };
  l.u = req("U", {"bottom_top", "south_north", "west_east_stag"});
  l.v = req("V", {"bottom_top", "south_north_stag", "west_east"});
  l.w = req("W", wstag);
  l.ph = req("PH", wstag);
  l.phb = req("PHB", wstag);
  l.t = req("T", mass3);
  l.p = req("P", mass3);
  l.pb = req("PB", mass3);
  l.hgt = req("HGT", mass2);
  l.qvapor = opt("QVAPOR", mass3);
  l.t2 = opt("T2", mass2);
  l.psfc = opt("PSFC", mass2);
  l.u10 = opt("U10", mass2);
  l.v10 = opt("V10", mass2);
  l.pblh = opt("PBLH", mass2);
  l.ust = opt("UST", mass2);
  l.hfx = opt("HFX", mass2);
  l.rmol = opt("RMOL", mass2);
  l.znt = opt("ZNT", mass2);
  l.lu_index = opt("LU_INDEX", mass2);
  l.swdown = opt("SWDOWN", mass2);
  l.rainc = opt("RAINC", mass2);
  l.rainnc = opt("RAINNC", mass2);
  l.cosalpha = opt("COSALPHA", mass2);
  l.sinalpha = opt("SINALPHA", mass2);
  l.xlat = opt("XLAT", mass2);
  l.xlong = opt("XLONG", mass2);
  return l;
}

void wrf_slice(const WrfVar& var, std::size_t t, const std::vector<std::size_t>& shape,
               std::vector<std::size_t>& start, std::vector<std::size_t>& count) {
  start.assign(shape.size(), 0);
  count = shape;
  if (var.timed) {
    start.insert(start.begin(), t);
    count.insert(count.begin(), 1);
  }
}

}  // namespace airshed
