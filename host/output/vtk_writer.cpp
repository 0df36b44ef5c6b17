#include "host/output/vtk_writer.hpp"

#include <vtkCallbackCommand.h>
#include <vtkCellData.h>
#include <vtkCommand.h>
#include <vtkDoubleArray.h>
#include <vtkErrorCode.h>
#include <vtkExecutive.h>
#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkRectilinearGrid.h>
#include <vtkStructuredGrid.h>
#include <vtkXMLImageDataWriter.h>
#include <vtkXMLRectilinearGridWriter.h>
#include <vtkXMLStructuredGridWriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "host/output/appended_file.hpp"
#include "host/output/atomic_file.hpp"
#include "host/output/terrain_geometry.hpp"

namespace airshed::output {
namespace {

// `count` values from `first` (default: all): a run of whole layers.
vtkNew<vtkFloatArray> cell_array(const std::string& label, const std::vector<float>& values,
                                 std::size_t first = 0, std::size_t count = std::size_t(-1)) {
  count = std::min(count, values.size() - first);
  vtkNew<vtkFloatArray> a;
  a->SetName(label.c_str());
  a->SetNumberOfComponents(1);
  a->SetNumberOfTuples(vtkIdType(count));
  // VTK cells are ordered x fastest, then y, then z: the solver's order.
  for (std::size_t i = 0; i < count; ++i) a->SetValue(vtkIdType(i), values[first + i]);
  return a;
}

// Named, because VTK otherwise names the array after its address: files of
// two identical runs would differ byte for byte.
vtkNew<vtkDoubleArray> coordinates(const char* name, const std::vector<double>& v) {
  vtkNew<vtkDoubleArray> a;
  a->SetName(name);
  a->SetNumberOfTuples(vtkIdType(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) a->SetValue(vtkIdType(i), v[i]);
  return a;
}

// The first `layers` + 1 planes of cell corners over the terrain: x, y the
// cell faces, z the corner's ground height + z_faces[k] (node_z, x fastest).
vtkNew<vtkStructuredGrid> terrain_grid(const Grid& g, const std::vector<double>& node_z, int layers,
                                       int k0 = 0) {
  const std::vector<double> fx = faces_x(g), fy = faces_y(g);
  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  points->GetData()->SetName("Points");  // named for reproducible files, as above
  const vtkIdType px = g.nx + 1, py = g.ny + 1, n = px * py * (layers + 1);
  points->SetNumberOfPoints(n);
  const vtkIdType skip = px * py * k0;
  for (vtkIdType p = 0; p < n; ++p)
    points->SetPoint(p, fx[p % px], fy[(p / px) % py], node_z[skip + p]);
  vtkNew<vtkStructuredGrid> grid;
  grid->SetDimensions(g.nx + 1, g.ny + 1, layers + 1);
  grid->SetPoints(points);
  return grid;
}

// Each cell's column's ground height, for `layers` layers.
std::vector<float> terrain_per_cell(const std::vector<float>& terrain, int layers) {
  std::vector<float> v;
  v.reserve(terrain.size() * layers);
  for (int k = 0; k < layers; ++k) v.insert(v.end(), terrain.begin(), terrain.end());
  return v;
}

// Takes VTK's error messages instead of letting it print them to stderr
// (the run reports one line of its own).
void keep_message(vtkObject*, unsigned long, void* client, void* call) {
  auto* text = static_cast<std::string*>(client);
  if (text->empty() && call) *text = static_cast<const char*>(call);
}

// Writes through a temporary so ParaView never opens a half-written file; a
// failed write (full disk, file-size limit) removes the temporary and names
// the file and the OS reason.
template <class Writer, class Data>
void write_dataset(Data* data, const std::string& path) {
  const std::string tmp = temporary_sibling(path);
  vtkNew<Writer> w;
  std::string vtk_message;
  vtkNew<vtkCallbackCommand> on_error;
  on_error->SetCallback(keep_message);
  on_error->SetClientData(&vtk_message);
  w->AddObserver(vtkCommand::ErrorEvent, on_error);
  w->AddObserver(vtkCommand::WarningEvent, on_error);
  // The pipeline reports the writer's failure once more, from its executive.
  w->GetExecutive()->AddObserver(vtkCommand::ErrorEvent, on_error);
  w->SetInputData(data);
  // VTK opens by name and would follow a link planted under the
  // temporary's name; the link itself is removed first.
  std::remove(tmp.c_str());
  w->SetFileName(tmp.c_str());
  w->SetCompressorTypeToZLib();
  w->SetDataModeToAppended();
  w->EncodeAppendedDataOff();
  errno = 0;
  const int ok = w->Write();
  const int os_error = errno;
  if (ok != 1 || w->GetErrorCode() != vtkErrorCode::NoError) {
    std::remove(tmp.c_str());
    const std::string reason = os_error != 0 ? std::strerror(os_error)
                               : vtk_message.empty()
                                   ? "VTK error code " + std::to_string(w->GetErrorCode())
                                   : vtk_message;
    throw std::runtime_error("VTK: cannot write '" + path + "': " + reason);
  }
  replace_file(tmp, path);
}

const char* const kPvdTail = "  </Collection>\n</VTKFile>\n";

std::string pvd_entry(double time_s, const std::string& file) {
  std::ostringstream o;
  o.precision(17);
  o << "    <DataSet timestep=\"" << time_s / 3600.0 << "\" group=\"\" part=\"0\" file=\"" << file
    << "\"/>\n";
  return o.str();
}

}  // namespace

void VtkWriter::begin(const RunInfo& info) {
  info_ = info;
  set_geometry();
  written_.clear();
  write_pvd();
}

void VtkWriter::set_geometry() {
  structured_ = has_terrain(info_);
  rectilinear_ = !structured_ && !info_.grid.vertically_uniform();
  node_z_ = structured_ ? node_heights_asl(info_.grid, info_.terrain) : std::vector<double>{};
}

void VtkWriter::save(StateWriter& w) const {
  w.tag("vtk");
  w.put(std::uint64_t(written_.size()));
  for (const auto& [t, file] : written_) {
    w.put(t);
    w.put(file);
  }
}

void VtkWriter::resume(const RunInfo& info, StateReader& r) {
  r.expect("vtk");
  info_ = info;
  set_geometry();
  written_.clear();
  const auto n = r.get<std::uint64_t>();
  for (std::uint64_t i = 0; i < n; ++i) {
    const double t = r.get<double>();
    written_.emplace_back(t, r.text());
  }
  write_pvd();
}

void VtkWriter::record(const OutputSnapshot& s) {
  if (!due(sel_.fields_every, snapshot_index(s.time_s, info_.output_interval_s))) return;
  const Grid& g = info_.grid;
  const int k0 = sel_.first_level, nk = sel_.level_count(g.nz);
  const std::size_t first = std::size_t(k0) * g.columns(), count = std::size_t(nk) * g.columns();
  char index[16];
  std::snprintf(index, sizeof index, "_%06zu", written_.size());
  const std::string file = name_ + index + (structured_ ? ".vts" : rectilinear_ ? ".vtr" : ".vti");
  const std::string path = dir_ + "/" + file;
  auto add_fields = [&](vtkCellData* cd) {
    for (std::size_t n = 0; n < s.fields.size(); ++n) {
      const SpeciesInfo& sp = info_.species[n];
      if (sel_.writes_species(sp.name))
        cd->AddArray(cell_array(array_label(sp.name, sp.units), s.fields[n], first, count));
    }
  };
  if (structured_) {
    vtkNew<vtkStructuredGrid> grid = terrain_grid(g, node_z_, nk, k0);
    add_fields(grid->GetCellData());
    grid->GetCellData()->AddArray(
        cell_array(array_label("terrain_height", "m"), terrain_per_cell(info_.terrain, nk)));
    write_dataset<vtkXMLStructuredGridWriter>(grid.Get(), path);
  } else if (rectilinear_) {
    vtkNew<vtkRectilinearGrid> grid;
    grid->SetDimensions(g.nx + 1, g.ny + 1, nk + 1);
    grid->SetXCoordinates(coordinates("x_faces [m]", faces_x(g)));
    grid->SetYCoordinates(coordinates("y_faces [m]", faces_y(g)));
    grid->SetZCoordinates(
        coordinates("z_faces [m]",
                    std::vector<double>(g.z_faces.begin() + k0, g.z_faces.begin() + k0 + nk + 1)));
    add_fields(grid->GetCellData());
    write_dataset<vtkXMLRectilinearGridWriter>(grid.Get(), path);
  } else {
    vtkNew<vtkImageData> image;
    image->SetDimensions(g.nx + 1, g.ny + 1, nk + 1);
    image->SetOrigin(0, 0, g.z_faces[k0]);
    image->SetSpacing(g.dx, g.dy, g.dz(0));
    add_fields(image->GetCellData());
    write_dataset<vtkXMLImageDataWriter>(image.Get(), path);
  }
  written_.emplace_back(s.time_s, file);
  if (s.time_s > 0)
    append_before_tail(pvd_path(), std::string(kPvdTail).size(), pvd_entry(s.time_s, file),
                       kPvdTail);
}

// Whole at begin and resume; then one entry appended per output time after
// t = 0 (the initial state's file is written but not listed, so ParaView
// opens on the first output time after the start). `timestep` in hours.
void VtkWriter::write_pvd() const {
  std::string o =
      "<?xml version=\"1.0\"?>\n"
      "<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n  "
      "<Collection>\n";
  for (const auto& [t, file] : written_)
    if (t > 0) o += pvd_entry(t, file);
  write_file_atomically(pvd_path(), o + kPvdTail);
}

std::vector<std::string> VtkWriter::write_statistics(const statistics::Results& r) {
  write_statistics(ground_fields(r.ground));
  return {name_ + (structured_ ? "_statistics.vts" : "_statistics.vti")};
}

void VtkWriter::write_statistics(const std::vector<GroundField>& fields) {
  const Grid& g = info_.grid;
  if (structured_) {
    // The lowest layer over the terrain, one cell thick.
    vtkNew<vtkStructuredGrid> grid = terrain_grid(g, node_z_, 1);
    for (const auto& f : fields)
      grid->GetCellData()->AddArray(cell_array(array_label(f.name, f.units), f.values));
    grid->GetCellData()->AddArray(
        cell_array(array_label("terrain_height", "m"), terrain_per_cell(info_.terrain, 1)));
    write_dataset<vtkXMLStructuredGridWriter>(grid.Get(), statistics_path());
    return;
  }
  vtkNew<vtkImageData> image;
  // The lowest layer: one cell thick, so ParaView shows it as a map.
  image->SetDimensions(g.nx + 1, g.ny + 1, 2);
  image->SetOrigin(0, 0, 0);
  image->SetSpacing(g.dx, g.dy, g.dz(0));
  for (const auto& f : fields)
    image->GetCellData()->AddArray(cell_array(array_label(f.name, f.units), f.values));
  write_dataset<vtkXMLImageDataWriter>(image.Get(), statistics_path());
}

}  // namespace airshed::output
