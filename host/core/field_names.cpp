#include "host/core/field_names.hpp"

#include <cctype>

namespace airshed::output {

std::string safe_name(const std::string& name) {
  std::string s = name;
  for (char& c : s)
    if (!(std::isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-')) c = '_';
  return s.empty() ? "_" : s;
}

std::string array_label(const std::string& name, const std::string& units) {
  return units.empty() ? name : name + " [" + units + "]";
}

std::vector<double> centres_x(const Grid& g) {
  std::vector<double> v(g.nx);
  for (int i = 0; i < g.nx; ++i) v[i] = g.x_centre(i);
  return v;
}
std::vector<double> centres_y(const Grid& g) {
  std::vector<double> v(g.ny);
  for (int j = 0; j < g.ny; ++j) v[j] = g.y_centre(j);
  return v;
}
std::vector<double> centres_z(const Grid& g) {
  std::vector<double> v(g.nz);
  for (int k = 0; k < g.nz; ++k) v[k] = g.z_centre(k);
  return v;
}
std::vector<double> faces_x(const Grid& g) {
  std::vector<double> v(g.nx + 1);
  for (int i = 0; i <= g.nx; ++i) v[i] = i * g.dx;
  return v;
}
std::vector<double> faces_y(const Grid& g) {
  std::vector<double> v(g.ny + 1);
  for (int j = 0; j <= g.ny; ++j) v[j] = j * g.dy;
  return v;
}

}  // namespace airshed::output
