// Writing an imported DMN model as a rule-set document: identifiers for DMN's names, the
// inputs' types, each decision table or literal expression with its FEEL translated.
#include "src/dmn/write_rule_set.hpp"

#include <set>

#include "src/dmn/feel.hpp"
#include "src/dmn/structures.hpp"
#include "src/json/parse.hpp"
#include "src/json/writer.hpp"

namespace crm::internal::dmn {
namespace {

/// An identifier for a DMN name: letters, digits and '_' (others become '_'), unique.
class Identifiers {
 public:
  std::string make(std::string_view dmn) {
    std::string id;
    for (char c : dmn) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      if (ok) id += c;
      else if (id.empty() || id.back() != '_') id += '_';
    }
    while (!id.empty() && id.back() == '_' && id.size() > 1) id.pop_back();
    if (id.empty() || id == "_" || (id[0] >= '0' && id[0] <= '9')) id = "n_" + id;
    for (std::string_view k : {"and", "or", "not", "in", "true", "false", "null"})
      if (id == k) id += '_';
    std::string unique = id;
    for (int n = 2; !used_.insert(unique).second; ++n) unique = id + "_" + std::to_string(n);
    return unique;
  }

 private:
  std::set<std::string> used_;
};

/// A FEEL list of literals ("A", "B", 1, true) as JSON values; nothing when it is another test.
std::optional<std::vector<std::string>> literal_list(std::string_view feel) {
  std::vector<std::string> out;
  std::size_t i = 0;
  auto skip = [&] {
    while (i < feel.size() && (feel[i] == ' ' || feel[i] == '\n' || feel[i] == '\t' || feel[i] == '\r')) ++i;
  };
  while (true) {
    skip();
    if (i >= feel.size()) return out;
    const std::size_t start = i;
    if (feel[i] == '"') {
      for (++i; i < feel.size() && feel[i] != '"'; ++i)
        if (feel[i] == '\\') ++i;
      if (i >= feel.size()) return std::nullopt;
      ++i;
    } else {
      while (i < feel.size() && feel[i] != ',' && feel[i] != ' ') ++i;
      const std::string_view word = feel.substr(start, i - start);
      const bool number = !word.empty() && word.find_first_not_of("-0123456789.") == std::string_view::npos;
      if (!number && word != "true" && word != "false") return std::nullopt;
    }
    out.emplace_back(feel.substr(start, i - start));
    skip();
    if (i < feel.size() && feel[i] != ',') return std::nullopt;
    ++i;
  }
}

/// A FEEL range of two numbers with closed ends, [0..255], as its bounds.
std::optional<std::pair<std::string, std::string>> closed_range(std::string_view feel) {
  const auto first = feel.find_first_not_of(" \t\r\n"), last = feel.find_last_not_of(" \t\r\n");
  if (first == std::string_view::npos || feel[first] != '[' || feel[last] != ']') return std::nullopt;
  const std::string_view inner = feel.substr(first + 1, last - first - 1);
  const auto dots = inner.find("..");
  if (dots == std::string_view::npos) return std::nullopt;
  auto number = [](std::string_view s) -> std::optional<std::string> {
    const auto a = s.find_first_not_of(' '), b = s.find_last_not_of(' ');
    if (a == std::string_view::npos) return std::nullopt;
    s = s.substr(a, b - a + 1);
    const bool ok = s.find_first_not_of("-0123456789.") == std::string_view::npos && s.find_first_of("0123456789") != std::string_view::npos;
    return ok ? std::optional<std::string>(s) : std::nullopt;
  };
  auto low = number(inner.substr(0, dots)), high = number(inner.substr(dots + 2));
  if (!low || !high) return std::nullopt;
  return std::pair{*low, *high};
}

class RuleSetWriter {
 public:
  RuleSetWriter(const Model& m, std::string_view xml) : m_(m), xml_(xml) {}

  expected<Written> run() {
    if (auto ok = name_everything(); !ok) return unexpected(ok.error());
    JsonObject doc(w_.json, JsonLayout::lines);
    doc.number("crmrules", std::int64_t{1}).string("name", m_.name.empty() ? "dmn" : m_.name).string("version", "1");
    doc.string("description", "Imported from the DMN " + m_.version + " model '" + m_.name + "' (" + m_.ns + ")");
    doc.key("inputs");
    if (auto ok = write_inputs(); !ok) return unexpected(ok.error());
    doc.key("decisions");
    if (auto ok = write_decisions(); !ok) return unexpected(ok.error());
    doc.key(section_key);
    write_section();
    doc.close();
    return std::move(w_);
  }

 private:
  unexpected fail(const Where& at, ErrorCode code, const std::string& message) const {
    return unexpected(error_at(xml_, at, code, message));
  }

