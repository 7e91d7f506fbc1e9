#include "src/json/writer.hpp"
#include "crmrules/trace.hpp"

namespace crm {

std::string Trace::to_json() const {
  using internal::write_json_string;
  using internal::write_json_value;
  std::string out = "[";
  for (std::size_t d = 0; d < decisions.size(); ++d) {
    const DecisionTrace& dt = decisions[d];
    if (d) out += ", ";
    out += "{\"decision\": ";
    write_json_string(out, dt.name);
    out += ", \"kind\": ";
    write_json_string(out, dt.kind);
    if (!dt.rows.empty()) {
      out += ", \"selected_rows\": [";
      bool first = true;
      for (const auto& r : dt.rows)
        if (r.selected) {
          out += (first ? "" : ", ") + std::to_string(r.index);
          first = false;
        }
      out += "], \"rows\": [";
      for (std::size_t i = 0; i < dt.rows.size(); ++i) {
        const RowTrace& r = dt.rows[i];
        out += (i ? ", " : "") + std::string("{\"row\": ") + std::to_string(r.index);
        if (!r.id.empty()) {
          out += ", \"id\": ";
          write_json_string(out, r.id);
        }
        out += r.matched ? ", \"matched\": true" : ", \"matched\": false";
        if (r.selected) out += ", \"selected\": true";
        if (r.failed_column) out += ", \"failed_column\": " + std::to_string(*r.failed_column);
        out += "}";
      }
      out += "]";
    }
    if (!dt.factors.empty()) {
      out += ", \"factors\": [";
      for (std::size_t i = 0; i < dt.factors.size(); ++i) {
        const FactorTrace& f = dt.factors[i];
        out += i ? ", {\"factor\": " : "{\"factor\": ";
        write_json_string(out, f.name);
        out += ", \"input\": ";
        write_json_value(out, f.input);
        out += ", \"points\": " + f.points.to_string();
        if (f.bin) out += ", \"bin\": " + std::to_string(*f.bin);
        if (f.baseline_difference) out += ", \"below_baseline\": " + f.baseline_difference->to_string();
        out += ", \"reason_code\": ";
        write_json_string(out, f.reason_code);
        out += "}";
      }
      out += "], \"reason_codes\": [";
      for (std::size_t i = 0; i < dt.reason_codes.size(); ++i) {
        if (i) out += ", ";
        write_json_string(out, dt.reason_codes[i]);
      }
      out += "]";
    }
    out += ", \"outputs\": {";
    for (std::size_t i = 0; i < dt.outputs.size(); ++i) {
      if (i) out += ", ";
      write_json_string(out, dt.outputs[i].first);
      out += ": ";
      write_json_value(out, dt.outputs[i].second);
    }
    out += "}}";
  }
  out += "]";
  return out;
}

}  // namespace crm
