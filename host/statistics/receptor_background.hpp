// The existing (background) concentration a receptor's project
// contribution is superposed on, as HJ 2.2-2018 §8.8 asks: a constant, or
// an hourly CSV (docs/scenario-format.md, "[output.background]"):
//
//   time,value                         one series for every receptor, or
//   time,village-southeast,school,...  one column per receptor (all of them)
//   2026-01-15T00:00,45.0,...          the hour starting then (local time,
//                                       the scenario's offset unless given)
//
// in the species' output units; every hour of the run must be there.
// Errors: the one-line ScenarioError "FILE:LINE: column 'c': ...".
#pragma once

#include <string>
#include <vector>

#include "host/core/instant.hpp"
#include "host/scenario/scenario.hpp"

namespace airshed::statistics {

class ReceptorBackground {
 public:
  ReceptorBackground() = default;
  static ReceptorBackground constant(std::string species, double value);
  // Reads the CSV of `spec` for the hours [start, start + duration_s) of
  // the receptors `names`.
  static ReceptorBackground read(const BackgroundSpec& spec, const std::vector<std::string>& names,
                                 const Instant& start, double duration_s);
  // Same, from text in memory (`spec.file` labels messages).
  static ReceptorBackground parse(const std::string& text, const BackgroundSpec& spec,
                                  const std::vector<std::string>& names, const Instant& start,
                                  double duration_s);

  const std::string& species() const { return species_; }
  // The background at receptor r in the hour starting `hour_start_s`
  // seconds after the run's start (a multiple of 3600 s from a local hour).
  double at(std::size_t r, double hour_start_s) const;

 private:
  std::string species_;
  double constant_ = 0;
  bool hourly_ = false;
  double first_hour_s_ = 0;                  // start of values_[0], s since the run's start
  std::vector<std::vector<double>> values_;  // [hour][receptor]
};

}  // namespace airshed::statistics
