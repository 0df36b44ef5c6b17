#include "host/output/xdmf_writer.hpp"

#include <cstdio>
#include <sstream>

#include "host/output/atomic_file.hpp"
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

}  // namespace

void XdmfWriter::begin(const RunInfo& info) {
  info_ = info;
  terrain_ = has_terrain(info);
  times_.clear();
  statistics_.clear();
  write_file_atomically(path_, document());
}

void XdmfWriter::save(StateWriter& w) const {
  w.tag("xdmf");
  w.put(times_);
}

void XdmfWriter::resume(const RunInfo& info, StateReader& r) {
  r.expect("xdmf");
  info_ = info;
  terrain_ = has_terrain(info);
  r.get(times_);
  statistics_.clear();
  write_file_atomically(path_, document());
}

void XdmfWriter::record(const OutputSnapshot& s) {
  times_.push_back(s.time_s);
  write_file_atomically(path_, document());
}

void XdmfWriter::add_statistics(const std::vector<GroundField>& fields) {
  for (const auto& f : fields) statistics_.emplace_back(f.name, f.units);
  write_file_atomically(path_, document());
}

std::string XdmfWriter::mesh(int nz_cells) const {
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
                               xml_escape(h5_) + ":/nodes/" + a + "</DataItem>\n";
      if (nz_cells == g.nz) {
        o << "        " << item;
      } else {
        o << "        <DataItem ItemType=\"HyperSlab\" Dimensions=\"" << dims
          << "\" Type=\"HyperSlab\" NumberType=\"Float\" Precision=\"4\">\n"
          << "          <DataItem Dimensions=\"3 3\" NumberType=\"UInt\" Format=\"XML\">0 0 0 1 1 "
             "1 "
          << dims << "</DataItem>\n"
          << "          " << item << "        </DataItem>\n";
      }
    }
    o << "      </Geometry>\n";
  } else if (nz_cells == g.nz && !g.vertically_uniform()) {
    std::vector<double> zf(g.z_faces.begin(), g.z_faces.end());
    o << "      <Topology TopologyType=\"3DRectMesh\" Dimensions=\"" << dims << "\"/>\n"
      << "      <Geometry GeometryType=\"VXVYVZ\">\n"
      << "        <DataItem Format=\"XML\" NumberType=\"Float\" Precision=\"8\" Dimensions=\""
      << g.nx + 1 << "\">" << join(faces_x(g)) << "</DataItem>\n"
      << "        <DataItem Format=\"XML\" NumberType=\"Float\" Precision=\"8\" Dimensions=\""
      << g.ny + 1 << "\">" << join(faces_y(g)) << "</DataItem>\n"
      << "        <DataItem Format=\"XML\" NumberType=\"Float\" Precision=\"8\" Dimensions=\""
      << g.nz + 1 << "\">" << join(zf) << "</DataItem>\n"
      << "      </Geometry>\n";
  } else {
    // A single layer (the statistics grid) is uniform by construction.
    o << "      <Topology TopologyType=\"3DCoRectMesh\" Dimensions=\"" << dims << "\"/>\n"
      << "      <Geometry GeometryType=\"ORIGIN_DXDYDZ\">\n"
      << "        <DataItem Format=\"XML\" NumberType=\"Float\" Precision=\"8\" "
         "Dimensions=\"3\">0 0 0</DataItem>\n"
      << "        <DataItem Format=\"XML\" NumberType=\"Float\" Precision=\"8\" Dimensions=\"3\">"
      << num(g.dz(0)) << " " << num(g.dy) << " " << num(g.dx) << "</DataItem>\n"
      << "      </Geometry>\n";
  }
  return o.str();
}

std::string XdmfWriter::document() const {
  const Grid& g = info_.grid;
  const std::string cells3 =
      std::to_string(g.nz) + " " + std::to_string(g.ny) + " " + std::to_string(g.nx);
  const std::string nt = std::to_string(times_.size());
  std::ostringstream o;
  o << "<?xml version=\"1.0\" ?>\n<Xdmf Version=\"3.0\">\n  <Domain>\n"
    << "    <Grid Name=\"" << xml_escape(info_.scenario_name)
    << "\" GridType=\"Collection\" CollectionType=\"Temporal\">\n";
  for (std::size_t t = 0; t < times_.size(); ++t) {
    o << "    <Grid Name=\"t" << t << "\" GridType=\"Uniform\">\n"
      << "      <Time Value=\"" << num(times_[t]) << "\"/>\n"
      << mesh(g.nz);
    for (const auto& sp : info_.species) {
      // One time slab (start, stride, count) of the [time][z][y][x] dataset.
      // The slab is declared 3-D: ParaView's XDMF (2) reader misreads a
      // slab declared "1 nz ny nx".
      o << "      <Attribute Name=\"" << xml_escape(array_label(sp.name, sp.units))
        << "\" AttributeType=\"Scalar\" Center=\"Cell\">\n"
        << "        <DataItem ItemType=\"HyperSlab\" Dimensions=\"" << cells3
        << "\" Type=\"HyperSlab\" NumberType=\"Float\" Precision=\"4\">\n"
        << "          <DataItem Dimensions=\"3 4\" NumberType=\"UInt\" Format=\"XML\">" << t
        << " 0 0 0 1 1 1 1 1 " << cells3 << "</DataItem>\n"
        << "          <DataItem Dimensions=\"" << nt << " " << cells3
        << "\" NumberType=\"Float\" Precision=\"4\" Format=\"HDF\">" << xml_escape(h5_) << ":/"
        << xml_escape(safe_name(sp.name)) << "</DataItem>\n"
        << "        </DataItem>\n      </Attribute>\n";
    }
    if (terrain_)
      o << "      <Attribute Name=\"height_above_sea_level [m]\" AttributeType=\"Scalar\" "
           "Center=\"Cell\">\n"
        << "        <DataItem Dimensions=\"" << cells3
        << "\" NumberType=\"Float\" Precision=\"4\" Format=\"HDF\">" << xml_escape(h5_)
        << ":/height_above_sea_level</DataItem>\n      </Attribute>\n";
    o << "    </Grid>\n";
  }
  o << "    </Grid>\n";
  if (!statistics_.empty()) {
    const std::string cells2 = "1 " + std::to_string(g.ny) + " " + std::to_string(g.nx);
    o << "    <Grid Name=\"statistics\" GridType=\"Uniform\">\n" << mesh(1);
    for (const auto& [name, units] : statistics_) {
      o << "      <Attribute Name=\"" << xml_escape(array_label(name, units))
        << "\" AttributeType=\"Scalar\" Center=\"Cell\">\n"
        << "        <DataItem Dimensions=\"" << cells2
        << "\" NumberType=\"Float\" Precision=\"4\" Format=\"HDF\">" << xml_escape(h5_)
        << ":/statistics/" << xml_escape(safe_name(name)) << "</DataItem>\n      </Attribute>\n";
    }
    if (terrain_)
      o << "      <Attribute Name=\"terrain_height [m]\" AttributeType=\"Scalar\" "
           "Center=\"Cell\">\n"
        << "        <DataItem Dimensions=\"" << cells2
        << "\" NumberType=\"Float\" Precision=\"4\" Format=\"HDF\">" << xml_escape(h5_)
        << ":/terrain_height</DataItem>\n      </Attribute>\n";
    o << "    </Grid>\n";
  }
  o << "  </Domain>\n</Xdmf>\n";
  return o.str();
}

}  // namespace airshed::output
