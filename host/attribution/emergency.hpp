// The emergency-list check: for a heavy-pollution warning level and a list
// of per-enterprise cuts, the achieved cut of each pollutant's emissions
// against the level's target. Targets (MEE 2019, 《关于加强重污染天气应对
// 夯实应急减排措施的指导意见》, 环办大气函〔2019〕648号, with its attachment
// 《重污染天气重点行业应急减排措施制定技术指南》): at the yellow, orange
// and red levels the emergency cuts of SO2, NOx, PM (颗粒物) and VOCs should
// reach at least 10 %, 20 % and 30 % of the whole society's emissions
// (全社会排放量), here all the run's emissions (every tag but
// "background", which emits nothing).
#pragma once

#include <string>
#include <vector>

#include "host/attribution/contributions.hpp"
#include "host/attribution/factor_sets.hpp"

namespace airshed::attribution {

// Which of the guidance's pollutants a species is, by name
// (case-insensitive): SO2; NOx, NO2, NO; PM, PM2.5, PM10, TSP; VOC, VOCs,
// NMVOC. "" for any other species (e.g. NH3: no target).
std::string pollutant_of(const std::string& species);

// The target in % at `l`: 10, 20, 30.
double target_percent(Level l);

struct EmissionCut {
  std::string species, pollutant, units;  // pollutant "" when no target applies
  double emitted = 0, emitted_after = 0;  // over the run, all tags
  double cut_percent = 0;                 // 100 (1 - after / before); NaN when nothing is emitted
  double target_percent = 0;              // NaN when no target applies
  bool met = false;                       // cut_percent >= target_percent (target applies)
};

// One row per tagged species. Throws ContributionsError when a species has
// no /emissions dataset.
std::vector<EmissionCut> emission_cuts(const Contributions& c, const FactorSet& f, Level l);

// The table the check prints: species, pollutant, emitted, after, cut, target, verdict.
void print_emission_cuts(const std::vector<EmissionCut>& rows, Level l, std::ostream& out);

}  // namespace airshed::attribution
