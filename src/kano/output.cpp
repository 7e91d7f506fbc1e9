// A Kano analysis as JSON, CSV and an SVG Better / Worse scatter.
#include <set>

#include "src/json/writer.hpp"
#include "crmrules/kano.hpp"

namespace crm::kano {
namespace {

using internal::write_json_string;

void key(std::string& out, std::string_view k) {
  write_json_string(out, k);
  out += ": ";
}

void optional_decimal(std::string& out, const std::optional<Decimal>& d) { out += d ? d->to_string() : "null"; }

void optional_string(std::string& out, const std::optional<std::string>& s) {
  if (s) write_json_string(out, *s);
  else out += "null";
}

void write_settings(std::string& out, const Settings& s) {
  out += "{\"table\": [";
  for (int f = 0; f < 5; ++f) {
    out += f ? ", [" : "[";
    for (int d = 0; d < 5; ++d) {
      if (d) out += ", ";
      write_json_string(out, letter(s.table[f * 5 + d]));
    }
    out += "]";
  }
  out += "], \"weak_threshold\": " + s.weak_threshold.to_string();
  out += ", \"scale\": " + std::to_string(s.scale) + ", \"rounding\": ";
  write_json_string(out, to_string(s.rounding));
  out += ", \"drop_questionable_above\": ";
  optional_decimal(out, s.drop_questionable_above);
  out += "}";
}

void write_result(std::string& out, const Result& r) {
  out += "{";
  key(out, "attribute");
  write_json_string(out, r.attribute);
  out += ", ";
  key(out, "segment");
  optional_string(out, r.segment);
  out += ", ";
  key(out, "wave");
  write_json_string(out, r.wave);
  out += ", \"counts\": {";
  for (std::size_t c = 0; c < category_count; ++c) {
    if (c) out += ", ";
    key(out, letter(static_cast<Category>(c)));
    out += std::to_string(r.counts[c]);
  }
  out += "}, \"n\": " + std::to_string(r.n) + ", \"mode\": ";
  write_json_string(out, letter(r.mode));
  out += ", \"category\": ";
  write_json_string(out, letter(r.category));
  out += ", \"category_name\": ";
  write_json_string(out, name(r.category));
  out += std::string(", \"rule_applied\": ") + (r.rule_applied ? "true" : "false");
  out += ", \"fong\": {\"first\": ";
  write_json_string(out, letter(r.first));
  out += ", \"second\": ";
  write_json_string(out, letter(r.second));
  out += ", \"difference\": " + std::to_string(r.fong_difference) + ", \"threshold\": " + r.fong_threshold.to_string() +
         ", \"significant\": " + (r.significant ? "true" : "false") + "}, \"better\": ";
  optional_decimal(out, r.better);
  out += ", \"worse\": ";
  optional_decimal(out, r.worse);
  out += ", \"total_strength\": " + r.total_strength.to_string() +
         ", \"category_strength\": " + r.category_strength.to_string() + "}";
}

void write_error(std::string& out, const Error& e) {
  out += "{\"line\": " + std::to_string(e.where.line) + ", \"column\": " + std::to_string(e.where.column) + ", \"code\": ";
  write_json_string(out, crm::to_string(e.code));
  out += ", \"message\": ";
  write_json_string(out, e.message);
  out += "}";
}

/// `, "name": [item, ...]`, one item a line.
template <class Items, class Write>
void write_list(std::string& out, std::string_view name, const Items& items, Write write) {
  out += ",\n";
  key(out, name);
  out += "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += i ? ",\n  " : "\n  ";
    write(items[i]);
  }
  out += "]";
}

/// `, "category": "O", "better": 0.6000, "worse": -0.8500`
void write_brief(std::string& out, const Result& r) {
  out += ", \"category\": ";
  write_json_string(out, letter(r.category));
  out += ", \"better\": ";
  optional_decimal(out, r.better);
  out += ", \"worse\": ";
  optional_decimal(out, r.worse);
}

/// A CSV field, quoted when it must be.
std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string xml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string Analysis::to_json() const {
  std::string out = "{\"settings\": ";
  write_settings(out, settings);
  out += ", \"pairs_used\": " + std::to_string(pairs_used);
  write_list(out, "dropped_respondents", dropped_respondents, [&](const std::string& r) { write_json_string(out, r); });
  write_list(out, "results", results, [&](const Result& r) { write_result(out, r); });
  write_list(out, "priorities", priorities, [&](const Priority& p) {
    out += "{\"rank\": " + std::to_string(p.rank) + ", \"attribute\": ";
    write_json_string(out, p.attribute);
    out += ", \"wave\": ";
    write_json_string(out, results[p.result].wave);
    write_brief(out, results[p.result]);
    out += ", \"advice\": ";
    write_json_string(out, p.advice);
    out += "}";
  });
  write_list(out, "segment_differences", differences, [&](const SegmentDifference& d) {
    out += "{\"attribute\": ";
    write_json_string(out, d.attribute);
    out += ", \"wave\": ";
    write_json_string(out, d.wave);
    out += ", \"segments\": [";
    for (std::size_t k = 0; k < d.results.size(); ++k) {
      const Result& r = results[d.results[k]];
      out += k ? ", {\"segment\": " : "{\"segment\": ";
      optional_string(out, r.segment);
      write_brief(out, r);
      out += ", \"n\": " + std::to_string(r.n) + "}";
    }
    out += "]}";
  });
  write_list(out, "drifts", drifts, [&](const Drift& d) {
    out += "{\"attribute\": ";
    write_json_string(out, d.attribute);
    out += ", \"segment\": ";
    optional_string(out, d.segment);
    out += ", \"direction\": ";
    write_json_string(out, to_string(d.direction));
    out += ", \"from\": ";
    write_result(out, results[d.from_result]);
    out += ", \"to\": ";
    write_result(out, results[d.to_result]);
    out += "}";
  });
  write_list(out, "issues", issues, [&](const Error& e) { write_error(out, e); });
  out += "}\n";
  return out;
}

std::string Analysis::to_csv() const {
  std::string out =
      "wave,segment,attribute,A,O,M,I,R,Q,n,mode,category,rule_applied,fong_first,fong_second,fong_difference,"
      "fong_threshold,significant,better,worse,total_strength,category_strength\r\n";
  for (const Result& r : results) {
    out += csv_field(r.wave) + ',' + (r.segment ? csv_field(*r.segment) : std::string()) + ',' + csv_field(r.attribute);
    for (auto c : r.counts) out += ',' + std::to_string(c);
    out += ',' + std::to_string(r.n) + ',' + std::string(letter(r.mode)) + ',' + std::string(letter(r.category)) + ',' +
           (r.rule_applied ? "true" : "false") + ',' + std::string(letter(r.first)) + ',' +
           std::string(letter(r.second)) + ',' + std::to_string(r.fong_difference) + ',' +
           r.fong_threshold.to_string() + ',' + (r.significant ? "true" : "false") + ',' +
           (r.better ? r.better->to_string() : "") + ',' + (r.worse ? r.worse->to_string() : "") + ',' +
           r.total_strength.to_string() + ',' + r.category_strength.to_string() + "\r\n";
  }
  return out;
}

std::string Analysis::to_svg() const {
  // Plot area: x = |Worse| from 0 (left) to 1, y = Better from 0 (bottom) to 1; 500 px each.
  constexpr int left = 70, top = 40, size = 500;
  const Decimal span = Decimal::from_int(size);
  auto px = [&](const Decimal& v) { return v.mul(span)->round(1)->to_string(); };
  std::string wave;
  for (const Result& r : results) wave = std::max(wave, r.wave);
  std::vector<std::optional<std::string>> segments;
  for (const Result& r : results)
    if (r.wave == wave && std::find(segments.begin(), segments.end(), r.segment) == segments.end())
      segments.push_back(r.segment);
  static constexpr const char* colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};
  const int width = left + size + 200, height = top + size + 60;
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) + "\" height=\"" +
                    std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + ' ' + std::to_string(height) +
                    "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  out += "<title>Kano Better / Worse" + (wave.empty() ? std::string() : " (wave " + xml(wave) + ")") + "</title>\n";
  out += "<g transform=\"translate(" + std::to_string(left) + ',' + std::to_string(top) + ")\">\n";
  const std::string half = std::to_string(size / 2), full = std::to_string(size);
  out += "<rect x=\"0\" y=\"0\" width=\"" + full + "\" height=\"" + full + "\" fill=\"none\" stroke=\"#333\"/>\n";
  out += "<line x1=\"" + half + "\" y1=\"0\" x2=\"" + half + "\" y2=\"" + full + "\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>\n";
  out += "<line x1=\"0\" y1=\"" + half + "\" x2=\"" + full + "\" y2=\"" + half + "\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>\n";
  out += "<text x=\"8\" y=\"18\" fill=\"#555\">Attractive (A)</text>\n";
  out += "<text x=\"" + std::to_string(size - 8) + "\" y=\"18\" fill=\"#555\" text-anchor=\"end\">One-dimensional (O)</text>\n";
  out += "<text x=\"" + std::to_string(size - 8) + "\" y=\"" + std::to_string(size - 8) +
         "\" fill=\"#555\" text-anchor=\"end\">Must-be (M)</text>\n";
  out += "<text x=\"8\" y=\"" + std::to_string(size - 8) + "\" fill=\"#555\">Indifferent (I)</text>\n";
  for (int t = 0; t <= 10; t += 5) {
    const std::string v = t == 0 ? "0" : t == 5 ? "0.5" : "1";
    const std::string p = std::to_string(size * t / 10);
    out += "<text x=\"" + p + "\" y=\"" + std::to_string(size + 16) + "\" text-anchor=\"middle\">" + v + "</text>\n";
    out += "<text x=\"-6\" y=\"" + std::to_string(size - size * t / 10 + 4) + "\" text-anchor=\"end\">" + v + "</text>\n";
  }
  out += "<text x=\"" + half + "\" y=\"" + std::to_string(size + 36) +
         "\" text-anchor=\"middle\">|Worse| (dissatisfaction when absent)</text>\n";
  out += "<text transform=\"translate(-45," + half +
         ") rotate(-90)\" text-anchor=\"middle\">Better (satisfaction when present)</text>\n";
  for (const Result& r : results) {
    if (r.wave != wave || !r.better || !r.worse) continue;
    const auto s = static_cast<std::size_t>(std::find(segments.begin(), segments.end(), r.segment) - segments.begin());
    const std::string colour = colours[s % std::size(colours)];
    const std::string x = px(r.worse->abs()), y = px(*Decimal::from_int(1).sub(*r.better));
    out += "<g><title>" + xml(r.attribute) + (r.segment ? " [" + xml(*r.segment) + "]" : std::string()) + ": " +
           std::string(letter(r.category)) + ", Better " + r.better->to_string() + ", Worse " + r.worse->to_string() +
           "</title><circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"5\" fill=\"" + colour + "\"/>";
    out += "<text x=\"" + x + "\" y=\"" + y + "\" dx=\"7\" dy=\"-4\" fill=\"" + colour + "\">" + xml(r.attribute) +
           "</text></g>\n";
  }
  for (std::size_t s = 0; s < segments.size() && segments.size() > 1; ++s) {
    const std::string y = std::to_string(20 * static_cast<int>(s) + 10);
    out += "<circle cx=\"" + std::to_string(size + 20) + "\" cy=\"" + y + "\" r=\"5\" fill=\"" +
           colours[s % std::size(colours)] + "\"/><text x=\"" + std::to_string(size + 30) + "\" y=\"" + y +
           "\" dy=\"4\">" + (segments[s] ? xml(*segments[s]) : std::string("all respondents")) + "</text>\n";
  }
  out += "</g>\n</svg>\n";
  return out;
}

}  // namespace crm::kano
