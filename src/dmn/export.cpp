// crm::dmn::to_dmn: a rule set whose decisions are tables and expressions, written as a
// DMN 1.4 model (pugixml) that the importer reads back to the same results.
#include <pugixml.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "crmrules/dmn.hpp"
#include "src/dmn/to_feel.hpp"
#include "src/ruleset/compiled.hpp"

namespace crm::dmn {
namespace {

using internal::dmn::DmnNames;

constexpr const char* dmn14 = "https://www.omg.org/spec/DMN/20211108/MODEL/";

const char* type_ref(const Field& f) {
  switch (f.type) {
    case FieldType::decimal: case FieldType::integer: return "number";
    case FieldType::boolean: return "boolean";
    case FieldType::date: return "date";
    case FieldType::time: return "time";
    case FieldType::date_time: return "date and time";
    case FieldType::days_duration: return "days and time duration";
    case FieldType::months_duration: return "years and months duration";
    default: return "string";
  }
}

const char* hit_policy(internal::HitPolicy p) {
  using internal::HitPolicy;
  switch (p) {
    case HitPolicy::unique: return "UNIQUE";
    case HitPolicy::any: return "ANY";
    case HitPolicy::priority: return "PRIORITY";
    case HitPolicy::first: return "FIRST";
    case HitPolicy::rule_order: return "RULE ORDER";
    case HitPolicy::output_order: return "OUTPUT ORDER";
    case HitPolicy::collect: return "COLLECT";
  }
  return "UNIQUE";
}

const char* aggregation(internal::Aggregation a) {
  using internal::Aggregation;
  switch (a) {
    case Aggregation::sum: return "SUM";
    case Aggregation::min: return "MIN";
    case Aggregation::max: return "MAX";
    case Aggregation::count: return "COUNT";
    case Aggregation::none: return "";
  }
  return "";
}

/// A value as a FEEL literal ("A", 1.5, true).
std::string literal(const Value& v) {
  if (v.kind() == ValueKind::string) {
    std::string s = "\"";
    for (char c : v.as_string()) {
      if (c == '"' || c == '\\') s += '\\';
      s += c;
    }
    return s + "\"";
  }
  return v.to_string();
}

class Exporter {
 public:
  explicit Exporter(const RuleSet& rules) : rules_(rules), c_(internal::RuleSetAccess::of(rules)) {
    const auto all = names(rules);
    for (const auto& n : all) {
      names_[n.crm] = n.dmn;
      if (n.kind == "context_entry") entry_of_[n.crm] = n.parent;
    }
    for (const auto& n : all)  // a structure's leaf: an output of a decision that is no decision of the rule set
      if (n.kind == "output" && std::none_of(all.begin(), all.end(), [&](const Name& d) { return d.kind == "decision" && d.dmn == n.parent; }))
        leaf_of_[n.crm] = n.parent;
  }

  expected<std::string> run() {
    pugi::xml_node root = doc_.append_child("definitions");
    root.append_attribute("xmlns") = dmn14;
    root.append_attribute("name") = c_.name.c_str();
    root.append_attribute("namespace") = ("urn:crmrules:" + c_.name).c_str();
    if (auto ok = write_inputs(root); !ok) return unexpected(ok.error());
    std::set<std::string> structures;
    for (const auto& d : c_.decisions) {
      if (entry_of_.contains(d.name)) continue;  // a context entry is written in its decision's context
      if (auto leaf = leaf_of_.find(d.name); leaf != leaf_of_.end()) {  // a structure's leaves: the structure, once
        if (structures.insert(leaf->second).second)
          if (auto ok = write_structure(root, leaf->second); !ok) return unexpected(ok.error());
        continue;
      }
      if (auto ok = write_decision(root, d); !ok) return unexpected(ok.error());
    }
    std::ostringstream out;
    doc_.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
  }

 private:
  std::string dmn_name(const std::string& crm) const {
    auto it = names_.find(crm);
    return it != names_.end() ? it->second : crm;
  }

  unexpected at(const std::string& where, const Error& e) const {
    return unexpected(Error{e.code, where + ": " + e.message, {}});
  }

  /// A list field's type: an item definition that is a collection of its element type.
  expected<void> write_list_type(pugi::xml_node root, pugi::xml_node var, const Field& f) {
    if (!f.of)
      return at("input '" + f.name + "'", Error{ErrorCode::invalid_rule, "a list without an element type (\"of\") has no DMN type", {}});
    const std::string item = "t" + f.name;
    var.append_attribute("typeRef") = item.c_str();
    pugi::xml_node def = root.prepend_child("itemDefinition");
    def.append_attribute("name") = item.c_str();
    def.append_attribute("isCollection") = "true";
    Field element;
    element.type = *f.of;
    def.append_child("typeRef").text() = type_ref(element);
    return {};
  }