  void name(std::string dmn, std::string crm, std::string kind, std::string parent = {}) {
    if (kind != "context_entry") feel_names_.add(dmn, crm);  // an entry is seen by name only in its context
    w_.names.push_back(crm::dmn::Name{std::move(dmn), std::move(crm), std::move(kind), std::move(parent)});
  }

  const ItemDefinition* item(std::string_view type_ref) const {
    for (const auto& i : m_.items)
      if (i.name == type_ref) return &i;
    return nullptr;
  }

  /// crmrules' field type for a DMN type: number, string, boolean, date, time, date and
  /// time, the two durations (FEEL's names or XML Schema's), or an item definition that
  /// is one of these.
  expected<std::string> field_type(std::string type_ref, const Where& at, int depth = 0) const {
    if (const auto colon = type_ref.find(':'); colon != std::string::npos) type_ref = type_ref.substr(colon + 1);
    if (type_ref == "number") return std::string("decimal");
    if (type_ref == "string") return std::string("string");
    if (type_ref == "boolean") return std::string("bool");
    if (type_ref == "date") return std::string("date");
    if (type_ref == "time") return std::string("time");
    if (type_ref == "dateTime" || type_ref == "date and time") return std::string("date_time");
    if (type_ref == "dayTimeDuration" || type_ref == "days and time duration") return std::string("days_duration");
    if (type_ref == "yearMonthDuration" || type_ref == "years and months duration") return std::string("months_duration");
    if (const ItemDefinition* i = item(type_ref); i != nullptr && depth < 8) {
      if (!i->components.empty())
        return fail(at, ErrorCode::invalid_rule, "type '" + i->name + (i->collection ? "' is a list of structures: not supported" : "' is a structure here"));
      if (i->collection) return list_type(*i, depth);
      return field_type(i->type_ref, i->at, depth + 1);
    }
    if (type_ref.empty()) return fail(at, ErrorCode::invalid_rule, "no type (typeRef) given");
    return fail(at, ErrorCode::invalid_rule, "the type '" + type_ref + "' is not supported (number, string, boolean, date, time, date and time "
                                                     "and the two durations are)");
  }

  /// A collection of a simple type: "list <element type>" (write_field writes "of").
  expected<std::string> list_type(const ItemDefinition& i, int depth) const {
    auto element = field_type(i.type_ref, i.at, depth + 1);
    if (!element) return element;
    if (element->starts_with("list"))
      return fail(i.at, ErrorCode::invalid_rule, "type '" + i.name + "' is a list of lists: not supported");
    return "list " + *element;
  }

  expected<void> name_everything() {
    for (const auto& in : m_.inputs) {
      const ItemDefinition* i = item(in.type_ref);
      if (i != nullptr && !i->components.empty()) {
        auto parts = leaves(m_, i->components, xml_);
        if (!parts) return unexpected(parts.error());
        const std::string base = ids_.make(in.name);
        for (const auto& c : *parts) name(in.name + "." + c.path, ids_.make(base + "_" + c.path), "input_component", in.name);
      } else {
        name(in.name, ids_.make(in.name), "input");
      }
    }
    for (const auto& d : m_.decisions) {
      const std::string id = ids_.make(d.name);
      name(d.name, id, kind_of(d), d.output_of.empty() ? d.entry_of : d.output_of);
      if (d.table && d.table->outputs.size() > 1)
        for (const auto& o : d.table->outputs) name(d.name + "." + o.name, ids_.make(id + "_" + o.name), "output", d.name);
    }
    return {};
  }

  /// A structure's leaf is an output of it; an entry of a context, a context_entry.
  static std::string kind_of(const Decision& d) {
    return !d.output_of.empty() ? "output" : d.entry_of.empty() ? "decision" : "context_entry";
  }

  const std::string& crm_name(std::string_view dmn, std::string_view kind) const {
    for (const auto& n : w_.names)
      if (n.dmn == dmn && n.kind == kind) return n.crm;
    static const std::string none;
    return none;
  }

