#include "host/emissions/emission_model.hpp"

#include <algorithm>
#include <cmath>

#include "host/geometry/geometry.hpp"
#include "host/met/surface_profiles.hpp"

namespace airshed {

namespace {

bool listed(const std::vector<std::string>& names, const std::string& name) {
  return names.empty() || std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

int emission_tag(const Scenario& s, const Source& src, std::size_t species, std::size_t cell) {
  const TaggingSpec& tg = s.tagging;
  const Grid& g = s.grid;
  const Vec2 centre{g.x_centre(int(cell % std::size_t(g.nx))),
                    g.y_centre(int(cell / std::size_t(g.nx) % std::size_t(g.ny)))};
  for (std::size_t k = 0; k < tg.tags.size(); ++k) {
    const TagSpec& t = tg.tags[k];
    if (listed(t.groups, src.group) && listed(t.sources, src.name) &&
        listed(t.species, s.species[species].spec.name) &&
        (t.region.empty() || contains(t.region, centre)))
      return int(k);
  }
  return int(tg.tags.size());  // "other"
}

double profile_factor(const TemporalProfile* p, const LocalCalendar& at) {
  if (!p) return 1.0;
  return p->hour_of_day[at.hour] * p->day_of_week[at.weekday] * p->month[at.month - 1];
}

EmissionModel::EmissionModel(const Scenario& s) : s_(s) {
  for (const Source& src : s.sources) {
    switch (src.kind) {
      case SourceKind::area:
        footprints_.push_back(area_footprint(s.grid, src.vertices, src.height));
        break;
      case SourceKind::line:
        footprints_.push_back(line_footprint(s.grid, src.vertices, src.width, src.height));
        break;
      case SourceKind::volume:
        footprints_.push_back(volume_footprint(s.grid, src.vertices[0], src.size, src.height));
        break;
      case SourceKind::point:
        footprints_.emplace_back();
        break;
    }
  }
}

PlumeRise EmissionModel::plume_rise(std::size_t i, const SurfaceState& met) const {
  const Source& src = s_.sources[i];
  PlumeRiseInput in{src.height,
                    src.stack.diameter,
                    src.stack.exit_velocity,
                    src.stack.exit_temperature,
                    met.temperature,
                    wind_speed_at(met, src.height),
                    met.pasquill_class,
                    met.mixing_height};
  if (!src.stack.plume_rise) {
    PlumeRise none;
    none.effective_height = src.height;
    return none;
  }
  return briggs_plume_rise(in);
}

std::vector<CellEmission> EmissionModel::at(double t_s, const SurfaceState& met) const {
  return emissions_at(t_s, [&](const Vec2&) { return met; });
}

std::vector<CellEmission> EmissionModel::at(double t_s, const MetProvider& met) const {
  return emissions_at(t_s, [&](const Vec2& p) { return met.surface_at(t_s, p.x, p.y); });
}

std::vector<CellEmission> EmissionModel::emissions_at(
    double t_s, const std::function<SurfaceState(const Vec2&)>& met_at) const {
  // Profiles are keyed on the local clock hour holding t_s.
  const Instant now{s_.start.utc_epoch_s + (long long)std::floor(t_s), s_.start.offset_minutes};
  const LocalCalendar cal = local_calendar(now);
  // One entry per source, species and cell, in source order: cells hit by
  // several sources are merged in one place only, the solver's
  // set_emissions() (host/solver/emission_list.cpp), which adds them in
  // this order.
  std::vector<CellEmission> out;
  for (std::size_t i = 0; i < s_.sources.size(); ++i) {
    const Source& src = s_.sources[i];
    const TemporalProfile* prof = src.profile >= 0 ? &s_.profiles[src.profile] : nullptr;
    const double factor = profile_factor(prof, cal) * rate_extent(src);
    std::vector<CellWeight> cells = footprints_[i];
    if (src.kind == SourceKind::point)
      cells = {{point_cell(s_.grid, src.vertices[0],
                           plume_rise(i, met_at(src.vertices[0])).effective_height),
                1.0}};
    for (std::size_t sp = 0; sp < src.rates.size(); ++sp) {
      const double q = src.rates[sp] * factor * s_.species[sp].emission_to_solver;
      if (q <= 0) continue;
      const bool tagged =
          s_.tagging.enabled && std::find(s_.tagging.species.begin(), s_.tagging.species.end(),
                                          int(sp)) != s_.tagging.species.end();
      for (const CellWeight& w : cells)
        out.push_back(
            {w.cell, int(sp), q * w.weight, tagged ? emission_tag(s_, src, sp, w.cell) : 0});
    }
  }
  return out;
}

std::vector<double> EmissionModel::nominal_totals() const {
  std::vector<double> t(s_.species.size(), 0.0);
  for (const Source& src : s_.sources)
    for (std::size_t sp = 0; sp < src.rates.size(); ++sp)
      t[sp] += src.rates[sp] * rate_extent(src) * s_.species[sp].emission_to_solver;
  return t;
}

}  // namespace airshed
