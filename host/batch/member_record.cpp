#include "host/batch/member_record.hpp"

#include <toml++/toml.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

#include "host/batch/batch_member.hpp"
#include "host/output/atomic_file.hpp"
#include "host/output/sha256.hpp"
#include "host/run/checkpoint_plan.hpp"

namespace airshed::batch {

namespace fs = std::filesystem;

namespace {

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string toml_string(const std::string& s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      o += '\\';
      o += char(c);
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      o += buf;
    } else {
      o += char(c);
    }
  }
  return o + "\"";
}

std::string factors_text(const std::map<std::string, double>& f) {
  std::string s = "{";
  for (const auto& [k, v] : f)
    s += (s.size() > 1 ? ", " : " ") + (toml_string(k) + " = " + std::to_string(v));
  return s + (f.empty() ? "}" : " }");
}

std::string exact(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// Every override of the member, numbers to the last bit, one per line.
std::string spec_text(const MemberSpec& m) {
  std::ostringstream o;
  o << "name " << m.name << "\nvariant " << m.variant << "\nepisode " << m.episode << "\n";
  auto factors = [&](const char* what, const std::map<std::string, double>& f) {
    for (const auto& [k, v] : f)
      o << what << ' ' << k.size() << ':' << k << ' ' << exact(v) << '\n';
  };
  factors("group", m.scale_group);
  factors("species", m.scale_species);
  factors("source", m.scale_source);
  for (const RegionScale& r : m.regions) {
    o << "region " << exact(r.factor);
    for (const Vec2& p : r.polygon) o << ' ' << exact(p.x) << ' ' << exact(p.y);
    o << '\n';
  }
  o << "met " << m.met_file << "\nstart " << m.start << "\nduration " << m.duration << "\n";
  for (const TagSpec& t : m.tags)
    o << "tag " << t.name.size() << ':' << t.name << ' ' << t.selectors << '\n';
  return o.str();
}

}  // namespace

void write_member_toml(const std::string& dir, const BatchSpec& b, const MemberSpec& m,
                       const MemberFingerprint& f) {
  std::ostringstream o;
  o << "# written by airshed batch\nbatch = " << toml_string(b.file)
    << "\nbase = " << toml_string(b.base) << "\nname = " << toml_string(m.name)
    << "\nvariant = " << toml_string(m.variant) << "\nepisode = " << toml_string(m.episode)
    << "\nscale_group = " << factors_text(m.scale_group)
    << "\nscale_species = " << factors_text(m.scale_species)
    << "\nscale_source = " << factors_text(m.scale_source) << "\nregions = " << m.regions.size()
    << "\nmet = " << toml_string(m.met_file) << "\nstart = " << toml_string(m.start)
    << "\nduration = " << toml_string(m.duration) << "\n"
    << "\n# SHA-256 of what the results depend on: a batch rerun recomputes the member\n"
       "# when any of them differs (docs/batch.md)\n[fingerprint]\nspec = "
    << toml_string(f.spec) << "\nscenario = " << toml_string(f.scenario)
    << "\nmet = " << toml_string(f.met) << "\nmet_file = " << toml_string(f.met_file) << "\n";
  output::write_file_atomically((fs::path(dir) / "member.toml").string(), o.str());
}

MemberFingerprint member_fingerprint(const BatchSpec& batch, const MemberSpec& m,
                                     const Scenario& s) {
  MemberFingerprint f;
  f.spec = output::sha256_bytes(spec_text(m));
  f.scenario = output::sha256_file(batch.base);
  if (s.met.kind == MetKind::station) {
    f.met_file = s.met.station_file;
    f.met = output::sha256_file(s.met.station_file);
  }
  if (s.met.kind == MetKind::stations) {  // a network: every station's file
    std::string digests;
    for (const StationSpec& st : s.met.stations) {
      f.met_file += (f.met_file.empty() ? "" : ", ") + st.file;
      digests += output::sha256_file(st.file);
    }
    f.met = output::sha256_bytes(digests);
  }
  if (s.met.kind == MetKind::wrf) {  // WRF files: their stamps (host/run/checkpoint_plan.hpp)
    std::string stamps;
    for (const std::string& w : s.met.wrf_files) {
      f.met_file += (f.met_file.empty() ? "" : ", ") + w;
      stamps += w + "=" + file_stamp(w) + "\n";
    }
    f.met = output::sha256_bytes(stamps);
  }
  return f;
}

std::string member_outdated(const BatchSpec& batch, const std::string& out_dir,
                            const MemberSpec& m) {
  const fs::path record = fs::path(member_dir(out_dir, m)) / "member.toml";
  MemberFingerprint had;
  try {
    const toml::table t = toml::parse_file(record.string());
    had.spec = t["fingerprint"]["spec"].value_or(std::string());
    had.scenario = t["fingerprint"]["scenario"].value_or(std::string());
    had.met = t["fingerprint"]["met"].value_or(std::string());
  } catch (const std::exception&) {
  }
  if (had.spec.empty()) return "it has no fingerprint in " + record.string() + " to compare";
  MemberFingerprint now;
  try {
    now = member_fingerprint(batch, m, member_scenario(batch, m));
  } catch (const std::exception&) {
    return "its scenario is no longer valid";
  }
  if (had.spec != now.spec) return "its settings in " + batch.file + " changed";
  if (had.scenario != now.scenario) return "the base scenario " + batch.base + " changed";
  if (had.met != now.met)
    return now.met.empty() ? std::string("its met changed")
                           : "its met file " + now.met_file + " changed";
  return "";
}

}  // namespace airshed::batch