  expected<void> write_field(JsonObject& fields, const std::string& id, const std::string& dmn, const std::string& type_ref,
                             const std::string& allowed, const Where& at) {
    auto type = field_type(type_ref, at);
    if (!type) return unexpected(type.error());
    w_.origins.emplace_back("/inputs/" + pointer_token(id), at);
    fields.key(id);
    JsonObject f(w_.json);
    if (type->starts_with("list ")) {
      if (auto ok = write_list_field(f, *type, allowed, at); !ok) return ok;
    } else if (!allowed.empty() && *type == "string") {
      auto values = literal_list(allowed);
      if (!values) return fail(at, ErrorCode::invalid_rule, "allowed values '" + allowed + "' are not a list of strings");
      f.string("type", "enum").key("values");
      JsonArray list(w_.json);
      for (const auto& v : *values) list.item() += v;
    } else {
      f.string("type", *type);
      if (!allowed.empty()) {
        const auto bounds = *type == "decimal" ? closed_range(allowed) : std::nullopt;
        if (!bounds)
          return fail(at, ErrorCode::invalid_rule, "allowed values of a " + *type + " ('" + allowed +
                                                       "') are not supported (of a number, a range [low..high] is)");
        f.raw("min", bounds->first).raw("max", bounds->second);
      }
    }
    f.string("description", "DMN input '" + dmn + "'");
    return {};
  }

  /// A list field: "type": "list", "of": its element type.
  expected<void> write_list_field(JsonObject& f, const std::string& type, const std::string& allowed, const Where& at) {
    if (!allowed.empty()) return fail(at, ErrorCode::invalid_rule, "allowed values of a list ('" + allowed + "') are not supported");
    f.string("type", "list").string("of", type.substr(5));
    return {};
  }

  expected<void> write_inputs() {
    JsonObject fields(w_.json, JsonLayout::lines);
    for (const auto& in : m_.inputs) {
      const ItemDefinition* i = item(in.type_ref);
      if (i != nullptr && !i->components.empty()) {
        auto parts = leaves(m_, i->components, xml_);
        if (!parts) return unexpected(parts.error());
        for (const auto& c : *parts)
          if (auto ok = write_field(fields, crm_name(in.name + "." + c.path, "input_component"), in.name + "." + c.path,
                                    c.type_ref, "", in.at);
              !ok)
            return ok;
        continue;
      }
      const std::string allowed = input_values(in.name, i != nullptr ? i->allowed : std::string());
      if (auto ok = write_field(fields, crm_name(in.name, "input"), in.name, in.type_ref, allowed, in.at); !ok) return ok;
    }
    return {};
  }

  /// The values an input may take: its item definition's allowed values, else the
  /// inputValues of the first table column that reads the input itself, checked when the
  /// input is set (an enum's values, a number's range). The inputValues of a column over
  /// another expression (a decision's result, a parameter, a component) are not checked
  /// (docs/dmn.md).
  std::string input_values(const std::string& input, const std::string& allowed) const {
    if (!allowed.empty()) return allowed;
    for (const Decision& d : m_.decisions) {
      if (!d.table) continue;
      for (const Column& c : d.table->columns)
        if (!c.values.feel.empty() && trimmed(c.expression.feel) == input) return trimmed(c.values.feel);
    }
    return {};
  }

  expected<std::string> expression(const Feel& f) const {
    auto e = feel_expression(f.feel, *scope_);
    if (!e) return fail(f.at, e.error().code, e.error().message);
    return e;
  }

  expected<std::string> unary_tests(const Feel& f) const {
    auto e = feel_unary_tests(f.feel, *scope_);
    if (!e) return fail(f.at, e.error().code, e.error().message);
    return e;
  }

  expected<void> write_decisions() {
    JsonArray list(w_.json, JsonLayout::lines);
    for (std::size_t k = 0; k < m_.decisions.size(); ++k) {
      const Decision& d = m_.decisions[k];
      const std::string pointer = "/decisions/" + std::to_string(k);
      w_.origins.emplace_back(pointer, d.at);
      Names scope = d.sees_model ? feel_names_ : Names();  // and the names of the context entries it sees
      for (const auto& [entry, decision] : d.locals)
        scope.bind(entry, crm_name(decision, crm_name(decision, "context_entry").empty() ? "output" : "context_entry"));
      scope_ = &scope;
      JsonObject o(list.item());
      o.string("name", crm_name(d.name, kind_of(d)));
      o.string("description", d.description.empty() ? "DMN decision '" + d.name + "'" : d.description);
      if (d.literal) {
        auto e = expression(*d.literal);
        if (!e) return unexpected(e.error());
        w_.origins.emplace_back(pointer + "/expression", d.literal->at);
        o.string("expression", *e);
        continue;
      }
      o.key("table");
      if (auto ok = write_table(d, pointer + "/table"); !ok) return ok;
    }
    scope_ = &feel_names_;
    return {};
  }

  expected<std::string> hit_policy(const Table& t) const {
    std::string policy = t.hit_policy;
    for (auto& c : policy)
      if (c == '_') c = ' ';
    if (!t.aggregation.empty()) {
      if (policy != "COLLECT") return fail(t.at, ErrorCode::invalid_rule, "an aggregation needs the COLLECT hit policy");
      policy += " " + t.aggregation;
    }
    return policy;
  }

