#include "host/batch/batch_csv.hpp"

namespace airshed::batch {

std::string csv_quote(const std::string& s) {
  const bool edge_space = !s.empty() && (s.front() == ' ' || s.back() == ' ');
  if (s.find_first_of(",\"\r\n") == std::string::npos && !edge_space) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, any = false;  // any: the record has begun
  auto end_record = [&] {
    if (any) {
      record.push_back(field);
      records.push_back(record);
    }
    record.clear();
    field.clear();
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
      continue;
    }
    if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      record.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\n') {
      end_record();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      // CRLF: the LF ends the record
    } else {
      field += c;
      any = true;
    }
  }
  end_record();
  return records;
}

}  // namespace airshed::batch
