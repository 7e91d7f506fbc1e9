// Loading the decisions of a rule set: expressions, decision tables, scorecards.
#include <algorithm>

#include "src/core/decimal_raw.hpp"
#include "src/expression/decimal_math.hpp"
#include "src/ruleset/compiled.hpp"
#include "src/ruleset/loader.hpp"
#include "src/ruleset/table_checks.hpp"

namespace crm::internal {
namespace {

/// An output's frame slot: the scope holds every output, declared before any decision
/// compiles (declared_outputs()).
std::uint32_t slot_of(const LoadContext& ctx, std::string_view name) {
  const Scope::Field* field = ctx.scope.find(name);
  return field != nullptr ? field->slot : 0;  // 0 is unreachable: every output is in the scope
}

/// The name of an output entry: "x" or {"name": "x", ...}.
[[nodiscard]] expected<std::string> output_name(const JsonReader& r) {
  if (r.exists() && r.raw()->is_object()) {
    auto n = r["name"].string();
    if (!n) return unexpected(n.error());
    return std::string(*n);
  }
  auto n = r.string();
  if (!n) return unexpected(n.error());
  return std::string(*n);
}

/// The "name" and exactly one body key of a decision.
[[nodiscard]] expected<std::string_view> body_kind(const JsonReader& d) {
  if (auto keys = d.only_keys({"name", "description", "expression", "table", "scorecard"}); !keys)
    return unexpected(keys.error());
  std::string_view kind;
  for (std::string_view k : {"expression", "table", "scorecard"}) {
    if (!d[k].exists()) continue;
    if (!kind.empty()) return d.error(ErrorCode::invalid_rule, "a decision has one of expression, table, scorecard; this has " +
                                                                   std::string(kind) + " and " + std::string(k));
    kind = k;
  }
  if (kind.empty()) return d.error(ErrorCode::missing, "a decision needs an expression, a table or a scorecard");
  return kind;
}

[[nodiscard]] expected<HitPolicy> hit_policy(const JsonReader& r, Aggregation& aggregation) {
  aggregation = Aggregation::none;
  if (!r.exists()) return HitPolicy::unique;
  auto s = r.string();
  if (!s) return unexpected(s.error());
  std::string p(*s);
  std::transform(p.begin(), p.end(), p.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  std::replace(p.begin(), p.end(), '_', ' ');
  if (p == "UNIQUE" || p == "U") return HitPolicy::unique;
  if (p == "ANY" || p == "A") return HitPolicy::any;
  if (p == "PRIORITY" || p == "P") return HitPolicy::priority;
  if (p == "FIRST" || p == "F") return HitPolicy::first;
  if (p == "RULE ORDER" || p == "R") return HitPolicy::rule_order;
  if (p == "OUTPUT ORDER" || p == "O") return HitPolicy::output_order;
  if (p == "COLLECT" || p == "C") return HitPolicy::collect;
  const std::pair<const char*, Aggregation> collects[] = {{"COLLECT SUM", Aggregation::sum}, {"C+", Aggregation::sum},
                                                          {"COLLECT MIN", Aggregation::min}, {"C<", Aggregation::min},
                                                          {"COLLECT MAX", Aggregation::max}, {"C>", Aggregation::max},
                                                          {"COLLECT COUNT", Aggregation::count}, {"C#", Aggregation::count}};
  for (const auto& [name, agg] : collects)
    if (p == name) {
      aggregation = agg;
      return HitPolicy::collect;
    }
  return r.error(ErrorCode::unknown_name, "unknown hit policy '" + std::string(*s) +
                                              "' (UNIQUE, ANY, PRIORITY, FIRST, RULE ORDER, OUTPUT ORDER, COLLECT, "
                                              "COLLECT SUM, COLLECT MIN, COLLECT MAX, COLLECT COUNT)");
}

/// An output's "default": the expression that gives it when no row matches (a multi-hit
/// table's list then holds the default alone; an aggregation gives it), and not with
/// "required" (a table with defaults always answers).
[[nodiscard]] expected<void> load_output_default(const JsonReader& at, const Table& table, const LoadContext& ctx,
                                                 TableOutput& output) {
  if (table.required)
    return at.error(ErrorCode::invalid_rule, "a table with defaults always answers: it cannot be 'required'");
  auto e = ctx.expression(at, "default output");
  if (!e) return unexpected(e.error());
  output.default_value = std::move(*e);
  return {};
}

[[nodiscard]] expected<Table> load_table(const std::string& name, const JsonReader& r, const LoadContext& ctx) {
  if (auto keys = r.only_keys({"hit_policy", "inputs", "outputs", "rows", "required", "description"}); !keys)
    return unexpected(keys.error());
  Table table;
  auto policy = hit_policy(r["hit_policy"], table.aggregation);
  if (!policy) return unexpected(policy.error());
  table.policy = *policy;
  if (r["required"].exists()) {
    auto req = r["required"].boolean();
    if (!req) return unexpected(req.error());
    table.required = *req;
  }
  // Input columns.
  auto inputs = r["inputs"].array();
  if (!inputs) return unexpected(inputs.error());
  std::vector<Type> column_types;
  for (std::size_t c = 0; c < (*inputs)->size(); ++c) {
    const JsonReader in = r["inputs"].at(c);
    TableColumn column;
    JsonReader text = in;
    if (in.raw()->is_object()) {
      if (auto keys = in.only_keys({"expression", "domain", "description"}); !keys) return unexpected(keys.error());
      text = in["expression"];
    }
    auto e = ctx.expression(text, "table input");
    if (!e) return unexpected(e.error());
    column.input = std::move(*e);
    if (const auto* field = ctx.scope.find(column.input.text()); field != nullptr && column.input.slots_used().size() == 1)
      column.field_slot = field->slot;
    if (in.raw()->is_object() && in["domain"].exists()) {
      auto domain = ctx.cell(in["domain"], Type::decimal, "domain");
      if (!domain) return unexpected(domain.error());
      if (domain->intervals() == nullptr)
        return in["domain"].error(ErrorCode::invalid_rule, "a domain is a numeric range or comparison, such as [0..100]");
      column.domain = *domain->intervals();
    } else if (const Field* field = ctx.schema->find(column.input.text()); field && (field->min || field->max)) {
      // A bare numeric input field: its declared bounds are the domain.
      Interval bounds;
      bounds.low = field->min;
      bounds.low_closed = field->min.has_value();
      bounds.high = field->max;
      bounds.high_closed = field->max.has_value();
      column.domain = IntervalSet(bounds);
    }
    column_types.push_back(column.input.result_type());
    table.inputs.push_back(std::move(column));
  }
  // Outputs.
  auto outs = r["outputs"].array();
  if (!outs) return unexpected(outs.error());
  if ((*outs)->empty()) return r["outputs"].error(ErrorCode::invalid_rule, "a table needs at least one output");
  if (table.aggregation != Aggregation::none && (*outs)->size() != 1)
    return r["outputs"].error(ErrorCode::invalid_rule, "COLLECT with an aggregation has exactly one output");
  for (std::size_t o = 0; o < (*outs)->size(); ++o) {
    const JsonReader out = r["outputs"].at(o);
    TableOutput output;
    auto n = output_name(out);
    if (!n) return unexpected(n.error());
    output.name = *n;
    output.slot = slot_of(ctx, output.name);
    if (out.raw()->is_object()) {
      if (auto keys = out.only_keys({"name", "values", "default", "description"}); !keys) return unexpected(keys.error());
      if (out["values"].exists()) {
        auto values = out["values"].array();
        if (!values) return unexpected(values.error());
        for (std::size_t v = 0; v < (*values)->size(); ++v) {
          auto value = value_from_json((**values)[v], out["values"].at(v));
          if (!value) return unexpected(value.error());
          output.priority.push_back(std::move(*value));
        }
      }
    }
    if (out.raw()->is_object() && out["default"].exists()) {
      if (auto ok = load_output_default(out["default"], table, ctx, output); !ok) return unexpected(ok.error());
    }
    table.outputs.push_back(std::move(output));
  }
  // PRIORITY and OUTPUT ORDER rank by the outputs that list their values (an output without
  // a list ranks all its values equal, as DMN has it), so at least one must.
  if ((table.policy == HitPolicy::priority || table.policy == HitPolicy::output_order) &&
      std::all_of(table.outputs.begin(), table.outputs.end(), [](const TableOutput& o) { return o.priority.empty(); }))
    return r["outputs"].at(0).error(ErrorCode::invalid_rule,
                                    std::string(table.policy == HitPolicy::priority ? "PRIORITY" : "OUTPUT ORDER") +
                                        " needs an output's values in priority order: {\"name\": \"" +
                                        table.outputs[0].name + "\", \"values\": [...]}");
  // Rows.
  auto rows = r["rows"].array();
  if (!rows) return unexpected(rows.error());
  if (ctx.limits != nullptr && (*rows)->size() > ctx.limits->table_rows)
    return r["rows"].error(ErrorCode::out_of_range, "the table has " + std::to_string((*rows)->size()) +
                                                        " rows, more than the limit of " +
                                                        std::to_string(ctx.limits->table_rows) +
                                                        " (crm::Limits::table_rows)");
  for (std::size_t i = 0; i < (*rows)->size(); ++i) {
    const JsonReader row_reader = r["rows"].at(i);
    TableRow row;
    JsonReader when = row_reader, then = row_reader;
    std::size_t then_offset = table.inputs.size();
    if (row_reader.exists() && row_reader.raw()->is_object()) {
      if (auto keys = row_reader.only_keys({"id", "description", "when", "then"}); !keys) return unexpected(keys.error());
      if (row_reader["id"].exists()) {
        auto id = row_reader["id"].string();
        if (!id) return unexpected(id.error());
        row.id = *id;
      }
      when = row_reader["when"];
      then = row_reader["then"];
      then_offset = 0;
    }
    auto when_cells = when.array();
    if (!when_cells) return unexpected(when_cells.error());
    auto then_cells = then.array();
    if (!then_cells) return unexpected(then_cells.error());
    const std::size_t expected_when = table.inputs.size();
    const std::size_t expected_then = table.outputs.size();
    const std::string shape = "the table has " + std::to_string(expected_when) + " inputs and " +
                              std::to_string(expected_then) + " output" + (expected_then == 1 ? "" : "s");
    if (then_offset != 0 && (*when_cells)->size() != expected_when + expected_then)
      return row_reader.error(ErrorCode::invalid_rule, "row " + std::to_string(i) + " has " +
                                                           std::to_string((*when_cells)->size()) + " cells; " + shape);
    if (then_offset == 0 && ((*when_cells)->size() != expected_when || (*then_cells)->size() != expected_then))
      return row_reader.error(ErrorCode::invalid_rule, "row " + std::to_string(i) + " has " +
                                                           std::to_string((*when_cells)->size()) + " input and " +
                                                           std::to_string((*then_cells)->size()) + " output cells; " + shape);
    for (std::size_t c = 0; c < expected_when; ++c) {
      auto cell = ctx.cell(when.at(c), column_types[c], "cell");
      if (!cell) return unexpected(cell.error());
      row.when.push_back(std::move(*cell));
    }
    for (std::size_t o = 0; o < expected_then; ++o) {
      auto e = ctx.expression(then.at(then_offset + o), "output cell");
      if (!e) return unexpected(e.error());
      // A constant is computed once here (compiling it already proved it does not fail).
      row.then_constant.push_back(e->is_constant() ? std::optional<Value>(e->evaluate({}).value_or(Value()))
                                                   : std::nullopt);
      row.then.push_back(std::move(*e));
    }
    table.rows.push_back(std::move(row));
  }
  if (table.rows.empty()) return r["rows"].error(ErrorCode::invalid_rule, "a table needs at least one row");

  std::vector<std::vector<const UnaryTest*>> columns(table.inputs.size());
  for (std::size_t c = 0; c < table.inputs.size(); ++c)
    for (const auto& row : table.rows) columns[c].push_back(&row.when[c]);
  table.index = TableIndex::build(columns, table.rows.size());
  // What the schema tells about columns that are bare input fields, for the gap check.
  std::vector<ColumnFacts> facts(table.inputs.size());
  for (std::size_t c = 0; c < table.inputs.size(); ++c) {
    const Field* field = ctx.schema->find(table.inputs[c].input.text());
    if (field == nullptr) continue;
    facts[c].integer = field->type == FieldType::integer;
    for (const auto& label : field->labels) facts[c].values.emplace_back(label);
    if (field->type == FieldType::boolean) facts[c].values = {Value(true), Value(false)};
  }
  check_table(name, r.pointer(), table, *ctx.diagnostics, facts, &ctx.scope);
  return table;
}

[[nodiscard]] expected<Transform> load_transform(const JsonReader& r, const LoadContext& ctx, Type input_type) {
  Transform t;
  if (!r.exists()) return t;
  if (auto keys = r.only_keys({"linear", "log", "bins"}); !keys) return unexpected(keys.error());
  auto obj = r.object();
  if ((*obj)->size() != 1) return r.error(ErrorCode::invalid_rule, "a transform is one of linear, log, bins");
  if (r["bins"].exists()) {
    t.kind = Transform::Kind::bins;
    auto bins = r["bins"].array();
    if (!bins) return unexpected(bins.error());
    for (std::size_t b = 0; b < (*bins)->size(); ++b) {
      const JsonReader br = r["bins"].at(b);
      if (auto keys = br.only_keys({"when", "points"}); !keys) return unexpected(keys.error());
      auto when = ctx.cell(br["when"], input_type, "bin");
      if (!when) return unexpected(when.error());
      auto points = br["points"].decimal();
      if (!points) return unexpected(points.error());
      t.bins.push_back(Bin{std::move(*when), *points});
    }
    if (t.bins.empty()) return r["bins"].error(ErrorCode::invalid_rule, "bins need at least one bin");
    auto plain_strings = [](const Bin& b) {
      const ConstantSet* c = b.when.constants();
      return b.when.is_any() || (c != nullptr && !c->negated &&
                                 std::all_of(c->values.begin(), c->values.end(),
                                             [](const Value& v) { return v.kind() == ValueKind::string; }));
    };
    if ((input_type == Type::decimal || input_type == Type::any) &&
        std::all_of(t.bins.begin(), t.bins.end(), [](const Bin& b) { return b.when.intervals() != nullptr; }))
      t.bins_fast = Transform::BinsFast::intervals;
    else if ((input_type == Type::string || input_type == Type::any) &&
             std::all_of(t.bins.begin(), t.bins.end(), plain_strings))
      t.bins_fast = Transform::BinsFast::strings;
    return t;
  }
  const bool linear = r["linear"].exists();
  const JsonReader spec = linear ? r["linear"] : r["log"];
  t.kind = linear ? Transform::Kind::linear : Transform::Kind::log;
  if (auto keys = spec.only_keys({"from", "to"}); !keys) return unexpected(keys.error());
  Decimal* targets[4] = {&t.from_low, &t.from_high, &t.to_low, &t.to_high};
  for (int k = 0; k < 4; ++k) {
    const JsonReader v = spec[k < 2 ? "from" : "to"].at(static_cast<std::size_t>(k % 2));
    if (auto a = spec[k < 2 ? "from" : "to"].array(); !a || (*a)->size() != 2)
      return spec[k < 2 ? "from" : "to"].error(ErrorCode::invalid_rule, "expected [low, high]");
    auto d = v.decimal();
    if (!d) return unexpected(d.error());
    *targets[k] = *d;
  }
  if (t.from_low >= t.from_high) return spec["from"].error(ErrorCode::invalid_rule, "from: low must be below high");
  if (!linear && t.from_low.sign() <= 0) return spec["from"].error(ErrorCode::invalid_rule, "log: from must be above 0");
  // What every evaluation would otherwise compute again.
  const Decimal span = t.to_high.sub(t.to_low).value_or(Decimal());
  if (linear) {
    const Decimal width = *t.from_high.sub(t.from_low);
    auto slope = span.div(width);
    if (slope && slope->mul(width) == span) t.slope = *slope;  // exact: one multiply per evaluation
  } else {
    auto low = expression::decimal_log10(t.from_low), high = expression::decimal_log10(t.from_high);
    if (!low || !high) return spec["from"].error(ErrorCode::invalid_rule, "log: the bounds have no logarithm");
    t.log_low = *low;
    t.log_high = *high;
  }
  return t;
}

/// The factor's weighted points where exact arithmetic folds the weight in (see
/// WeightedPoints); Kind::none when a constant would not be exact or in range.
WeightedPoints weighted_points(const Transform& t, const Decimal& weight) {
  WeightedPoints w;
  const RawDecimal rw = RawDecimal::of(weight);
  switch (t.kind) {
    case Transform::Kind::identity:
      w.kind = WeightedPoints::Kind::affine;
      w.slope = weight;
      return w;
    case Transform::Kind::linear: {
      RawDecimal low, high, slope, from_part, offset;
      if (!t.slope || !raw_mul(RawDecimal::of(t.to_low), rw, low) || !raw_mul(RawDecimal::of(t.to_high), rw, high) ||
          !raw_mul(RawDecimal::of(*t.slope), rw, slope) ||
          !raw_mul(RawDecimal::of(t.from_low).negate(), slope, from_part) || !raw_add(low, from_part, offset))
        return w;
      w.kind = WeightedPoints::Kind::affine;
      w.clamp = true;
      w.from_low_key = decimal_key(t.from_low);
      w.from_high_key = decimal_key(t.from_high);
      w.low = low.to_decimal();
      w.high = high.to_decimal();
      w.offset = offset.to_decimal();
      w.slope = slope.to_decimal();
      return w;
    }
    case Transform::Kind::bins: {
      if (t.bins_fast == Transform::BinsFast::none) return w;
      for (const Bin& b : t.bins) {
        RawDecimal points;
        if (!raw_mul(RawDecimal::of(b.points), rw, points)) return {};
        w.bins.push_back(points.to_decimal());
      }
      if (t.bins_fast == Transform::BinsFast::strings) {
        for (std::uint32_t b = 0; b < t.bins.size(); ++b) {
          if (t.bins[b].when.is_any()) {
            w.any_bin = b;
            break;
          }
          for (const Value& s : t.bins[b].when.constants()->values)
            if (std::none_of(w.string_bins.begin(), w.string_bins.end(), [&](const auto& e) { return e.first == s.as_string(); }))
              w.string_bins.emplace_back(s.as_string(), b);
        }
        w.kind = WeightedPoints::Kind::strings;
        return w;
      }
      std::vector<const IntervalSet*> sets;
      for (const Bin& b : t.bins) sets.push_back(b.when.intervals());
      w.lookup = BinLookup::build(sets);
      if (!w.lookup) return {};  // endpoints at the range's limits: the general path
      w.kind = WeightedPoints::Kind::bins;
      return w;
    }
    default:
      return w;
  }
}

[[nodiscard]] expected<Scorecard> load_scorecard(const JsonReader& r, const LoadContext& ctx) {
  if (auto keys = r.only_keys({"output", "initial", "scale", "reason_codes", "factors", "odds", "description"}); !keys)
    return unexpected(keys.error());
  Scorecard s;
  auto output = r["output"].string();
  if (!output) return unexpected(output.error());
  s.output = *output;
  s.total_slot = slot_of(ctx, *output);
  if (r["initial"].exists()) {
    auto d = r["initial"].decimal();
    if (!d) return unexpected(d.error());
    s.initial = *d;
  }
  if (r["scale"].exists()) {
    auto scale = r["scale"].integer();
    if (!scale) return unexpected(scale.error());
    if (*scale < 0 || *scale > Decimal::max_scale) return r["scale"].error(ErrorCode::out_of_range, "scale is 0..18");
    s.scale = static_cast<int>(*scale);
  }
  if (r["reason_codes"].exists()) {
    const JsonReader rc = r["reason_codes"];
    if (auto keys = rc.only_keys({"mode", "count"}); !keys) return unexpected(keys.error());
    if (rc["mode"].exists()) {
      auto mode = rc["mode"].string();
      if (!mode) return unexpected(mode.error());
      if (*mode != "points_below_baseline" && *mode != "points_above_baseline")
        return rc["mode"].error(ErrorCode::unknown_name, "mode is points_below_baseline or points_above_baseline");
      s.reasons_below = *mode == "points_below_baseline";
    }
    if (rc["count"].exists()) {
      auto count = rc["count"].integer();
      if (!count) return unexpected(count.error());
      if (*count < 0) return rc["count"].error(ErrorCode::out_of_range, "count is 0 or more");
      s.reason_count = static_cast<std::size_t>(*count);
    }
    s.reasons_slot = slot_of(ctx, std::string(*output) + "_reasons");
  }
  if (r["odds"].exists()) {
    const JsonReader o = r["odds"];
    if (auto keys = o.only_keys({"base_score", "base_odds", "points_to_double"}); !keys) return unexpected(keys.error());
    Scorecard::Odds odds;
    Decimal* targets[3] = {&odds.base_score, &odds.base_odds, &odds.points_to_double};
    const char* names[3] = {"base_score", "base_odds", "points_to_double"};
    for (int k = 0; k < 3; ++k) {
      auto d = o[names[k]].decimal();
      if (!d) return unexpected(d.error());
      *targets[k] = *d;
    }
    if (odds.base_odds.sign() <= 0 || odds.points_to_double.sign() <= 0)
      return o.error(ErrorCode::out_of_range, "base_odds and points_to_double must be above 0");
    s.odds = odds;
    s.odds_slot = slot_of(ctx, std::string(*output) + "_odds");
  }
  auto factors = r["factors"].array();
  if (!factors) return unexpected(factors.error());
  for (std::size_t f = 0; f < (*factors)->size(); ++f) {
    const JsonReader fr = r["factors"].at(f);
    if (auto keys = fr.only_keys({"name", "expression", "transform", "weight", "baseline", "reason_code", "description"}); !keys)
      return unexpected(keys.error());
    Factor factor;
    auto name = fr["name"].string();
    if (!name) return unexpected(name.error());
    factor.name = *name;
    auto e = ctx.expression(fr["expression"], "factor expression");
    if (!e) return unexpected(e.error());
    factor.expression = std::move(*e);
    if (const auto* field = ctx.scope.find(factor.expression.text());
        field != nullptr && factor.expression.slots_used().size() == 1)
      factor.field_slot = field->slot;
    auto t = load_transform(fr["transform"], ctx, factor.expression.result_type());
    if (!t) return unexpected(t.error());
    factor.transform = std::move(*t);
    if (fr["weight"].exists()) {
      auto w = fr["weight"].decimal();
      if (!w) return unexpected(w.error());
      factor.weight = *w;
    }
    factor.weighted = weighted_points(factor.transform, factor.weight);
    if (fr["baseline"].exists()) {
      auto b = fr["baseline"].decimal();
      if (!b) return unexpected(b.error());
      factor.baseline = *b;
    }
    factor.reason_code = factor.name;
    if (fr["reason_code"].exists()) {
      auto rc = fr["reason_code"].string();
      if (!rc) return unexpected(rc.error());
      factor.reason_code = *rc;
    }
    s.factors.push_back(std::move(factor));
  }
  if (s.factors.empty()) return r["factors"].error(ErrorCode::invalid_rule, "a scorecard needs at least one factor");
  return s;
}

}  // namespace

[[nodiscard]] expected<std::vector<std::string>> declared_outputs(const JsonReader& d) {
  auto kind = body_kind(d);
  if (!kind) return unexpected(kind.error());
  auto name = d["name"].string();
  if (!name) return unexpected(name.error());
  if (*kind == "expression") return std::vector<std::string>{std::string(*name)};
  if (*kind == "scorecard") {
    const JsonReader s = d["scorecard"];
    auto output = s["output"].string();
    if (!output) return unexpected(output.error());
    std::vector<std::string> names{std::string(*output)};
    if (s["odds"].exists()) names.push_back(std::string(*output) + "_odds");
    if (s["reason_codes"].exists()) names.push_back(std::string(*output) + "_reasons");
    return names;
  }
  auto outs = d["table"]["outputs"].array();
  if (!outs) return unexpected(outs.error());
  std::vector<std::string> names;
  for (std::size_t o = 0; o < (*outs)->size(); ++o) {
    auto n = output_name(d["table"]["outputs"].at(o));
    if (!n) return unexpected(n.error());
    names.push_back(std::move(*n));
  }
  return names;
}

[[nodiscard]] expected<Decision> load_decision(const JsonReader& d, const LoadContext& ctx) {
  auto kind = body_kind(d);
  if (!kind) return unexpected(kind.error());
  Decision decision;
  decision.name = std::string(*d["name"].string());
  if (*kind == "expression") {
    auto e = ctx.expression(d["expression"], "expression");
    if (!e) return unexpected(e.error());
    decision.body = ExpressionDecision{std::move(*e), slot_of(ctx, decision.name)};
  } else if (*kind == "table") {
    auto t = load_table(decision.name, d["table"], ctx);
    if (!t) return unexpected(t.error());
    decision.body = std::move(*t);
  } else {
    auto s = load_scorecard(d["scorecard"], ctx);
    if (!s) return unexpected(s.error());
    decision.body = std::move(*s);
  }
  return decision;
}

void infer_output_kinds(CompiledRuleSet& rules) {
  const std::size_t inputs = rules.schema.size();
  auto kind_of = [](Type t) {
    switch (t) {
      case Type::boolean: return ValueKind::boolean;
      case Type::decimal: return ValueKind::decimal;
      case Type::string: return ValueKind::string;
      case Type::date: return ValueKind::date;
      case Type::list: return ValueKind::list;
      case Type::time: return ValueKind::time;
      case Type::date_time: return ValueKind::date_time;
      case Type::days_duration: return ValueKind::days_duration;
      case Type::months_duration: return ValueKind::months_duration;
      case Type::any: break;
    }
    return ValueKind::null;
  };
  auto set = [&](std::uint32_t slot, ValueKind kind) {
    if (slot >= inputs && slot - inputs < rules.outputs.size()) rules.outputs[slot - inputs].kind = kind;
  };
  for (const auto& d : rules.decisions) {
    if (const auto* e = std::get_if<ExpressionDecision>(&d.body)) {
      set(e->out, kind_of(e->expression.result_type()));
    } else if (const auto* t = std::get_if<Table>(&d.body)) {
      const bool lists = t->aggregation == Aggregation::none &&
                         (t->policy == HitPolicy::rule_order || t->policy == HitPolicy::output_order ||
                          t->policy == HitPolicy::collect);
      for (std::size_t o = 0; o < t->outputs.size(); ++o) {
        ValueKind kind = ValueKind::null;
        if (t->aggregation != Aggregation::none) {
          kind = ValueKind::decimal;
        } else if (lists) {
          kind = ValueKind::list;
        } else {
          for (std::size_t r = 0; r < t->rows.size(); ++r) {
            const ValueKind k = kind_of(t->rows[r].then[o].result_type());
            if (r == 0) kind = k;
            else if (k != kind) kind = ValueKind::null;
          }
        }
        set(t->outputs[o].slot, kind);
      }
    } else if (const auto* s = std::get_if<Scorecard>(&d.body)) {
      set(s->total_slot, ValueKind::decimal);
      if (s->odds_slot) set(*s->odds_slot, ValueKind::decimal);
      if (s->reasons_slot) set(*s->reasons_slot, ValueKind::string);
    }
  }
}

}  // namespace crm::internal