  expected<void> write_table(const Decision& d, const std::string& pointer) {
    const Table& t = *d.table;
    w_.origins.emplace_back(pointer, t.at);
    auto policy = hit_policy(t);
    if (!policy) return unexpected(policy.error());
    JsonObject table(w_.json);
    table.string("hit_policy", *policy);
    table.key("inputs");
    {
      JsonArray inputs(w_.json);
      for (std::size_t c = 0; c < t.columns.size(); ++c) {
        auto e = expression(t.columns[c].expression);
        if (!e) return unexpected(e.error());
        w_.origins.emplace_back(pointer + "/inputs/" + std::to_string(c), t.columns[c].expression.at);
        write_json_string(inputs.item(), *e);
      }
    }
    table.key("outputs");
    if (auto ok = write_outputs(d, pointer + "/outputs"); !ok) return ok;
    table.key("rows");
    return write_rows(t, pointer + "/rows");
  }

  expected<void> write_outputs(const Decision& d, const std::string& pointer) {
    const Table& t = *d.table;
    JsonArray outputs(w_.json);
    for (std::size_t o = 0; o < t.outputs.size(); ++o) {
      const Output& out = t.outputs[o];
      w_.origins.emplace_back(pointer + "/" + std::to_string(o), out.at);
      JsonObject x(outputs.item());
      x.string("name", t.outputs.size() == 1 ? crm_name(d.name, kind_of(d)) : crm_name(d.name + "." + out.name, "output"));
      if (!out.values.feel.empty()) {
        auto values = literal_list(out.values.feel);
        if (!values) return fail(out.values.at, ErrorCode::invalid_rule, "output values '" + out.values.feel + "' are not a list of literals");
        x.key("values");
        JsonArray list(w_.json);
        for (const auto& v : *values) list.item() += v;  // FEEL's literals are JSON's here
      }
      if (!out.default_entry.feel.empty()) {
        auto e = expression(out.default_entry);
        if (!e) return unexpected(e.error());
        x.string("default", *e);
      }
    }
    return {};
  }

  expected<void> write_rows(const Table& t, const std::string& pointer) {
    JsonArray rows(w_.json, JsonLayout::lines);
    for (std::size_t r = 0; r < t.rules.size(); ++r) {
      const Rule& rule = t.rules[r];
      const std::string at = pointer + "/" + std::to_string(r);
      w_.origins.emplace_back(at, rule.at);
      if (rule.inputs.size() != t.columns.size() || rule.outputs.size() != t.outputs.size())
        return fail(rule.at, ErrorCode::invalid_rule,
                    "the rule has " + std::to_string(rule.inputs.size()) + " input and " + std::to_string(rule.outputs.size()) +
                        " output entries; the table has " + std::to_string(t.columns.size()) + " inputs and " +
                        std::to_string(t.outputs.size()) + " outputs");
      JsonObject row(rows.item());
      if (!rule.id.empty()) row.string("id", rule.id);
      if (!rule.description.empty()) row.string("description", rule.description);
      row.key("when");
      {
        JsonArray when(w_.json);
        for (std::size_t c = 0; c < rule.inputs.size(); ++c) {
          auto cell = unary_tests(rule.inputs[c]);
          if (!cell) return unexpected(cell.error());
          w_.origins.emplace_back(at + "/when/" + std::to_string(c), rule.inputs[c].at);
          write_json_string(when.item(), *cell);
        }
      }
      row.key("then");
      JsonArray then(w_.json);
      for (std::size_t o = 0; o < rule.outputs.size(); ++o) {
        auto e = expression(rule.outputs[o]);
        if (!e) return unexpected(e.error());
        w_.origins.emplace_back(at + "/then/" + std::to_string(o), rule.outputs[o].at);
        write_json_string(then.item(), *e);
      }
    }
    return {};
  }

  void write_section() {
    JsonObject s(w_.json);
    s.string("version", m_.version).string("namespace", m_.ns).key("names");
    JsonArray names(w_.json, JsonLayout::lines);
    for (const auto& n : w_.names) {
      JsonObject x(names.item());
      x.string("dmn", n.dmn).string("crm", n.crm).string("kind", n.kind);
      if (!n.parent.empty()) x.string("parent", n.parent);
    }
  }

  const Model& m_;
  std::string_view xml_;
  Identifiers ids_;
  Names feel_names_;
  const Names* scope_ = &feel_names_;  // the names the FEEL being written sees
  Written w_;
};

}  // namespace

expected<Written> write_rule_set(const Model& m, std::string_view xml) { return RuleSetWriter(m, xml).run(); }

}  // namespace crm::internal::dmn
