#include "host/output/xdmf_writer.hpp"

#include <cstdio>
#include <sstream>

#include "host/core/dataset_names.hpp"
#include "host/output/appended_file.hpp"
#include "host/output/atomic_file.hpp"
#include "host/output/output_dir.hpp"
#include "host/output/terrain_geometry.hpp"

namespace airshed::output {
namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string join(const std::vector<double>& v) {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? " " : "") + num(v[i]);
  return s;
}

std::string xml_escape(const std::string& in) {
  std::string s;
  for (char c : in) {
    switch (c) {
      case '&':
        s += "&amp;";
        break;
      case '<':
        s += "&lt;";
        break;
      case '>':
        s += "&gt;";
        break;
      case '"':
        s += "&quot;";
        break;
      default:
        s += c;
    }
  }
  return s;
}

const char* const kTail = "    </Grid>\n  </Domain>\n</Xdmf>\n";

std::string attribute(const std::string& label, const std::string& dims, const std::string& where) {
  return "      <Attribute Name=\"" + xml_escape(label) +
         "\" AttributeType=\"Scalar\" Center=\"Cell\">\n        <DataItem Dimensions=\"" + dims +
         "\" NumberType=\"Float\" Precision=\"4\" Format=\"HDF\">" + xml_escape(where) +
         "</DataItem>\n      </Attribute>\n";
}

std::string entry_name(long entry) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "t%06ld", entry);
  return buf;
}

}  // namespace

std::vector<std::string> XdmfWriter::files() const {
  std::vector<std::string> f{name_ + "_xdmf.hdf5"};
  for (const Series* s : {&fields_, &ground_})
    if (on(*s)) f.push_back(name_ + s->suffix + ".xmf");
  return f;
}

