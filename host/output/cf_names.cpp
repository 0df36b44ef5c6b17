#include "host/output/cf_names.hpp"

#include <cctype>
#include <cmath>

namespace airshed::output {

std::string cf_variable_name(const std::string& name) {
  std::string s = name;
  for (char& c : s)
    if (!(std::isalnum((unsigned char)c) || c == '_')) c = '_';
  if (s.empty() || !std::isalpha((unsigned char)s[0])) s = "v" + s;
  return s;
}

std::string cf_units(const std::string& units) {
  if (units == "ug/m3") return "ug m-3";
  if (units == "mg/m3") return "mg m-3";
  if (units == "ppb") return "1e-9";
  if (units == "OU/m3") return "m-3";
  return units;
}

namespace {

std::string seconds_text(double s) {
  const long long whole = std::llround(s);
  return std::to_string(whole) + " s";
}

// The interval of the values a threshold count was applied to.
std::string averaging_interval(const std::string& averaging, double output_interval_s) {
  if (averaging == "1h") return "1 hour";
  if (averaging == "8h" || averaging == "24h") return "1 day";  // days (daily maximum 8-h)
  if (averaging == "annual") return "";
  return seconds_text(output_interval_s);  // instant: every snapshot
}

// "98" -> "98th percentile by the HJ 663-2013 rule", "98_us" -> "98th
// percentile by the 40 CFR 50 App. N rank" (no parentheses: CF's
// cell_methods comment is itself in parentheses and cannot nest them).
std::string percentile_text(const std::string& tail) {
  const bool us = tail.size() > 3 && tail.compare(tail.size() - 3, 3, "_us") == 0;
  const std::string digits = us ? tail.substr(0, tail.size() - 3) : tail;
  return digits + "th percentile by the " + (us ? "40 CFR 50 App. N rank" : "HJ 663-2013 rule");
}

}  // namespace

std::string cf_cell_methods(const std::string& statistic, const std::string& averaging,
                            double output_interval_s) {
  const std::string snapshots = seconds_text(output_interval_s);
  if (statistic == "max_instant") return "time: maximum (interval: " + snapshots + ")";
  if (statistic == "max_hourly_mean")
    return "time: maximum (interval: 1 hour comment: of the valid hourly means)";
  if (statistic == "max_daily_mean")
    return "time: maximum (interval: 1 day comment: of the valid daily means)";
  if (statistic == "max_daily_max_8h")
    return "time: maximum (interval: 1 day comment: of the daily maximum 8-hour means)";
  if (statistic == "period_mean") return "time: mean (interval: " + snapshots + ")";
  // CF-1.10 has no percentile method: the means the percentile is taken
  // of, with the rule in the comment.
  if (statistic.rfind("daily_mean_p", 0) == 0)
    return "time: mean (interval: 1 day comment: daily means; the value is their " +
           percentile_text(statistic.substr(12)) + " over the period)";
  if (statistic.rfind("daily_max_8h_p", 0) == 0)
    return "time: maximum (interval: 1 day comment: daily maximum 8-hour means; the value is "
           "their " +
           percentile_text(statistic.substr(14)) + " over the period)";
  if (statistic == "exceedances") {
    const std::string interval = averaging_interval(averaging, output_interval_s);
    return "time: sum (" + (interval.empty() ? "" : "interval: " + interval + " ") +
           "comment: count of the " + (averaging.empty() ? "values" : averaging + " values") +
           " above the threshold)";
  }
  return "";
}

}  // namespace airshed::output
