// The CF view's names, units and cell_methods (host/output/cf_names.hpp):
// the CF-1.10 rules written out, so a change of spelling is a decision.
#include <doctest/doctest.h>

#include "host/output/cf_files.hpp"
#include "host/output/cf_names.hpp"

using namespace airshed::output;

TEST_CASE("CF variable names keep letters, digits and underscores and start with a letter") {
  CHECK(cf_variable_name("PM2.5_ground") == "PM2_5_ground");
  CHECK(cf_variable_name("PM2.5_exceedances_GB_3095-2012_Grade_II_24h") ==
        "PM2_5_exceedances_GB_3095_2012_Grade_II_24h");
  CHECK(cf_variable_name("SO2_max_instant") == "SO2_max_instant");  // already CF-safe
  CHECK(cf_variable_name("1-butene") == "v1_butene");               // CF §2.3: begin with a letter
  CHECK(cf_variable_name("_x") == "v_x");
  CHECK(cf_variable_name("") == "v");
}

TEST_CASE("units are written as UDUNITS-2 parses them; odour units as a count per m3") {
  CHECK(cf_units("ug/m3") == "ug m-3");
  CHECK(cf_units("mg/m3") == "mg m-3");
  CHECK(cf_units("ppb") == "1e-9");
  CHECK(cf_units("OU/m3") == "m-3");
  CHECK(cf_units("s") == "s");
  CHECK(cf_units("1") == "1");
}

TEST_CASE("every concentration statistic has a CF cell_methods over time; times have none") {
  CHECK(cf_cell_methods("max_instant", "", 3600) == "time: maximum (interval: 3600 s)");
  CHECK(cf_cell_methods("period_mean", "", 600) == "time: mean (interval: 600 s)");
  CHECK(cf_cell_methods("max_hourly_mean", "", 600) ==
        "time: maximum (interval: 1 hour comment: of the valid hourly means)");
  CHECK(cf_cell_methods("max_daily_mean", "", 600).rfind("time: maximum (interval: 1 day", 0) == 0);
  CHECK(cf_cell_methods("max_daily_max_8h", "", 600).rfind("time: maximum (interval: 1 day", 0) ==
        0);
  CHECK(cf_cell_methods("daily_mean_p98", "", 3600) ==
        "time: mean (interval: 1 day comment: daily means; the value is their 98th percentile by "
        "the HJ 663-2013 rule over the period)");
  CHECK(cf_cell_methods("daily_mean_p98_us", "", 3600)
            .find("98th percentile by the 40 CFR 50 App. N") != std::string::npos);
  CHECK(cf_cell_methods("daily_max_8h_p90", "", 3600).find("90th percentile by the HJ 663") !=
        std::string::npos);
  CHECK(cf_cell_methods("exceedances", "1h", 600) ==
        "time: sum (interval: 1 hour comment: count of the 1h values above the threshold)");
  CHECK(cf_cell_methods("exceedances", "24h", 600).rfind("time: sum (interval: 1 day", 0) == 0);
  CHECK(cf_cell_methods("exceedances", "instant", 300).rfind("time: sum (interval: 300 s", 0) == 0);
  CHECK(cf_cell_methods("exceedances", "annual", 300) ==
        "time: sum (comment: count of the annual values above the threshold)");
  CHECK(cf_cell_methods("time_of_max", "", 3600).empty());
  CHECK(cf_cell_methods("arrival_time", "instant", 3600).empty());
}

TEST_CASE("the CF view's ground series: auto writes it for up to a month of hourly maps") {
  airshed::RunInfo info;
  info.output_interval_s = 3600;
  airshed::FieldSelection sel;  // cf_series auto, ground fields every snapshot
  auto files = [&](double hours, const airshed::FieldSelection& s) {
    CfFiles cf("/nonexistent", "t", true, s);
    info.duration_s = hours * 3600;
    cf.begin(info);  // plans only; nothing is written before end()
    return cf.files();
  };
  using V = std::vector<std::string>;
  CHECK(files(744, sel) == V{"t.nc", "t_statistics.nc"});  // 744 maps after t = 0
  CHECK(files(745, sel) == V{"t_statistics.nc"});
  CHECK(files(8760, sel) == V{"t_statistics.nc"});  // a year: not doubled
  airshed::FieldSelection on = sel;
  on.cf_series = 1;
  CHECK(files(8760, on) == V{"t.nc", "t_statistics.nc"});
  airshed::FieldSelection off = sel;
  off.cf_series = 0;
  CHECK(files(24, off) == V{"t_statistics.nc"});
  airshed::FieldSelection no_ground = on;
  no_ground.ground_every = 0;  // nothing to convert
  CHECK(files(24, no_ground) == V{"t_statistics.nc"});
  airshed::FieldSelection two_hourly = sel;
  two_hourly.ground_every = 2;  // 744 maps every 2 h: 1 488 h
  CHECK(files(1488, two_hourly) == V{"t.nc", "t_statistics.nc"});
  CHECK(files(1490, two_hourly) == V{"t_statistics.nc"});
}