  /// Inputs: one inputData each; the components of an imported structure as one inputData
  /// of an item definition with those components.
  expected<void> write_inputs(pugi::xml_node root) {
    std::map<std::string, std::vector<std::pair<std::string, const Field*>>> structures;  // parent -> components
    const auto all = names(rules_);
    for (const auto& f : c_.schema.fields()) {
      const Name* n = nullptr;
      for (const auto& x : all)
        if (x.crm == f.name && x.kind == "input_component") n = &x;
      if (n != nullptr) {
        structures[n->parent].emplace_back(n->dmn.substr(n->parent.size() + 1), &f);
        continue;
      }
      pugi::xml_node in = root.append_child("inputData");
      in.append_attribute("name") = dmn_name(f.name).c_str();
      pugi::xml_node var = in.append_child("variable");
      var.append_attribute("name") = dmn_name(f.name).c_str();
      if (f.type == FieldType::enumeration && !f.labels.empty()) {
        const std::string item = "t" + f.name;
        var.append_attribute("typeRef") = item.c_str();
        pugi::xml_node def = root.prepend_child("itemDefinition");
        def.append_attribute("name") = item.c_str();
        def.append_child("typeRef").text() = "string";
        std::string allowed;
        for (const auto& v : f.labels) allowed += (allowed.empty() ? "" : ",") + literal(Value(v));
        def.append_child("allowedValues").append_child("text").text() = allowed.c_str();
      } else if (f.type == FieldType::list) {
        if (auto ok = write_list_type(root, var, f); !ok) return ok;
      } else {
        var.append_attribute("typeRef") = type_ref(f);
      }
    }
    for (const auto& [parent, components] : structures) {
      const std::string item = "t" + parent;
      pugi::xml_node def = root.prepend_child("itemDefinition");
      def.append_attribute("name") = item.c_str();
      for (const auto& [name, field] : components) {
        pugi::xml_node c = def.append_child("itemComponent");
        c.append_attribute("name") = name.c_str();
        c.append_child("typeRef").text() = type_ref(*field);
      }
      pugi::xml_node in = root.append_child("inputData");
      in.append_attribute("name") = parent.c_str();
      pugi::xml_node var = in.append_child("variable");
      var.append_attribute("name") = parent.c_str();
      var.append_attribute("typeRef") = item.c_str();
    }
    return {};
  }

  expected<std::string> feel(std::string_view crm, const std::string& where) const {
    auto f = internal::dmn::to_feel_expression(crm, names_);
    if (!f) return at(where, f.error());
    return f;
  }

  /// The name of decision d's result: its own (an expression's output, a one-output table's).
  std::string decision_name(const internal::Decision& d) const {
    if (const auto* t = std::get_if<internal::Table>(&d.body); t && t->outputs.size() == 1)
      return dmn_name(t->outputs[0].name);
    return dmn_name(d.name);
  }

  expected<void> write_decision(pugi::xml_node root, const internal::Decision& d) {
    const std::string where = "decision '" + d.name + "'";
    pugi::xml_node node = root.append_child("decision");
    const std::string name = decision_name(d);
    node.append_attribute("name") = name.c_str();
    node.append_child("variable").append_attribute("name") = name.c_str();
    return write_context(node, d, where);
  }

  /// An imported decision's context entries (decisions of their own in the rule set,
  /// named by their paths, in evaluation order) as one boxed context of entries named so,
  /// its result the decision's own logic; a decision without entries as its logic.
  expected<void> write_context(pugi::xml_node node, const internal::Decision& d, const std::string& where) {
    const std::string dmn = dmn_name(d.name);
    std::vector<const internal::Decision*> entries;
    for (const auto& e : c_.decisions)
      if (auto it = entry_of_.find(e.name); it != entry_of_.end() && it->second == dmn) entries.push_back(&e);
    if (entries.empty()) return write_logic(node, d, where);
    pugi::xml_node context = node.append_child("context");
    for (const auto* e : entries) {
      pugi::xml_node entry = context.append_child("contextEntry");
      entry.append_child("variable").append_attribute("name") = dmn_name(e->name).c_str();
      if (auto ok = write_logic(entry, *e, where + ", context entry '" + e->name + "'"); !ok) return ok;
    }
    return write_logic(context.append_child("contextEntry"), d, where);
  }

