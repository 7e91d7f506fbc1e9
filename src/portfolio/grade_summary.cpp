// GradeSummary::to_json (include/crmrules/portfolio_grading.hpp): the summary of a graded
// portfolio as one JSON object, written with the library's JSON writer.
#include "crmrules/portfolio_grading.hpp"
#include "src/json/writer.hpp"

namespace crm {
namespace {

using internal::JsonArray;
using internal::JsonObject;

/// Each rejected row: its column's name as "field", then its error (code, message, line
/// and column, and a pointer when the rule set named an input the file has no column for).
void write_rejects(std::string& out, const std::vector<RejectedRow>& rejects) {
  JsonArray list(out);
  for (const RejectedRow& r : rejects) {
    JsonObject reject(list.item());
    reject.string("field", r.column);
    internal::write_error_members(reject, r.error);
  }
}

void write_grades(std::string& out, const std::vector<GradeSummary::GradeCount>& grades) {
  JsonArray list(out);
  for (const auto& g : grades) {
    JsonObject grade(list.item());
    grade.string("label", g.label)
        .number("customers", g.customers)
        .number("A", g.per_class[0])
        .number("B", g.per_class[1])
        .number("C", g.per_class[2]);
  }
}

/// The ABC classes of the measure: thresholds, then customers and share per class.
void write_abc(std::string& out, const Portfolio& p, const std::string& measure) {
  JsonObject abc(out);
  abc.string("measure", measure).number("a_share", p.options().a_share).number("b_share", p.options().b_share);
  for (AbcClass c : {AbcClass::A, AbcClass::B, AbcClass::C}) {
    abc.key(to_string(c));
    JsonObject one(out);
    one.number("customers", std::uint64_t{p.count(c)}).number("share", p.class_share(c));
  }
  abc.number("loss_making", std::uint64_t{p.loss_making()});
}

/// The four classes 主/次/辅/杂: each with its names, cut-off, customers and share.
void write_four_class(std::string& out, const std::vector<GradeSummary::ClassCount>& classes) {
  JsonArray list(out);
  for (const auto& c : classes) {
    JsonObject one(list.item());
    one.string("label", c.about.label).string("zh", c.about.name.zh).string("en", c.about.name.en);
    if (c.about.up_to)
      one.number("up_to", *c.about.up_to);
    else
      one.null("up_to");
    one.number("customers", c.customers).number("share", c.share);
  }
}

void write_pareto(std::string& out, const Portfolio& p) {
  JsonObject pareto(out);
  pareto.number("top", p.options().pareto_top);
  if (const auto share = p.pareto_share())
    pareto.number("share", *share);
  else
    pareto.null("share");
}

}  // namespace

std::string GradeSummary::to_json() const {
  std::string out;
  JsonObject o(out);
  o.number("rows", rows).number("graded", graded).number("rejected", rejected);
  write_rejects(o.key("rejects").out(), rejects);
  {
    JsonArray list(o.key("warnings").out());
    for (const auto& w : warnings) internal::write_json_string(list.item(), w);
  }
  if (stopped)
    o.error("stopped", *stopped);
  else
    o.null("stopped");
  o.string("grade_output", grade_output);
  write_grades(o.key("grades").out(), grades);
  if (portfolio) {
    write_abc(o.key("abc").out(), *portfolio, measure);
    if (!four_class.empty()) write_four_class(o.key("four_class").out(), four_class);
    write_pareto(o.key("pareto").out(), *portfolio);
  }
  o.close();
  return out;
}

}  // namespace crm
