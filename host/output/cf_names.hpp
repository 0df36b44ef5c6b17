// How the CF view of a run (cf_files.hpp) names and labels what NAME.h5
// holds: variable names CF-1.10 §2.3 allows, units UDUNITS-2 parses, and
// the cell_methods of each ground statistic. Pure functions, one place, so
// that the writer and its tests agree.
#pragma once

#include <string>

namespace airshed::output {

// CF-1.10 §2.3: letters, digits and underscores, starting with a letter.
// Every other character becomes '_' ("PM2.5" -> "PM2_5",
// "GB3095-2012" -> "GB3095_2012"); a leading digit or underscore gets a
// "v" in front. The human name stays in long_name.
std::string cf_variable_name(const std::string& name);

// The species' output units as UDUNITS-2 spells them: "ug/m3" -> "ug m-3",
// "mg/m3" -> "mg m-3", "ppb" -> "1e-9" (CF's form for a ratio) and odour
// concentrations "OU/m3" -> "m-3": European odour units (EN 13725) are a
// count of odour units per cubic metre, which UDUNITS has no name for.
// Other units ("s", "1") pass unchanged.
std::string cf_units(const std::string& units);

// A ground statistic's CF cell_methods (CF-1.10 §7.3), from its statistic
// name as the statistics name it ("max_daily_mean", "exceedances", ...)
// and, for threshold counts, the threshold's averaging ("1h", "8h",
// "24h", "instant", "annual"). Empty for time-valued statistics
// (time_of_max, arrival_time): a time at which something happened is no
// reduction of the field over time that cell_methods can name.
std::string cf_cell_methods(const std::string& statistic, const std::string& averaging,
                            double output_interval_s);

}  // namespace airshed::output
