// The ozone background of a run with [chemistry] (ChemistrySpec): the O3
// species' constant background, a 24-value profile over the local clock
// hours, or an hourly CSV (docs/scenario-format.md, "Ozone background
// CSV"). It is the initial O3 field and the value open boundaries and an
// open top let in (the run loop sets it at every forcing refresh,
// TransportSolver::set_background).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "host/scenario/scenario.hpp"

namespace airshed {

class OzoneBackground {
 public:
  // Reads and checks a CSV's rows for the run's hours, as the station
  // reader does: a bad cell is the one-line "FILE:LINE: column 'x': ..."
  // error, an hour of the run without a row one at ChemistrySpec::ozone_site.
  explicit OzoneBackground(const Scenario& s);

  // The background at t_s (s since the start) in solver units (M/m^3):
  // the value of the clock hour (local for a profile; the row whose hour
  // holds t for a CSV).
  double at(double t_s) const;

 private:
  OzoneBackgroundKind kind_;
  double constant_ = 0;   // solver units
  double to_solver_ = 1;  // O3 species' units -> solver units
  long long start_utc_ = 0;
  int offset_minutes_ = 0;
  std::vector<double> diurnal_;     // 24, solver units
  std::vector<long long> row_utc_;  // CSV rows: hour starts (UTC)
  std::vector<double> row_value_;   // solver units
};

}  // namespace airshed
