// crmrules expr: evaluate one expression or one unary test, JSON out. Lets rule authors
// try expressions, and lets the engine be checked against other engines case by case.
#include <iostream>
#include <vector>

#include "commands.hpp"
#include "crmrules/expression.hpp"
#include "crmrules/json.hpp"
#include "crmrules/unary_test.hpp"

namespace crm::cli {
namespace {

/// The error on stderr in the common format, the "file" being the expression (column =
/// offset + 1) or the --input text; with --format json {"error": {...}} on stdout, for tools.
Outcome print_error(std::string_view where, Error e, bool json) {
  if (json) {
    std::cout << "{\"error\": " << to_json(e) << "}\n";
    return failed();
  }
  if (e.where.line <= 0 && e.where.offset >= 0) {
    e.where.line = 1;
    e.where.column = static_cast<decltype(e.where.column)>(e.where.offset + 1);
  }
  std::cerr << diagnostic(where, e) << '\n';
  return failed();
}

/// The --input object: a field per member, and "$" (the value a unary test tests). Values
/// are exact ("71.00" keeps its scale) and single: an object or a list is an error.
struct Inputs {
  Scope scope;
  std::vector<Value> slots;
  Value dollar;
};

[[nodiscard]] expected<Inputs> read_inputs(std::string_view json) {
  auto members = values_from_json(json);
  if (!members) return unexpected(members.error());
  Inputs in;
  for (auto& [name, value] : *members) {
    if (name == "$") {
      in.dollar = std::move(value);
      continue;
    }
    if (const auto* field = in.scope.find(name)) {  // a repeated member: the last one holds
      in.slots[field->slot] = std::move(value);
      continue;
    }
    if (auto slot = in.scope.add(name, Type::any); !slot) return unexpected(slot.error());
    in.slots.push_back(std::move(value));
  }
  return in;
}

/// "true" or "false".
[[nodiscard]] expected<std::string> test_cell(const std::string& text, const Inputs& in) {
  auto test = UnaryTest::compile(text, in.scope);
  if (!test) return unexpected(test.error());
  auto hit = test->matches(in.dollar, in.slots);
  if (!hit) return unexpected(hit.error());
  return std::string(*hit ? "true" : "false");
}

/// The expression's value as JSON.
[[nodiscard]] expected<std::string> evaluate(const std::string& text, const Inputs& in) {
  auto e = Expression::compile(text, in.scope);
  if (!e) return unexpected(e.error());
  auto v = e->evaluate(in.slots);
  if (!v) return unexpected(v.error());
  return to_json(*v);
}

}  // namespace

Outcome expr(Args args) {
  std::string text, input = "{}";
  bool unary = false, have_text = false, json = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--unary")
      unary = true;
    else if (args[i] == "--input" && i + 1 < args.size())
      input = args[++i];
    else if (args[i] == "--format" && i + 1 < args.size()) {
      const std::string_view f = args[++i];
      if (f != "text" && f != "json") return usage_error("--format is text or json, not '" + std::string(f) + "'");
      json = f == "json";
    } else if (!have_text) {
      text = args[i];
      have_text = true;
    } else
      return usage_error("unexpected argument '" + std::string(args[i]) + "'");
  }
  if (!have_text) return usage_error("expr needs an expression");

  auto inputs = read_inputs(input);
  if (!inputs) return print_error("<input>", inputs.error(), json);
  auto out = unary ? test_cell(text, *inputs) : evaluate(text, *inputs);
  if (!out) return print_error("<expression>", out.error(), json);
  std::cout << *out << '\n';
  return {};
}

const Command expr_command{"expr", "evaluates one expression (or one table cell) to try it",
                           "  crmrules expr 'EXPRESSION' [--input JSON] [--format text|json]\n"
                           "  crmrules expr --unary 'CELL' --input JSON [--format text|json]\n"
                           "    (an error: <expression>:1:COLUMN: CODE: MESSAGE on stderr; --format json: on stdout)\n",
                           "  crmrules expr '1 + 2 * 3'\n"
                           "  crmrules expr 'a > 10' --input '{\"a\": 12}'\n"
                           "  crmrules expr --unary '[10..20)' --input '15'\n",
                           expr};

}  // namespace crm::cli
