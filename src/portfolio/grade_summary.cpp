// GradeSummary::to_json (include/crmrules/portfolio_grading.hpp): the summary of a graded
// portfolio as one JSON object.
#include "crmrules/portfolio_grading.hpp"
#include "src/json/writer.hpp"

namespace crm {

std::string GradeSummary::to_json() const {
  using internal::write_json_string;
  std::string out = "{\"rows\": " + std::to_string(rows) + ", \"graded\": " + std::to_string(graded) +
                    ", \"rejected\": " + std::to_string(rejected) + ", \"rejects\": [";
  for (std::size_t i = 0; i < rejects.size(); ++i) {
    const auto& r = rejects[i];
    out += i ? ", " : "";
    out += "{\"line\": " + std::to_string(r.line) + ", \"column\": " + std::to_string(r.error.where.column) +
           ", \"field\": ";
    write_json_string(out, r.column);
    out += ", \"code\": ";
    write_json_string(out, to_string(r.error.code));
    out += ", \"message\": ";
    write_json_string(out, r.error.message);
    out += '}';
  }
  out += "], \"warnings\": [";
  for (std::size_t i = 0; i < warnings.size(); ++i) {
    out += i ? ", " : "";
    write_json_string(out, warnings[i]);
  }
  out += "], \"stopped\": ";
  if (stopped) {
    out += "{\"line\": " + std::to_string(stopped->where.line) + ", \"code\": ";
    write_json_string(out, to_string(stopped->code));
    out += ", \"message\": ";
    write_json_string(out, stopped->message);
    out += '}';
  } else {
    out += "null";
  }
  out += ", \"grade_output\": ";
  write_json_string(out, grade_output);
  out += ", \"grades\": [";
  for (std::size_t i = 0; i < grades.size(); ++i) {
    const auto& g = grades[i];
    out += i ? ", " : "";
    out += "{\"label\": ";
    write_json_string(out, g.label);
    out += ", \"customers\": " + std::to_string(g.customers) + ", \"A\": " + std::to_string(g.per_class[0]) +
           ", \"B\": " + std::to_string(g.per_class[1]) + ", \"C\": " + std::to_string(g.per_class[2]) + "}";
  }
  out += "]";
  if (portfolio) {
    const Portfolio& p = *portfolio;
    out += ", \"abc\": {\"measure\": ";
    write_json_string(out, measure);
    out += ", \"a_share\": " + p.options().a_share.to_string() + ", \"b_share\": " + p.options().b_share.to_string();
    for (AbcClass c : {AbcClass::A, AbcClass::B, AbcClass::C})
      out += ", \"" + std::string(to_string(c)) + "\": {\"customers\": " + std::to_string(p.count(c)) +
             ", \"share\": " + p.class_share(c).to_string() + "}";
    out += ", \"loss_making\": " + std::to_string(p.loss_making()) + "}, \"pareto\": {\"top\": " +
           p.options().pareto_top.to_string() + ", \"share\": ";
    const auto share = p.pareto_share();
    out += share ? share->to_string() : "null";
    out += "}";
  }
  out += "}";
  return out;
}

}  // namespace crm