void XdmfWriter::open_views(bool create) {
  const std::string p = dir_ + "/" + name_ + "_xdmf.hdf5";
  require_plain_file_or_absent(p);
  const H5Handle fapl = file_access_plist();
  if (!create) {
    views_ = H5Handle(H5Fopen(p.c_str(), H5F_ACC_RDWR, fapl), H5Fclose,
                      "cannot reopen '" + p + "' to resume");
    return;
  }
  const H5Handle fcpl = file_create_plist();
  views_ = H5Handle(H5Fcreate(p.c_str(), H5F_ACC_TRUNC, fcpl, fapl), H5Fclose,
                    "cannot create '" + p + "'");
  set_attribute(views_, "description",
                "views (HDF5 virtual datasets) of " + name_ +
                    ".h5, one per output time and species, for the XDMF files; no data of its own");
  for (const Series* s : {&fields_, &ground_}) {
    if (!on(*s)) continue;
    H5Handle g(H5Gcreate2(views_, s->group, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
               "create group in " + p);
    for (const auto& sp : info_.species)
      if (sel_.writes_species(sp.name))
        H5Handle(H5Gcreate2(g, safe_name(sp.name).c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                 H5Gclose, "create group in " + p);
  }
  h5_check(H5Fflush(views_, H5F_SCOPE_GLOBAL), "flush " + p);
}

void XdmfWriter::add_view(const Series& s, const SpeciesInfo& sp, long entry, int nk) {
  const Grid& g = info_.grid;
  const bool ground = &s == &ground_;
  const std::string source = safe_name(sp.name) + (ground ? kGroundSuffix : "");
  const std::string link =
      std::string(s.group) + "/" + safe_name(sp.name) + "/" + entry_name(entry);
  // The view: this entry's slab of the source dataset, [z][y][x] or [y][x].
  std::vector<hsize_t> vdims = {hsize_t(nk), hsize_t(g.ny), hsize_t(g.nx)};
  if (ground) vdims.erase(vdims.begin());
  std::vector<hsize_t> sdims = vdims, start(vdims.size() + 1, 0), count;
  sdims.insert(sdims.begin(), hsize_t(entry) + 1);
  start[0] = hsize_t(entry);
  count = sdims;
  count[0] = 1;
  H5Handle vspace(H5Screate_simple(int(vdims.size()), vdims.data(), nullptr), H5Sclose,
                  "view space");
  H5Handle sspace(H5Screate_simple(int(sdims.size()), sdims.data(), nullptr), H5Sclose,
                  "source space");
  h5_check(
      H5Sselect_hyperslab(sspace, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
      "select view slab");
  H5Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "view properties");
  h5_check(H5Pset_virtual(dcpl, vspace, (name_ + ".h5").c_str(), source.c_str(), sspace),
           "map view " + link);
  if (H5Lexists(views_, link.c_str(), H5P_DEFAULT) > 0)  // left by a run resumed before it
    h5_check(H5Ldelete(views_, link.c_str(), H5P_DEFAULT), "replace view " + link);
  H5Handle(H5Dcreate2(views_, link.c_str(), H5T_IEEE_F32LE, vspace, H5P_DEFAULT, dcpl, H5P_DEFAULT),
           H5Dclose, "create view " + link);
}

std::string XdmfWriter::grid(const Series& s, double time_s, long entry) const {
  const Grid& g = info_.grid;
  const bool ground = &s == &ground_;
  const int k0 = ground ? 0 : sel_.first_level, nk = layers(s);
  // "1 ny nx" for the 2-D ground views too: ParaView's XDMF (2) reader
  // misplaces a 2-D declaration on the one-layer grid; the Xdmf3 readers
  // take either.
  const std::string dims =
      std::to_string(nk) + " " + std::to_string(g.ny) + " " + std::to_string(g.nx);
  std::ostringstream o;
  o << "    <Grid Name=\"" << entry_name(entry) << "\" GridType=\"Uniform\">\n"
    << "      <Time Value=\"" << num(time_s / 3600.0) << "\"/>\n"
    << mesh(k0, nk);
  for (const auto& sp : info_.species)
    if (sel_.writes_species(sp.name))
      o << attribute(
          array_label(sp.name, sp.units), dims,
          name_ + "_xdmf.hdf5:/" + s.group + "/" + safe_name(sp.name) + "/" + entry_name(entry));
  if (terrain_ && !ground && nk == g.nz)
    o << attribute("height_above_sea_level [m]", dims, name_ + ".h5:/height_above_sea_level");
  if (terrain_ && ground) o << attribute("terrain_height [m]", dims, name_ + ".h5:/terrain_height");
  o << "    </Grid>\n";
  return o.str();
}

void XdmfWriter::write_series(const Series& s) const {
  std::string doc =
      "<?xml version=\"1.0\" ?>\n<Xdmf Version=\"3.0\">\n  <Domain>\n    <Grid Name=\"" +
      xml_escape(info_.scenario_name + s.suffix) +
      "\" GridType=\"Collection\" CollectionType=\"Temporal\">\n";
  for (const auto& [t, entry] : s.listed) doc += grid(s, t, entry);
  write_file_atomically(path(s), doc + kTail);
}

void XdmfWriter::append_grid(Series& s, double time_s) {
  const long entry = s.entries - 1;
  append_before_tail(path(s), std::string(kTail).size(), grid(s, time_s, entry), kTail);
  s.listed.emplace_back(time_s, entry);
}

void XdmfWriter::begin(const RunInfo& info) {
  info_ = info;
  terrain_ = has_terrain(info);
  for (Series* s : {&fields_, &ground_}) {
    s->listed.clear();
    s->entries = 0;
  }
  open_views(true);
  for (const Series* s : {&fields_, &ground_})
    if (on(*s)) write_series(*s);
}

void XdmfWriter::record(const OutputSnapshot& snap) {
  const long index = snapshot_index(snap.time_s, info_.output_interval_s);
  for (Series* s : {&fields_, &ground_}) {
    if (!due(&*s == &fields_ ? sel_.fields_every : sel_.ground_every, index)) continue;
    const long entry = s->entries++;  // as NAME.h5 counts them
    // The series start after t = 0: the initial state (often all zero)
    // is NAME.h5's first entry, and ParaView opens on the first time.
    if (snap.time_s <= 0) continue;
    for (const auto& sp : info_.species)
      if (sel_.writes_species(sp.name)) add_view(*s, sp, entry, layers(*s));
    h5_check(H5Fflush(views_, H5F_SCOPE_GLOBAL), "flush " + name_ + "_xdmf.hdf5");
    append_grid(*s, snap.time_s);
  }
}

void XdmfWriter::failed(const RunFailure&) noexcept {
  views_.reset();
  H5Eclear2(H5E_DEFAULT);
}

void XdmfWriter::save(StateWriter& w) const {
  w.tag("xdmf");
  for (const Series* s : {&fields_, &ground_}) {
    w.put(std::uint64_t(s->entries));
    w.put(std::uint64_t(s->listed.size()));
    for (const auto& [t, entry] : s->listed) {
      w.put(t);
      w.put(std::uint64_t(entry));
    }
  }
}

void XdmfWriter::resume(const RunInfo& info, StateReader& r) {
  r.expect("xdmf");
  info_ = info;
  terrain_ = has_terrain(info);
  for (Series* s : {&fields_, &ground_}) {
    s->entries = long(r.get<std::uint64_t>());
    s->listed.clear();
    const auto n = r.get<std::uint64_t>();
    for (std::uint64_t i = 0; i < n; ++i) {
      const double t = r.get<double>();
      s->listed.emplace_back(t, long(r.get<std::uint64_t>()));
    }
  }
  open_views(false);
  for (const Series* s : {&fields_, &ground_})
    if (on(*s)) write_series(*s);
}

void XdmfWriter::add_statistics(const std::vector<GroundField>& fields) {
  const Grid& g = info_.grid;
  const std::string dims = "1 " + std::to_string(g.ny) + " " + std::to_string(g.nx);
  std::ostringstream o;
  o << "<?xml version=\"1.0\" ?>\n<Xdmf Version=\"3.0\">\n  <Domain>\n"
    << "    <Grid Name=\"statistics\" GridType=\"Uniform\">\n"
    << mesh(0, 1);
  for (const auto& f : fields)
    o << attribute(array_label(f.name, f.units), dims,
                   name_ + ".h5:/statistics/" + safe_name(f.name));
  if (terrain_) o << attribute("terrain_height [m]", dims, name_ + ".h5:/terrain_height");
  o << "    </Grid>\n  </Domain>\n</Xdmf>\n";
  write_file_atomically(dir_ + "/" + name_ + "_statistics.xmf", o.str());
}

std::string XdmfWriter::mesh(int k0, int nz_cells) const {
  const Grid& g = info_.grid;
  const std::string dims = std::to_string(nz_cells + 1) + " " + std::to_string(g.ny + 1) + " " +
                           std::to_string(g.nx + 1);
  std::ostringstream o;
  if (terrain_) {
    // Over terrain: a curvilinear mesh whose node coordinates are NAME.h5's
    // nodes/ arrays, so ParaView puts every cell at its real height. The
    // statistics grid (one layer) takes the lowest two node planes.
    const std::string all =
        std::to_string(g.nz + 1) + " " + std::to_string(g.ny + 1) + " " + std::to_string(g.nx + 1);
    o << "      <Topology TopologyType=\"3DSMesh\" Dimensions=\"" << dims << "\"/>\n"
      << "      <Geometry GeometryType=\"X_Y_Z\">\n";
    for (const char* a : {"x", "y", "height_above_sea_level"}) {
      const std::string item = "<DataItem Dimensions=\"" + all +
                               "\" NumberType=\"Float\" Precision=\"4\" Format=\"HDF\">" +
                               xml_escape(name_ + ".h5") + ":/nodes/" + a + "</DataItem>\n";
      if (nz_cells == g.nz && k0 == 0) {
        o << "        " << item;
      } else {
        o << "        <DataItem ItemType=\"HyperSlab\" Dimensions=\"" << dims
          << "\" Type=\"HyperSlab\" NumberType=\"Float\" Precision=\"4\">\n"
          << "          <DataItem Dimensions=\"3 3\" NumberType=\"UInt\" Format=\"XML\">" << k0
          << " 0 0 1 1 1 " << dims << "</DataItem>\n"
          << "          " << item << "        </DataItem>\n";
      }
    }
    o << "      </Geometry>\n";
  } else if (nz_cells > 1 && !g.vertically_uniform()) {
    std::vector<double> zf(g.z_faces.begin() + k0, g.z_faces.begin() + k0 + nz_cells + 1);
    o << "      <Topology TopologyType=\"3DRectMesh\" Dimensions=\"" << dims << "\"/>\n"
      << "      <Geometry GeometryType=\"VXVYVZ\">\n"
      << "        <DataItem Format=\"XML\" NumberType=\"Float\" Precision=\"8\" Dimensions=\""
      << g.nx + 1 << "\">" << join(faces_x(g)) << "</DataItem>\n"
      << "        <DataItem Format=\"XML\" NumberType=\"Float\" Precision=\"8\" Dimensions=\""
      << g.ny + 1 << "\">" << join(faces_y(g)) << "</DataItem>\n"
      << "        <DataItem Format=\"XML\" NumberType=\"Float\" Precision=\"8\" Dimensions=\""
      << nz_cells + 1 << "\">" << join(zf) << "</DataItem>\n"
      << "      </Geometry>\n";
  } else {
    // A single layer (the statistics grid) is uniform by construction.
    const double z0 = g.z_faces[k0];
    o << "      <Topology TopologyType=\"3DCoRectMesh\" Dimensions=\"" << dims << "\"/>\n"
      << "      <Geometry GeometryType=\"ORIGIN_DXDYDZ\">\n"
      << "        <DataItem Format=\"XML\" NumberType=\"Float\" Precision=\"8\" "
         "Dimensions=\"3\">"
      << num(z0) << " 0 0</DataItem>\n"
      << "        <DataItem Format=\"XML\" NumberType=\"Float\" Precision=\"8\" Dimensions=\"3\">"
      << num(g.dz(k0)) << " " << num(g.dy) << " " << num(g.dx) << "</DataItem>\n"
      << "      </Geometry>\n";
  }
  return o.str();
}

}  // namespace airshed::output
