// The station-network provider: one kind-"station" provider per station
// (which reads and checks its file and gives its hourly surface state), and
// the inverse-distance blend of their profiles on the grid.
#include "host/met/station_network.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "host/met/chemistry_met.hpp"
#include "host/met/idw.hpp"
#include "host/met/similarity.hpp"
#include "host/met/surface_profiles.hpp"

namespace airshed {

namespace {

const double kDegree = std::acos(-1.0) / 180.0;  // rad

class StationNetworkProvider final : public MetProvider {
 public:
  StationNetworkProvider(const Grid& grid, std::vector<std::unique_ptr<MetProvider>> stations,
                         std::vector<double> xs, std::vector<double> ys, bool chemistry)
      : grid_(grid),
        stations_(std::move(stations)),
        xs_(std::move(xs)),
        ys_(std::move(ys)),
        chemistry_(chemistry) {}

  // The blend at the domain's centre.
  SurfaceState surface(double t_s) const override {
    return at(hour(t_s), 0.5 * grid_.nx * grid_.dx, 0.5 * grid_.ny * grid_.dy);
  }

  // The state of the column holding (x, y) (the edge column for a point
  // outside the domain), as fields() uses it for that column's Kz and Kh.
  SurfaceState surface_at(double t_s, double x, double y) const override {
    const int i = std::clamp(int(std::floor(x / grid_.dx)), 0, grid_.nx - 1);
    const int j = std::clamp(int(std::floor(y / grid_.dy)), 0, grid_.ny - 1);
    return at(hour(t_s), grid_.x_centre(i), (j + 0.5) * grid_.dy);
  }

  MetFields fields(double t_s) const override;

  double next_change(double t_s) const override {
    double t = std::numeric_limits<double>::infinity();
    for (const auto& s : stations_) t = std::min(t, s->next_change(t_s));
    return t;
  }

  bool first_guess() const override { return true; }

 private:
  // The stations' states at one time, and their wind vectors ("from"
  // components S sin(d), S cos(d)) for the blended direction.
  struct Hour {
    std::vector<SurfaceState> states;
    std::vector<double> from_x, from_y;
  };
  Hour hour(double t_s) const {
    Hour h;
    for (const auto& s : stations_) {
      h.states.push_back(s->surface(t_s));
      const SurfaceState& st = h.states.back();
      h.from_x.push_back(st.wind_speed * std::sin(st.wind_direction * kDegree));
      h.from_y.push_back(st.wind_speed * std::cos(st.wind_direction * kDegree));
    }
    return h;
  }
  SurfaceState at(const Hour& h, double x, double y) const {
    std::vector<double> lambda(h.states.size());
    idw_weights(xs_, ys_, x, y, lambda.data());
    return blend(h, lambda.data());
  }
  static SurfaceState blend(const Hour& h, const double* lambda);

