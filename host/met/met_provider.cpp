// Uniform and station met share one provider: a list of records, each
// holding from its time stamp for one hour (a uniform case is one record
// that holds for the whole run).
#include "host/met/met_provider.hpp"

#include <algorithm>
#include <limits>

#include "host/met/surface_profiles.hpp"
#include "host/scenario/scenario.hpp"

namespace airshed {

namespace {

class RecordMetProvider final : public MetProvider {
 public:
  RecordMetProvider(const Scenario& s, bool hourly)
      : grid_(s.grid),
        z0_(s.met.z0),
        zref_(s.met.anemometer_height),
        start_(s.start.utc_epoch_s),
        hourly_(hourly),
        records_(s.met.records) {}

  SurfaceState surface(double t_s) const override {
    return surface_state(records_[index(t_s)], z0_, zref_);
  }
  MetFields fields(double t_s) const override { return profile_fields(grid_, surface(t_s)); }

  double next_change(double t_s) const override {
    if (!hourly_) return std::numeric_limits<double>::infinity();
    const std::size_t i = index(t_s);
    const double end_of_hour = double(records_[i].utc_epoch_s + 3600 - start_);
    if (i + 1 < records_.size())
      return std::min(end_of_hour, double(records_[i + 1].utc_epoch_s - start_));
    return end_of_hour;
  }

 private:
  // The last record that starts at or before t (load_scenario checked that
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
  std::vector<MetRecord> records_;
};

}  // namespace

std::unique_ptr<MetProvider> make_met_provider(const Scenario& s) {
  return std::make_unique<RecordMetProvider>(s, s.met.kind == MetKind::station);
}

}  // namespace airshed
