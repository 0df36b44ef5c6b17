// Bad WRF input is one line "FILE: what is wrong (expected ...)", raised
// when the file is opened (before any computation): not netCDF, netCDF but
// not WRF, a missing variable or attribute (a copy without it), a projection the reader does
// not know, coordinates off the projection's grid (at any time), times out of order;
// and a non-finite value when that time is read. The bad files are modified copies of the Katrina
// wrfout, made with netCDF-C in the test.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>

#include "host/input/input_error.hpp"
#include "host/met/wrf/wrf_file.hpp"
#include "tests/met/wrf/nc_test_io.hpp"

using namespace airshed;
using airshed::test::kWrfData;
using airshed::test::kWrfMet;
using airshed::test::nc_ok;
using airshed::test::NcTestFile;
using airshed::test::WrfTempDir;

namespace {

std::string open_error(const std::string& path) {
  try {
    WrfFile file(path);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

void check_message(const std::string& msg, const std::string& path, const std::string& what) {
  INFO("message: " << msg);
  CHECK(msg.rfind(path + ": ", 0) == 0);
  CHECK(msg.find(what) != std::string::npos);
  CHECK(msg.find("(expected ") != std::string::npos);
  CHECK(msg.find('\n') == std::string::npos);
}

// A copy of the Katrina wrfout with `edit` applied through netCDF-C.
std::string edited_copy(const WrfTempDir& dir, const std::string& name,
                        const std::function<void(int)>& edit) {
  const std::string path = dir.file(name);
  std::filesystem::copy_file(kWrfMet + "wrfout_katrina_d02_mercator.nc", path,
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::permissions(path, std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::add);
  const NcTestFile f(path, NC_WRITE);
  nc_ok(nc_redef(f.id()), "redef");
  edit(f.id());
  nc_enddef(f.id());
  return path;
}

}  // namespace

TEST_CASE("a file that is not netCDF, or not there, is one line naming it") {
  const WrfTempDir dir("not-netcdf");
  const std::string text = dir.file("wrfout_d01.txt");
  std::ofstream(text) << "time,wind_speed\n2026-01-15T00:00,2.5\n";
  check_message(open_error(text), text, "is not a readable netCDF file");
  const std::string missing = dir.file("wrfout_missing.nc");
  check_message(open_error(missing), missing, "does not exist");
  check_message(open_error(dir.path.string()), dir.path.string(), "is not a regular file");
}

TEST_CASE("a netCDF file that is not WRF is one line naming what is missing") {
  const WrfTempDir dir("not-wrf");
  const std::string path = dir.file("era5_like.nc");
  int id = 0, lat = 0, lon = 0, var = 0;
  nc_ok(nc_create(path.c_str(), NC_CLOBBER, &id), path);
  nc_ok(nc_def_dim(id, "latitude", 3, &lat), "dim");
  nc_ok(nc_def_dim(id, "longitude", 4, &lon), "dim");
  const int dims[] = {lat, lon};
  nc_ok(nc_def_var(id, "t2m", NC_FLOAT, 2, dims, &var), "var");
  nc_ok(nc_enddef(id), "enddef");
  const float zeros[12] = {};
  nc_ok(nc_put_var_float(id, var, zeros), "put");
  nc_close(id);
  check_message(open_error(path), path, "has no dimension 'west_east'");
}

TEST_CASE("a wrfout without a needed variable or attribute is one line naming it") {
  const WrfTempDir dir("missing");
  const std::string katrina = kWrfMet + "wrfout_katrina_d02_mercator.nc";
  const std::string no_ph = dir.file("no_ph.nc");
  airshed::test::copy_without(katrina, no_ph, {"PH"});
  const std::string msg = open_error(no_ph);
  check_message(msg, no_ph, "has no variable 'PH'");
  CHECK(msg.find("U V W PH PHB T P PB HGT") != std::string::npos);

  const std::string no_truelat = edited_copy(
      dir, "no_truelat.nc", [](int id) { nc_ok(nc_del_att(id, NC_GLOBAL, "TRUELAT1"), "del"); });
  check_message(open_error(no_truelat), no_truelat, "has no global attribute TRUELAT1");
  const std::string no_times = dir.file("no_times.nc");
  airshed::test::copy_without(katrina, no_times, {"Times"});
  check_message(open_error(no_times), no_times, "has no variable 'Times'");
}

TEST_CASE("a variable on the wrong grid, or a part of a domain without coordinates, is one line") {
  const WrfTempDir dir("layout");
  const std::string katrina = kWrfMet + "wrfout_katrina_d02_mercator.nc";
  const std::string staggered = dir.file("hgt_staggered.nc");
  airshed::test::copy_without(katrina, staggered, {"HGT"});
  {
    const NcTestFile f(staggered, NC_WRITE);
    int time = 0, sn = 0, we = 0, v = 0;
    nc_ok(nc_inq_dimid(f.id(), "Time", &time), "Time");
    nc_ok(nc_inq_dimid(f.id(), "south_north_stag", &sn), "south_north_stag");
    nc_ok(nc_inq_dimid(f.id(), "west_east", &we), "west_east");
    nc_redef(f.id());
    const int dims[] = {time, sn, we};
    nc_ok(nc_def_var(f.id(), "HGT", NC_FLOAT, 3, dims, &v), "HGT");
    nc_enddef(f.id());
  }
  check_message(open_error(staggered), staggered,
                "variable 'HGT' has dimensions (Time, south_north_stag, west_east)");
  CHECK(open_error(staggered).find("(expected (Time, south_north, west_east))") !=
        std::string::npos);

  const std::string placeless = dir.file("no_xlat.nc");
  airshed::test::copy_without(katrina, placeless, {"XLAT", "XLONG"});
  check_message(open_error(placeless), placeless,
                "holds 48 x 48 points of a larger WRF domain and has no XLAT/XLONG to place them");
}

TEST_CASE("a projection the reader does not know is one line naming MAP_PROJ") {
  const WrfTempDir dir("map-proj");
  const std::string latlon = edited_copy(dir, "latlon.nc", [](int id) {
    const int six = 6;
    nc_ok(nc_put_att_int(id, NC_GLOBAL, "MAP_PROJ", NC_INT, 1, &six), "MAP_PROJ");
  });
  const std::string msg = open_error(latlon);
  check_message(msg, latlon, "MAP_PROJ = 6 (cylindrical / rotated lat-lon)");
  CHECK(msg.find("1 (Lambert conformal), 2 (polar stereographic) or 3 (Mercator)") !=
        std::string::npos);
  const std::string bad_cone = edited_copy(dir, "bad_cone.nc", [](int id) {
    const int one = 1;
    const float lats[] = {30.0f, -35.0f};
    nc_ok(nc_put_att_int(id, NC_GLOBAL, "MAP_PROJ", NC_INT, 1, &one), "MAP_PROJ");
    nc_ok(nc_put_att_float(id, NC_GLOBAL, "TRUELAT1", NC_FLOAT, 1, &lats[0]), "TRUELAT1");
    nc_ok(nc_put_att_float(id, NC_GLOBAL, "TRUELAT2", NC_FLOAT, 1, &lats[1]), "TRUELAT2");
  });
  check_message(open_error(bad_cone), bad_cone, "TRUELAT1/TRUELAT2 do not define a Lambert cone");
}

TEST_CASE("coordinates off the projection's grid, or times out of order, are one line") {
  const WrfTempDir dir("grid");
  const std::string wrong_dx = edited_copy(dir, "wrong_dx.nc", [](int id) {
    const float dx = 12000.0f;
    nc_ok(nc_put_att_float(id, NC_GLOBAL, "DX", NC_FLOAT, 1, &dx), "DX");
  });
  check_message(open_error(wrong_dx), wrong_dx, "m off the grid of the projection attributes");
  const std::string lambert = edited_copy(dir, "lambert.nc", [](int id) {
    const int one = 1;
    const float lats[] = {30.0f, 60.0f};
    nc_ok(nc_put_att_int(id, NC_GLOBAL, "MAP_PROJ", NC_INT, 1, &one), "MAP_PROJ");
    nc_ok(nc_put_att_float(id, NC_GLOBAL, "TRUELAT1", NC_FLOAT, 1, &lats[0]), "TRUELAT1");
    nc_ok(nc_put_att_float(id, NC_GLOBAL, "TRUELAT2", NC_FLOAT, 1, &lats[1]), "TRUELAT2");
  });
  check_message(open_error(lambert), lambert, "off the grid of the projection attributes");

  const std::string moved = edited_copy(dir, "moved.nc", [](int id) {
    nc_enddef(id);
    int v = 0;
    nc_ok(nc_inq_varid(id, "XLAT", &v), "XLAT");
    const std::size_t at[] = {3, 0, 0};
    const float lat = 21.9f;
    nc_ok(nc_put_var1_float(id, v, at, &lat), "put");
    nc_redef(id);
  });
  check_message(open_error(moved), moved, "XLAT/XLONG of Times(3) at mass point (0, 0) is ");
  CHECK(open_error(moved).find("m off the grid of the projection attributes") != std::string::npos);

  const std::string backwards = edited_copy(dir, "backwards.nc", [](int id) {
    nc_enddef(id);
    int v = 0;
    nc_ok(nc_inq_varid(id, "Times", &v), "Times");
    const std::size_t start[] = {2, 0}, count[] = {1, 19};
    nc_ok(nc_put_vara_text(id, v, start, count, "2005-08-28_12:00:00"), "put");
    nc_redef(id);
  });
  check_message(open_error(backwards), backwards, "Times(2) is not after Times(1)");
  const std::string garbled = edited_copy(dir, "garbled.nc", [](int id) {
    nc_enddef(id);
    int v = 0;
    nc_ok(nc_inq_varid(id, "Times", &v), "Times");
    const std::size_t start[] = {1, 0}, count[] = {1, 19};
    nc_ok(nc_put_vara_text(id, v, start, count, "2005-08-28_25:00:00"), "put");
    nc_redef(id);
  });
  check_message(open_error(garbled), garbled, "Times(1) = \"2005-08-28_25:00:00\" is not a time");
}

TEST_CASE("a non-finite field value is one line naming the file, the time and the variable") {
  const WrfTempDir dir("nan");
  const std::string path = edited_copy(dir, "nan.nc", [](int id) {
    nc_enddef(id);
    int v = 0;
    nc_ok(nc_inq_varid(id, "T", &v), "T");
    const std::size_t at[] = {2, 5, 10, 20};
    const float nan = std::numeric_limits<float>::quiet_NaN();
    nc_ok(nc_put_var1_float(id, v, at, &nan), "put");
    nc_redef(id);
  });
  const WrfFile file(path);
  CHECK(file.read(1).theta.size() == file.grid().points());
  std::string msg;
  try {
    file.read(2);
  } catch (const ScenarioError& e) {
    msg = e.what();
  }
  check_message(msg, path, "at 2005-08-28T18:00:00Z variable T has a non-finite value");
}