  Grid grid_;
  std::vector<std::unique_ptr<MetProvider>> stations_;
  std::vector<double> xs_, ys_;
  bool chemistry_;  // fill the chemistry fields (MetSpec::chemistry_met)
};

SurfaceState StationNetworkProvider::blend(const Hour& h, const double* lambda) {
  const std::vector<SurfaceState>& st = h.states;
  const std::size_t n = st.size();
  std::size_t heaviest = 0;
  for (std::size_t i = 0; i < n; ++i) {
    // All the weight on one station (a network of one): its state as it is.
    if (lambda[i] == 1.0) return st[i];
    if (lambda[i] > lambda[heaviest]) heaviest = i;
  }
  auto mean = [&](double SurfaceState::*m) {
    double s = 0;
    for (std::size_t i = 0; i < n; ++i) s += lambda[i] * (st[i].*m);
    return s;
  };
  SurfaceState c;
  c.ustar = mean(&SurfaceState::ustar);
  c.inverse_L = mean(&SurfaceState::inverse_L);  // 1/L, not L: neutral (0) blends smoothly
  c.pasquill_class = st[heaviest].pasquill_class;
  c.mixing_height = mean(&SurfaceState::mixing_height);
  c.wind_speed = mean(&SurfaceState::wind_speed);  // each >= the calm floor
  c.ref_height = mean(&SurfaceState::ref_height);
  c.z0 = mean(&SurfaceState::z0);
  c.temperature = mean(&SurfaceState::temperature);
  c.precipitation = mean(&SurfaceState::precipitation);
  c.relative_humidity = mean(&SurfaceState::relative_humidity);
  c.cloud_cover = mean(&SurfaceState::cloud_cover);
  c.pressure = mean(&SurfaceState::pressure);
  // The direction of the weighted mean wind vector ("from" components).
  double sx = 0, sy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sx += lambda[i] * h.from_x[i];
    sy += lambda[i] * h.from_y[i];
  }
  const double d = std::atan2(sx, sy) / kDegree;
  c.wind_direction = d < 0 ? d + 360 : d;
  return c;
}

MetFields StationNetworkProvider::fields(double t_s) const {
  const Hour h = hour(t_s);
  const std::vector<SurfaceState>& st = h.states;
  const std::size_t n = st.size(), nx = grid_.nx, ny = grid_.ny, nz = grid_.nz;
  // Each station's u and v at every level centre, [k * n + i], computed as
  // profile_fields() computes the uniform field of one station.
  std::vector<double> su(nz * n), sv(nz * n);
  for (std::size_t i = 0; i < n; ++i) {
    const double d = st[i].wind_direction * std::acos(-1.0) / 180.0;
    for (std::size_t k = 0; k < nz; ++k) {
      const double speed = wind_speed_at(st[i], grid_.z_centre(int(k)));
      su[k * n + i] = -speed * std::sin(d);
      sv[k * n + i] = -speed * std::cos(d);
    }
  }
  MetFields m;
  m.u.resize((nx + 1) * ny * nz);
  m.v.resize(nx * (ny + 1) * nz);
  m.w.assign(nx * ny * (nz + 1), 0.0f);
  m.kh.resize(nx * ny * nz);
  m.kz.resize(nx * ny * (nz + 1));
  m.ustar.resize(nx * ny), m.inverse_L.resize(nx * ny), m.z0.resize(nx * ny);
  m.mixing_height.resize(nx * ny);
  std::vector<double> lambda(n);
  if (chemistry_) size_chemistry_met(m, grid_);
  for (std::size_t j = 0; j < ny; ++j)
    for (std::size_t i = 0; i <= nx; ++i) {  // x faces
      idw_weights(xs_, ys_, double(i) * grid_.dx, (double(j) + 0.5) * grid_.dy, lambda.data());
      for (std::size_t k = 0; k < nz; ++k)
        m.u[(k * ny + j) * (nx + 1) + i] = float(idw_mean(lambda.data(), &su[k * n], n));
    }
  for (std::size_t j = 0; j <= ny; ++j)
    for (std::size_t i = 0; i < nx; ++i) {  // y faces
      idw_weights(xs_, ys_, (double(i) + 0.5) * grid_.dx, double(j) * grid_.dy, lambda.data());
      for (std::size_t k = 0; k < nz; ++k)
        m.v[(k * (ny + 1) + j) * nx + i] = float(idw_mean(lambda.data(), &sv[k * n], n));
    }
  for (std::size_t j = 0; j < ny; ++j)
    for (std::size_t i = 0; i < nx; ++i) {  // columns
      idw_weights(xs_, ys_, (double(i) + 0.5) * grid_.dx, (double(j) + 0.5) * grid_.dy,
                  lambda.data());
      const SurfaceState c = blend(h, lambda.data());
      const std::size_t col = j * nx + i;
      m.ustar[col] = float(c.ustar), m.inverse_L[col] = float(c.inverse_L);
      m.z0[col] = float(c.z0);
      m.mixing_height[col] = float(c.mixing_height);
      if (chemistry_) fill_chemistry_column(m, grid_, col, c);  // the blended state
      for (std::size_t k = 0; k < nz; ++k)
        m.kh[k * nx * ny + col] = float(similarity::horizontal_diffusivity(
            grid_.z_centre(int(k)), c.ustar, c.inverse_L, c.mixing_height));
      for (std::size_t k = 0; k <= nz; ++k)
        m.kz[k * nx * ny + col] = float(similarity::vertical_diffusivity(
            grid_.z_faces[k], c.ustar, c.inverse_L, c.mixing_height));
    }
  return m;
}

}  // namespace

std::unique_ptr<MetProvider> make_station_network_provider(const MetSpec& spec, const Grid& grid,
                                                           const Instant& start,
                                                           double duration_s) {
  std::vector<std::unique_ptr<MetProvider>> stations;
  std::vector<double> xs, ys;
  for (const StationSpec& s : spec.stations) {
    MetSpec one;
    one.kind = MetKind::station;
    one.z0 = s.z0;
    one.anemometer_height = s.anemometer_height;
    one.station_file = s.file;
    one.file_site = s.file_site;
    one.anemometer_site = s.anemometer_site;
    one.chemistry_met = spec.chemistry_met;
    one.urban = spec.urban;
    stations.push_back(make_met_provider(one, grid, start, duration_s));
    xs.push_back(s.x);
    ys.push_back(s.y);
  }
  return std::make_unique<StationNetworkProvider>(grid, std::move(stations), std::move(xs),
                                                  std::move(ys), spec.chemistry_met);
}

}  // namespace airshed
