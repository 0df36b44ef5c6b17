// .vtr/.vti and .pvd reopened with VTK's own XML readers.
#include <doctest/doctest.h>
#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkRectilinearGrid.h>
#include <vtkXMLImageDataReader.h>
#include <vtkXMLRectilinearGridReader.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/output/output_test_dir.hpp"

using namespace airshed;

TEST_CASE("stretched levels give .vtr files with the real faces and cell data in output units") {
  test::TempDir dir("vtr");
  const RunInfo info = test::write_synthetic_run(dir.str(), true);
  const Grid& g = info.grid;
  for (int t = 0; t < 7; ++t) {
    const std::string path = dir.str() + "/synthetic_00000" + std::to_string(t) + ".vtr";
    REQUIRE(std::filesystem::exists(path));
    vtkNew<vtkXMLRectilinearGridReader> r;
    r->SetFileName(path.c_str());
    r->Update();
    vtkRectilinearGrid* grid = r->GetOutput();
    int dims[3];
    grid->GetDimensions(dims);
    CHECK(dims[0] == 7);
    CHECK(dims[1] == 6);
    CHECK(dims[2] == 5);
    for (int k = 0; k <= g.nz; ++k) CHECK(grid->GetZCoordinates()->GetTuple1(k) == g.z_faces[k]);
    CHECK(grid->GetXCoordinates()->GetTuple1(6) == 600);
    CHECK(grid->GetYCoordinates()->GetTuple1(5) == 1000);
    vtkDataArray* pm = grid->GetCellData()->GetArray("PM2.5 [ug/m3]");
    REQUIRE(pm != nullptr);
    REQUIRE(pm->GetNumberOfTuples() == vtkIdType(g.cells()));
    for (int k = 0; k < g.nz; ++k)
      for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i)
          CHECK(float(pm->GetTuple1(vtkIdType(g.index(i, j, k)))) ==
                test::stored_value(info, 0, i, j, k, t * 1800.0));
    CHECK(grid->GetCellData()->GetArray("SO2 [ug/m3]") != nullptr);
  }
  std::ifstream pvd(dir.str() + "/synthetic.pvd");
  std::stringstream text;
  text << pvd.rdbuf();
  CHECK(text.str().find("timestep=\"3\" group=\"\" part=\"0\" file=\"synthetic_000006.vtr\"") !=
        std::string::npos);

  vtkNew<vtkXMLImageDataReader> sr;
  sr->SetFileName((dir.str() + "/synthetic_statistics.vti").c_str());
  sr->Update();
  int sd[3];
  sr->GetOutput()->GetDimensions(sd);
  CHECK(sd[0] == 7);
  CHECK(sd[1] == 6);
  CHECK(sd[2] == 2);
  CHECK(sr->GetOutput()->GetCellData()->GetArray("PM2.5_max_hourly_mean [ug/m3]") != nullptr);
}

TEST_CASE("uniform levels give .vti files with the grid spacing") {
  test::TempDir dir("vti");
  const RunInfo info = test::write_synthetic_run(dir.str(), false);
  vtkNew<vtkXMLImageDataReader> r;
  r->SetFileName((dir.str() + "/synthetic_000002.vti").c_str());
  r->Update();
  double spacing[3], origin[3];
  r->GetOutput()->GetSpacing(spacing);
  r->GetOutput()->GetOrigin(origin);
  CHECK(spacing[0] == 100);
  CHECK(spacing[1] == 200);
  CHECK(spacing[2] == 75);
  CHECK(origin[0] == 0);
  CHECK(origin[2] == 0);
  vtkDataArray* so2 = r->GetOutput()->GetCellData()->GetArray("SO2 [ug/m3]");
  REQUIRE(so2 != nullptr);
  CHECK(float(so2->GetTuple1(vtkIdType(info.grid.index(3, 2, 1)))) ==
        test::stored_value(info, 1, 3, 2, 1, 3600.0));
}
