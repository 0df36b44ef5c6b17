// The real files behind the WRF provider's WrfSource: WrfFile and
// WrfGridMap (host/met/wrf/wrf_file.hpp); make_met_provider() dispatches
// kind "wrf" here.
#include "host/met/wrf/wrf_file_source.hpp"

#include "host/met/wrf/wrf_file.hpp"
#include "host/met/wrf/wrf_met_provider.hpp"

namespace airshed {

namespace {

class WrfFileSource final : public WrfSource {
 public:
  explicit WrfFileSource(const std::string& path) : file_(path) {}
  const WrfGridInfo& grid(std::size_t time_index) const override { return file_.grid(time_index); }
  const std::vector<long long>& times() const override { return file_.times(); }
  WrfFields read(std::size_t time_index) const override { return file_.read(time_index); }

 private:
  WrfFile file_;
};

}  // namespace

std::unique_ptr<WrfSource> open_wrf_file(const std::string& path) {
  return std::make_unique<WrfFileSource>(path);
}

WrfIndexMap wrf_index_map(const WrfGridInfo& grid) {
  // std::function needs a copyable target; WrfGridMap is move-only.
  const auto map = std::make_shared<WrfGridMap>(grid);
  return [map](double lon, double lat, double& fi, double& fj) { map->to_grid(lon, lat, fi, fj); };
}

std::unique_ptr<MetProvider> make_wrf_met_provider(const Scenario& s) {
  return make_wrf_met_provider(s.met, s.grid, LocalProjection{s.origin_lon, s.origin_lat}, s.start,
                               s.duration_s, open_wrf_file, wrf_index_map);
}

}  // namespace airshed