  /// A structured decision: a context of its context entries (named by their paths), then
  /// an entry named as the decision holding its leaves in contexts nested by their paths
  /// (contexts without a result entry: structures), and the result naming that entry.
  expected<void> write_structure(pugi::xml_node root, const std::string& dmn) {
    const std::string where = "decision '" + dmn + "'";
    pugi::xml_node node = root.append_child("decision");
    node.append_attribute("name") = dmn.c_str();
    node.append_child("variable").append_attribute("name") = dmn.c_str();
    pugi::xml_node context = node.append_child("context");
    for (const auto& e : c_.decisions)
      if (auto it = entry_of_.find(e.name); it != entry_of_.end() && it->second == dmn) {
        pugi::xml_node entry = context.append_child("contextEntry");
        entry.append_child("variable").append_attribute("name") = dmn_name(e.name).c_str();
        if (auto ok = write_logic(entry, e, where + ", context entry '" + e.name + "'"); !ok) return ok;
      }
    pugi::xml_node value = context.append_child("contextEntry");
    value.append_child("variable").append_attribute("name") = dmn.c_str();
    context.append_child("contextEntry").append_child("literalExpression").append_child("text").text() = dmn.c_str();
    pugi::xml_node structure = value.append_child("context");
    for (const auto& leaf : c_.decisions) {
      if (auto it = leaf_of_.find(leaf.name); it == leaf_of_.end() || it->second != dmn) continue;
      const std::string full = dmn_name(leaf.name);
      std::string_view path = std::string_view(full).substr(dmn.size() + 1);
      pugi::xml_node at = structure;
      for (auto dot = path.find('.'); dot != std::string_view::npos; dot = path.find('.')) {
        const std::string part(path.substr(0, dot));
        pugi::xml_node inner;
        for (pugi::xml_node e : at.children("contextEntry"))
          if (part == e.child("variable").attribute("name").value() && e.child("context")) inner = e.child("context");
        if (!inner) {
          pugi::xml_node e = at.append_child("contextEntry");
          e.append_child("variable").append_attribute("name") = part.c_str();
          inner = e.append_child("context");
        }
        at = inner;
        path = path.substr(dot + 1);
      }
      pugi::xml_node entry = at.append_child("contextEntry");
      entry.append_child("variable").append_attribute("name") = std::string(path).c_str();
      if (auto ok = write_logic(entry, leaf, where + ", component '" + std::string(path) + "'"); !ok) return ok;
    }
    return {};
  }

  /// A decision's logic: a literal expression or a decision table.
  expected<void> write_logic(pugi::xml_node node, const internal::Decision& d, const std::string& where) {
    if (std::holds_alternative<internal::Scorecard>(d.body))
      return at(where, Error{ErrorCode::invalid_rule, "a scorecard has no DMN form", {}});
    if (const auto* e = std::get_if<internal::ExpressionDecision>(&d.body)) {
      auto text = feel(e->expression.text(), where);
      if (!text) return unexpected(text.error());
      node.append_child("literalExpression").append_child("text").text() = text->c_str();
      return {};
    }
    return write_table(node.append_child("decisionTable"), std::get<internal::Table>(d.body), d, where);
  }

  expected<void> write_table(pugi::xml_node table, const internal::Table& t, const internal::Decision& d,
                             const std::string& where) {
    table.append_attribute("hitPolicy") = hit_policy(t.policy);
    if (t.aggregation != internal::Aggregation::none) table.append_attribute("aggregation") = aggregation(t.aggregation);
    for (const auto& column : t.inputs) {
      auto text = feel(column.input.text(), where);
      if (!text) return unexpected(text.error());
      table.append_child("input").append_child("inputExpression").append_child("text").text() = text->c_str();
    }
    const std::string decision = dmn_name(d.name);
    for (const auto& out : t.outputs) {
      pugi::xml_node o = table.append_child("output");
      if (t.outputs.size() > 1) {
        const std::string full = dmn_name(out.name);  // "Decision.Output" when imported
        o.append_attribute("name") = (full.starts_with(decision + ".") ? full.substr(decision.size() + 1) : full).c_str();
      }
      if (!out.priority.empty()) {
        std::string values;
        for (const auto& v : out.priority) values += (values.empty() ? "" : ",") + literal(v);
        o.append_child("outputValues").append_child("text").text() = values.c_str();
      }
      if (out.default_value) {
        auto text = feel(out.default_value->text(), where);
        if (!text) return unexpected(text.error());
        o.append_child("defaultOutputEntry").append_child("text").text() = text->c_str();
      }
    }
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const auto& row = t.rows[r];
      pugi::xml_node rule = table.append_child("rule");
      if (!row.id.empty()) rule.append_attribute("id") = row.id.c_str();
      for (const auto& cell : row.when) {
        auto text = internal::dmn::to_feel_unary_tests(cell.text(), names_);
        if (!text) return at(where + ", row " + std::to_string(r), text.error());
        rule.append_child("inputEntry").append_child("text").text() = text->c_str();
      }
      for (const auto& e : row.then) {
        auto text = feel(e.text(), where + ", row " + std::to_string(r));
        if (!text) return unexpected(text.error());
        rule.append_child("outputEntry").append_child("text").text() = text->c_str();
      }
    }
    return {};
  }

  const RuleSet& rules_;
  const internal::CompiledRuleSet& c_;
  DmnNames names_;
  std::map<std::string, std::string> entry_of_;  // a context entry -> its decision's DMN name
  std::map<std::string, std::string> leaf_of_;   // a structure's leaf -> the structure's DMN name
  pugi::xml_document doc_;
};

}  // namespace

expected<std::string> to_dmn(const RuleSet& rules) { return Exporter(rules).run(); }

}  // namespace crm::dmn
