#include "host/output/receptor_writer.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "host/output/atomic_file.hpp"
#include "host/output/output_dir.hpp"

namespace airshed::output {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string csv_number(double v) {
  if (std::isnan(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.7g", v);
  return buf;
}

void ReceptorWriter::begin(const RunInfo& info) {
  info_ = info;
  good_size_ = -1;
  stencils_.clear();
  for (const auto& r : info.receptors)
    stencils_.push_back(statistics::trilinear_stencil(info.grid, r.x, r.y, r.z));
  require_plain_file_or_absent(series_path());  // a stream follows links
  series_.open(series_path(), std::ios::trunc);
  if (!series_) throw std::runtime_error("cannot write '" + series_path() + "'");
  series_ << "time,time_s,receptor,species,value,units\n" << std::flush;
  if (!series_) throw_write_error("cannot write '" + series_path() + "'");
  good_size_ = series_.tellp();
}

void ReceptorWriter::throw_write_error(const std::string& what) const {
  const int os_error = errno;  // from the failed write(2) under the stream
  throw std::runtime_error(what + ": " + (os_error ? std::strerror(os_error) : "write failed"));
}

void ReceptorWriter::end(const RunSummary&) {
  series_.close();
  if (series_.fail()) throw_write_error("cannot close '" + series_path() + "'");
}

void ReceptorWriter::failed(const RunFailure&) noexcept {
  // Cut a half-written last row: the file then ends at the last time that
  // was fully written, like the HDF5 file.
  series_.close();
  std::error_code ec;
  if (good_size_ >= 0) std::filesystem::resize_file(series_path(), std::uintmax_t(good_size_), ec);
}

void ReceptorWriter::save(StateWriter& w) const {
  w.tag("receptors");
  w.put(std::uint64_t(good_size_));
}

void ReceptorWriter::resume(const RunInfo& info, StateReader& r) {
  r.expect("receptors");
  const auto bytes = r.get<std::uint64_t>();
  info_ = info;
  stencils_.clear();
  for (const auto& rc : info.receptors)
    stencils_.push_back(statistics::trilinear_stencil(info.grid, rc.x, rc.y, rc.z));
  require_plain_file_or_absent(series_path());
  std::error_code ec;
  const auto size = std::filesystem::file_size(series_path(), ec);
  if (ec || size < bytes)
    throw std::runtime_error("'" + series_path() +
                             "' is shorter than the checkpoint records; cannot resume");
  std::filesystem::resize_file(series_path(), bytes, ec);
  if (ec) throw std::runtime_error("cannot cut back '" + series_path() + "': " + ec.message());
  series_.open(series_path(), std::ios::app);
  if (!series_) throw_write_error("cannot append to '" + series_path() + "'");
  good_size_ = std::streamoff(bytes);
}

void ReceptorWriter::record(const OutputSnapshot& s) {
  if (stencils_.empty()) return;
  const std::string when = format_iso8601(info_.start, s.time_s);
  for (std::size_t r = 0; r < stencils_.size(); ++r)
    for (std::size_t n = 0; n < info_.species.size(); ++n) {
      const SpeciesInfo& sp = info_.species[n];
      const double v = statistics::sample(stencils_[r], s.fields[n].data());
      series_ << when << ',' << csv_number(s.time_s) << ',' << csv_field(info_.receptors[r].name)
              << ',' << csv_field(sp.name) << ',' << csv_number(v) << ',' << csv_field(sp.units)
              << '\n';
    }
  series_.flush();
  if (!series_) throw_write_error("cannot append to '" + series_path() + "'");
  good_size_ = series_.tellp();
}

std::vector<std::string> ReceptorWriter::write_statistics(const statistics::Results& r) {
  write_summary(r.receptors);
  return {"receptor_summary.csv"};
}

void ReceptorWriter::write_summary(const std::vector<statistics::ReceptorStatistic>& rows) const {
  std::ostringstream o;
  o << "receptor,species,statistic,value,units,when\n";
  for (const auto& r : rows)
    o << csv_field(r.receptor) << ',' << csv_field(r.species) << ',' << csv_field(r.statistic)
      << ',' << csv_number(r.value) << ',' << csv_field(r.units) << ',' << r.when << '\n';
  write_file_atomically(summary_path(), o.str());
}

}  // namespace airshed::output
