// Uniform and station met share one provider: a list of records, each
// holding from its time stamp for one hour (a uniform case is one record
// that holds for the whole run).
#include "host/met/met_provider.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "host/met/chemistry_met.hpp"
#include "host/met/similarity.hpp"
#include "host/met/station_csv.hpp"
#include "host/met/station_network.hpp"
#include "host/met/surface_profiles.hpp"
#include "host/met/urban_boundary_layer.hpp"
#include "host/met/wrf/wrf_file_source.hpp"

namespace airshed {

namespace {

class RecordMetProvider final : public MetProvider {
 public:
  RecordMetProvider(const MetSpec& spec, const Grid& grid, const Instant& start,
                    std::vector<MetRecord> records)
      : grid_(grid),
        z0_(spec.z0),
        zref_(spec.anemometer_height),
        start_(start.utc_epoch_s),
        hourly_(spec.kind == MetKind::station),
        chemistry_(spec.chemistry_met),
        urban_(spec.urban),
        records_(std::move(records)) {}

  SurfaceState surface(double t_s) const override {
    // Over the city at night, AERMOD's urban boundary layer.
    return urban_state(surface_state(records_[index(t_s)], z0_, zref_), urban_);
  }
  MetFields fields(double t_s) const override {
    const SurfaceState s = surface(t_s);
    MetFields m = profile_fields(grid_, s);
    if (chemistry_) {
      size_chemistry_met(m, grid_);
      for (std::size_t c = 0; c < grid_.columns(); ++c) fill_chemistry_column(m, grid_, c, s);
    }
    return m;
  }

  double next_change(double t_s) const override {
    if (!hourly_) return std::numeric_limits<double>::infinity();
    const std::size_t i = index(t_s);
    const double end_of_hour = double(records_[i].utc_epoch_s + 3600 - start_);
    if (i + 1 < records_.size())
      return std::min(end_of_hour, double(records_[i + 1].utc_epoch_s - start_));
    return end_of_hour;
  }

 private:
  // The last record that starts at or before t (check_coverage() made sure
  // one covers every instant of the run).
  std::size_t index(double t_s) const {
    if (!hourly_) return 0;
    const double utc = double(start_) + t_s;
    auto it =
        std::upper_bound(records_.begin(), records_.end(), utc,
                         [](double x, const MetRecord& r) { return x < double(r.utc_epoch_s); });
    return it == records_.begin() ? 0 : std::size_t(it - records_.begin()) - 1;
  }

  Grid grid_;
  double z0_, zref_;
  long long start_;
  bool hourly_;
  bool chemistry_;  // fill the chemistry fields (MetSpec::chemistry_met)
  UrbanSpec urban_;
  std::vector<MetRecord> records_;
};

// Each record holds for the hour that starts at its time stamp; every
// instant of [t0, t1) must fall in one of those hours.
void check_coverage(const MetSpec& spec, const std::vector<MetRecord>& recs, const Instant& start,
                    long long t1, double duration_s) {
  long long covered = start.utc_epoch_s;
  for (const auto& r : recs) {
    if (r.utc_epoch_s > covered) break;
    if (r.utc_epoch_s + 3600 > covered) covered = r.utc_epoch_s + 3600;
    if (covered >= t1) return;
  }
  const Instant gap{covered, start.offset_minutes};
  throw_input_error(
      spec.file_site,
      "no met data for " + format_iso8601(gap) + " (station file '" + spec.station_file + "')",
      "hourly rows covering " + format_iso8601(start) + " for " +
          std::to_string(duration_s / 3600) + " h");
}

std::string number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

// The met fields follow u(z) = U (ln(z/z0) - psi_m(z/L)) / (same at the
// anemometer): that shape must be positive at the anemometer, or u* and
// every wind speed are infinite or NaN. It is not when the anemometer is
// close to z0 under strong instability, where u* grows without bound (at or
// below z0 the scenario refuses it already). The cap on a derived u* only
// has to catch that: 20 m/s is above the neutral log-law u* = kappa U /
// ln(z/z0) of the strongest wind accepted (75 m/s at 10 m) over any z0 up
// to 2 m (18.6 m/s), so no valid wind is refused. (A *measured* u* stays
// limited to 5 m/s.)
constexpr double kMaxDerivedUstar = 20;  // m/s, see above

void check_wind_profile(const MetSpec& spec, const std::vector<MetRecord>& recs) {
  const double z0 = spec.z0, zref = spec.anemometer_height;
  for (const MetRecord& r : recs) {
    const SurfaceState st = surface_state(r, z0, zref);
    if (similarity::wind_shape(zref, z0, st.inverse_L) > 0 && st.ustar <= kMaxDerivedUstar)
      continue;
    const std::string where =
        spec.kind == MetKind::station
            ? " (station file '" + spec.station_file + "' line " + std::to_string(r.line) + ")"
            : "";
    throw_input_error(
        spec.anemometer_site,
        "too close to z0 = " + number(z0) +
            " m for the log wind profile under 1/L = " + number(st.inverse_L) + " /m" + where,
        "anemometer_height well above z0, so that ln(z/z0) - psi_m(z/L) > 0 and u* <= 20 m/s");
  }
}

}  // namespace

std::unique_ptr<MetProvider> make_met_provider(const MetSpec& spec, const Grid& grid,
                                               const Instant& start, double duration_s) {
  if (spec.kind == MetKind::stations)
    return make_station_network_provider(spec, grid, start, duration_s);
  if (spec.kind == MetKind::wrf)  // WRF's grid is placed by longitude and latitude
    throw std::invalid_argument(
        "make_met_provider: kind wrf needs the scenario's origin (the Scenario overload)");
  std::vector<MetRecord> records;
  if (spec.kind == MetKind::station) {
    const long long t1 = start.utc_epoch_s + (long long)std::ceil(duration_s);
    records = read_station_csv(spec.station_file, start.offset_minutes, {start.utc_epoch_s, t1});
    check_coverage(spec, records, start, t1, duration_s);
  } else {
    records = {spec.uniform};
  }
  check_wind_profile(spec, records);
  return std::make_unique<RecordMetProvider>(spec, grid, start, std::move(records));
}

std::unique_ptr<MetProvider> make_met_provider(const Scenario& s) {
  if (s.met.kind == MetKind::wrf) return make_wrf_met_provider(s);
  return make_met_provider(s.met, s.grid, s.start, s.duration_s);
}

}  // namespace airshed
