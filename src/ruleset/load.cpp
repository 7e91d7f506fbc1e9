// Loading a rule set: the document's frame, names and slots, dependency order, errors
// with their places.
#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_set>

#include "src/core/utf8.hpp"
#include "src/json/parse.hpp"
#include "src/ruleset/compiled.hpp"
#include "src/ruleset/loader.hpp"
#include "src/ruleset/order.hpp"
#include "src/ruleset/section.hpp"

namespace crm::internal {
namespace {

constexpr std::int64_t format_version = 1;

/// Adds line and column to an error that names a JSON pointer.
Error placed(std::string_view text, Error e) {
  if (!e.where.pointer.empty() && e.where.line == 0) {
    const Location at = locate(text, e.where.pointer);
    e.where.line = at.line;
    e.where.column = at.column;
  }
  return e;
}

/// Records an error the loader recovers from: the document is refused all the same, but
/// the checks go on so that lint lists every finding.
void report(std::vector<Diagnostic>& diagnostics, Error e) {
  diagnostics.push_back(Diagnostic{Diagnostic::Severity::error, std::move(e)});
}

/// The slots each decision reads that other decisions write, as decision indices.
std::vector<std::vector<std::size_t>> dependencies(const std::vector<Decision>& decisions,
                                                   const std::vector<std::size_t>& producer_of_slot,
                                                   std::size_t inputs);

}  // namespace

Type scope_type(FieldType type) noexcept {
  switch (type) {
    case FieldType::decimal:
    case FieldType::integer: return Type::decimal;
    case FieldType::boolean: return Type::boolean;
    case FieldType::date: return Type::date;
    case FieldType::list: return Type::list;
    case FieldType::time: return Type::time;
    case FieldType::date_time: return Type::date_time;
    case FieldType::days_duration: return Type::days_duration;
    case FieldType::months_duration: return Type::months_duration;
    case FieldType::string:
    case FieldType::enumeration:
    case FieldType::grade: return Type::string;
  }
  return Type::any;
}

unexpected LoadContext::at_string(const JsonReader& at, const Error& e, std::string_view what) const {
  Location where = locate(text, at.pointer());
  if (e.where.offset >= 0) {
    // The string's opening quote, then the code points before the offset.
    std::size_t shift = 1;
    if (auto s = at.string(); s) shift += count_code_points(s->substr(0, static_cast<std::size_t>(e.where.offset)));
    where.column += static_cast<std::uint32_t>(shift);
    where.offset = e.where.offset;
  }
  return unexpected(Error{e.code, std::string(what) + ": " + e.message, std::move(where)});
}

expected<Expression> LoadContext::expression(const JsonReader& at, std::string_view what) const {
  std::string source;
  if (at.exists() && !at.raw()->is_string()) {
    // A JSON number, boolean or null is a constant expression.
    auto v = value_from_json(*at.raw(), at);
    if (!v) return unexpected(v.error());
    source = v->kind() == ValueKind::decimal || v->kind() == ValueKind::boolean || v->is_null() ? v->to_string() : "";
    if (source.empty()) return at.error(ErrorCode::type_mismatch, std::string("expected ") + std::string(what));
  } else {
    auto s = at.string();
    if (!s) return unexpected(s.error());
    source = *s;
  }
  if (auto hit = expression_cache.find(source); hit != expression_cache.end()) return hit->second;
  auto e = Expression::compile(source, scope);
  if (!e) return at_string(at, e.error(), what);
  expression_cache.emplace(std::move(source), *e);
  return e;
}

expected<UnaryTest> LoadContext::cell(const JsonReader& at, Type input_type, std::string_view what) const {
  std::string source;
  if (at.exists() && at.raw()->is_number()) {
    auto v = value_from_json(*at.raw(), at);
    if (!v) return unexpected(v.error());
    source = v->to_string();
  } else {
    auto s = at.string();
    if (!s) return unexpected(s.error());
    source = *s;
  }
  source += '\0';
  source += static_cast<char>('0' + static_cast<int>(input_type));
  if (auto hit = cell_cache.find(source); hit != cell_cache.end()) return hit->second;
  auto t = UnaryTest::compile(std::string_view(source).substr(0, source.size() - 2), scope, input_type);
  if (!t) return at_string(at, t.error(), what);
  cell_cache.emplace(std::move(source), *t);
  return t;
}

namespace {

std::vector<std::vector<std::size_t>> dependencies(const std::vector<Decision>& decisions,
                                                   const std::vector<std::size_t>& producer_of_slot,
                                                   std::size_t inputs) {
  std::vector<std::vector<std::size_t>> deps(decisions.size());
  auto add = [&](std::size_t d, std::span<const std::uint32_t> slots) {
    for (std::uint32_t s : slots)
      if (s >= inputs) deps[d].push_back(producer_of_slot[s - inputs]);
  };
  for (std::size_t d = 0; d < decisions.size(); ++d) {
    const auto& body = decisions[d].body;
    if (const auto* e = std::get_if<ExpressionDecision>(&body)) {
      add(d, e->expression.slots_used());
    } else if (const auto* t = std::get_if<Table>(&body)) {
      for (const auto& c : t->inputs) add(d, c.input.slots_used());
      for (const auto& r : t->rows) {
        for (const auto& cell : r.when) add(d, cell.slots_used());
        for (const auto& out : r.then) add(d, out.slots_used());
      }
    } else if (const auto* s = std::get_if<Scorecard>(&body)) {
      for (const auto& f : s->factors) {
        add(d, f.expression.slots_used());
        for (const auto& b : f.transform.bins) add(d, b.when.slots_used());
      }
    }
    std::sort(deps[d].begin(), deps[d].end());
    deps[d].erase(std::unique(deps[d].begin(), deps[d].end()), deps[d].end());
  }
  return deps;
}

/// The document's own keys: known keys only, the format, name, version and description.
/// Only an unsupported format stops the checks; the other mistakes are reported.
[[nodiscard]] expected<void> load_header(const JsonReader& root, std::vector<Diagnostic>& diagnostics,
                                         CompiledRuleSet& rules) {
  std::vector<std::string_view> keys = {"crmrules", "name",      "version", "description",
                                        "inputs",   "decisions", "tests",   "unknown_inputs"};
  for (const SectionLoader& section : section_loaders()) keys.push_back(section.key);
  if (auto object = root.object(); !object) return unexpected(object.error());
  auto format = root["crmrules"].integer();
  if (!format) return unexpected(format.error());
  if (*format != format_version)
    return root["crmrules"].error(ErrorCode::version_mismatch, "rule-set format " + std::to_string(*format) +
                                                                   " is not supported (this library reads format 1)");
  if (auto known = root.only_keys(keys); !known) report(diagnostics, known.error());
  for (auto [member, into] : {std::pair{"name", &rules.name}, std::pair{"version", &rules.version}}) {
    if (auto given = root[member].string(); given)
      *into = *given;
    else
      report(diagnostics, given.error());
  }
  if (root["description"].exists())
    if (auto d = root["description"].string(); !d) report(diagnostics, d.error());
  if (root["unknown_inputs"].exists()) {
    auto policy = root["unknown_inputs"].string();
    if (policy && (*policy == "error" || *policy == "ignore"))
      rules.unknown_inputs = *policy == "ignore" ? UnknownInputs::ignore : UnknownInputs::error;
    else
      report(diagnostics,
             policy ? root["unknown_inputs"]
                          .error(ErrorCode::invalid_rule,
                                 "unknown_inputs is \"error\" or \"ignore\", not \"" + std::string(*policy) + "\"")
                          .error()
                    : policy.error());
  }
  return {};
}

/// The inputs, and those evaluate() must look at when they are not given.
[[nodiscard]] expected<void> load_inputs(const JsonReader& inputs, CompiledRuleSet& rules) {
  if (auto fields = inputs.object(); fields && (*fields)->size() > rules.limits.inputs)
    return inputs.error(ErrorCode::out_of_range, "the rule set has " + std::to_string((*fields)->size()) +
                                                     " inputs, more than the limit of " +
                                                     std::to_string(rules.limits.inputs) + " (crm::Limits::inputs)");
  auto schema = load_schema(inputs);
  if (!schema) return unexpected(schema.error());
  rules.schema = std::move(*schema);
  for (std::size_t i = 0; i < rules.schema.size(); ++i)
    if (rules.schema.fields()[i].required || !rules.schema.fields()[i].default_value.is_null())
      rules.checked_inputs.push_back(static_cast<std::uint32_t>(i));
  return {};
}

/// One decision's outputs, each with its slot, checked against the names taken so far.
[[nodiscard]] expected<void> declare_decision_outputs(const JsonReader& dr, std::size_t d,
                                                      std::map<std::string, std::string, std::less<>>& owner,
                                                      std::vector<std::size_t>& producer_of_slot,
                                                      CompiledRuleSet& rules) {
  auto decision_name = dr["name"].string();
  if (!decision_name) return unexpected(decision_name.error());
  auto names = declared_outputs(dr);
  if (!names) return unexpected(names.error());
  for (auto& n : *names) {
    if (auto valid = check_name(n, dr["name"]); !valid) return unexpected(valid.error());
    if (auto it = owner.find(n); it != owner.end())
      return dr.error(ErrorCode::invalid_rule,
                      "output '" + n + "' of decision '" + std::string(*decision_name) + "' is already the name of " +
                          (it->second == "input" ? "an input" : "an output of decision '" + it->second + "'"));
    owner[n] = std::string(*decision_name);
    rules.outputs.push_back(OutputInfo{n, std::string(*decision_name)});
    producer_of_slot.push_back(d);
  }
  return {};
}

/// The outputs every decision declares, each with its slot, before any expression compiles
/// (so that any decision may read any other's output); for each output slot, its decision.
/// A decision whose outputs cannot be declared is reported and left out (`declared`).
std::vector<std::size_t> declare_outputs(const JsonReader& decisions, std::size_t count,
                                         std::vector<Diagnostic>& diagnostics, std::vector<bool>& declared,
                                         CompiledRuleSet& rules) {
  std::map<std::string, std::string, std::less<>> owner;  // name -> who declared it
  for (const auto& f : rules.schema.fields()) owner[f.name] = "input";
  std::vector<std::size_t> producer_of_slot;
  declared.assign(count, true);
  for (std::size_t d = 0; d < count; ++d) {
    if (auto ok = declare_decision_outputs(decisions.at(d), d, owner, producer_of_slot, rules); !ok) {
      report(diagnostics, ok.error());
      declared[d] = false;
    }
  }
  return producer_of_slot;
}

/// Compiles every declared decision against one scope of the inputs and outputs, then
/// puts them in dependency order. A decision that does not compile is reported and the
/// next one checked; the order is only worked out when every decision compiled.
[[nodiscard]] expected<void> compile_decisions(const JsonReader& decisions, const std::vector<bool>& declared,
                                               const std::vector<std::size_t>& producer_of_slot, std::string_view json,
                                               std::vector<Diagnostic>& diagnostics, CompiledRuleSet& rules) {
  LoadContext context{json, &rules.schema, Scope{}, &diagnostics, &rules.limits};
  for (const auto& f : rules.schema.fields())
    if (auto slot = context.scope.add(f.name, scope_type(f.type)); !slot) return unexpected(slot.error());
  for (const auto& o : rules.outputs)
    if (auto slot = context.scope.add(o.name, Type::any); !slot) return unexpected(slot.error());

  const std::size_t inputs = rules.schema.size();
  std::vector<Decision> compiled;
  compiled.reserve(declared.size());
  std::unordered_set<std::string> names;
  bool complete = std::ranges::all_of(declared, [](bool b) { return b; });
  for (std::size_t d = 0; d < declared.size(); ++d) {
    if (!declared[d]) continue;
    auto decision = load_decision(decisions.at(d), context);
    if (!decision) {
      report(diagnostics, decision.error());
      complete = false;
    } else if (!names.insert(decision->name).second) {
      report(diagnostics, decisions.at(d)["name"]
                              .error(ErrorCode::invalid_rule, "decision '" + decision->name + "' is defined twice")
                              .error());
      complete = false;
    } else {
      compiled.push_back(std::move(*decision));
    }
  }
  if (!complete) return {};
  auto order = dependency_order(dependencies(compiled, producer_of_slot, inputs),
                                [&](std::size_t d) -> const std::string& { return compiled[d].name; });
  if (!order) {
    report(diagnostics, decisions.error(order.error().code, order.error().message).error());
    return {};
  }
  for (std::size_t d : *order) rules.decisions.push_back(std::move(compiled[d]));
  infer_output_kinds(rules);
  return {};
}

/// The models' sections (src/sections.cpp), each by the loader registered for its key.
[[nodiscard]] expected<void> load_sections(const JsonReader& root, std::string_view json, std::vector<Diagnostic>& diagnostics,
                             CompiledRuleSet& rules) {
  for (const SectionLoader& section : section_loaders()) {
    const JsonReader at = root[section.key];
    if (!at.exists()) continue;
    auto value = section.load(SectionSource{at, json, rules.name, rules.version, diagnostics, rules.limits,
                                            rules.nested, rules.schema, rules.outputs});
    if (!value) {
      report(diagnostics, value.error());
      continue;
    }
    rules.sections.emplace_back(section.key, std::move(*value));
  }
  return {};
}

/// What every rule set holds, the document's or a section's nested one: inputs,
/// decisions in dependency order, tests.
[[nodiscard]] expected<void> compile_body(const JsonReader& root, std::string_view json,
                                          std::vector<Diagnostic>& diagnostics, CompiledRuleSet& rules) {
  if (auto ok = load_inputs(root["inputs"], rules); !ok) return unexpected(ok.error());
  const JsonReader decisions = root["decisions"];
  auto list = decisions.array();
  if (!list) return unexpected(list.error());
  if ((*list)->size() > rules.limits.decisions)
    return decisions.error(ErrorCode::out_of_range, "the rule set has " + std::to_string((*list)->size()) +
                                                        " decisions, more than the limit of " +
                                                        std::to_string(rules.limits.decisions) +
                                                        " (crm::Limits::decisions)");
  std::vector<bool> declared;
  const auto producer_of_slot = declare_outputs(decisions, (*list)->size(), diagnostics, declared, rules);
  if (auto ok = compile_decisions(decisions, declared, producer_of_slot, json, diagnostics, rules); !ok)
    return unexpected(ok.error());
  if (root["tests"].exists()) {
    auto tests = load_tests(root["tests"], rules, diagnostics);
    if (!tests) return unexpected(tests.error());
    rules.tests = std::move(*tests);
  }
  return {};
}

[[nodiscard]] expected<std::shared_ptr<CompiledRuleSet>> compile_document(std::string_view json,
                                                                         std::vector<Diagnostic>& diagnostics,
                                                                         const Limits& limits) {
  auto doc = parse_json(json, JsonLimits{limits.document_bytes, limits.string_bytes});
  if (!doc) return unexpected(doc.error());
  const JsonReader root(&*doc, "");
  auto rules = std::make_shared<CompiledRuleSet>();
  rules->limits = limits;
  if (auto ok = load_header(root, diagnostics, *rules); !ok) return unexpected(ok.error());
  if (auto ok = compile_body(root, json, diagnostics, *rules); !ok) return unexpected(ok.error());
  if (auto ok = load_sections(root, json, diagnostics, *rules); !ok) return unexpected(ok.error());
  return rules;
}

}  // namespace

expected<RuleSet> load_nested_rule_set(const SectionSource& source, const JsonReader& at, std::string_view key) {
  auto rules = std::make_shared<CompiledRuleSet>();
  rules->limits = source.limits;
  if (auto known = at.only_keys({"name", "version", "description", "inputs", "decisions", "tests"}); !known)
    return unexpected(known.error());
  for (auto [member, into, otherwise] :
       {std::tuple{"name", &rules->name, source.rule_set_name + "/" + std::string(key)},
        std::tuple{"version", &rules->version, source.rule_set_version}}) {
    *into = std::move(otherwise);
    if (!at[member].exists()) continue;
    auto given = at[member].string();
    if (!given) return unexpected(given.error());
    if (given->empty())
      return at[member].error(ErrorCode::missing, std::string("a nested rule set's ") + member + " may not be empty");
    *into = *given;
  }
  if (at["description"].exists())
    if (auto d = at["description"].string(); !d) return unexpected(d.error());
  const auto before = static_cast<std::ptrdiff_t>(source.diagnostics.size());
  if (auto ok = compile_body(at, source.text, source.diagnostics, *rules); !ok) return unexpected(ok.error());
  // The section sees the first error it recovered from (the rest stay findings).
  auto first_error = std::find_if(source.diagnostics.begin() + before, source.diagnostics.end(),
                                  [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::error; });
  if (first_error != source.diagnostics.end()) {
    Error e = std::move(first_error->error);
    source.diagnostics.erase(first_error);
    return unexpected(std::move(e));
  }
  RuleSet nested = RuleSetAccess::make(std::move(rules));
  source.nested.emplace_back(std::string(key), nested);
  return nested;
}

expected<std::shared_ptr<const CompiledRuleSet>> compile_rule_set(std::string_view json,
                                                                  std::vector<Diagnostic>& diagnostics,
                                                                  const Limits& limits) {
  auto rules = compile_document(json, diagnostics, limits);
  if (!rules) diagnostics.push_back(Diagnostic{Diagnostic::Severity::error, std::move(rules).error()});
  for (auto& d : diagnostics) d.error = placed(json, std::move(d.error));
  // In the document's order (findings without a place, about the whole document, first).
  std::ranges::stable_sort(diagnostics, {}, [](const Diagnostic& d) {
    return std::pair{d.error.where.line, d.error.where.column};
  });
  const auto errors =
      std::ranges::count_if(diagnostics, [](const Diagnostic& x) { return x.severity == Diagnostic::Severity::error; });
  if (errors > 0) {
    Error first = std::ranges::find_if(diagnostics, [](const Diagnostic& x) {
                    return x.severity == Diagnostic::Severity::error;
                  })->error;
    if (errors > 1) first.message += " (and " + std::to_string(errors - 1) + " more: run crmrules lint)";
    return unexpected(std::move(first));
  }
  (*rules)->warnings = diagnostics;
  return std::shared_ptr<const CompiledRuleSet>(std::move(*rules));
}

}  // namespace crm::internal
