// crmrules expr: evaluate one expression or one unary test, JSON out. Lets rule authors
// try expressions, and lets the engine be checked against other engines case by case.
#include <iostream>

#include "commands.hpp"
#include "crmrules/expression.hpp"
#include "src/json/parse.hpp"
#include "src/json/reader.hpp"
#include "src/json/writer.hpp"
#include "src/ruleset/loader.hpp"
#include "crmrules/unary_test.hpp"

namespace crm::cli {
namespace {

/// {"error": {"code", "message", "offset"}} on stdout, exit status 1.
Outcome print_error(const Error& e) {
  std::string out = "{\"error\": {\"code\": ";
  internal::write_json_string(out, to_string(e.code));
  out += ", \"message\": ";
  internal::write_json_string(out, e.message);
  if (e.where.offset >= 0) out += ", \"offset\": " + std::to_string(e.where.offset);
  out += "}}";
  std::cout << out << '\n';
  return {1, false, {}};
}

}  // namespace

Outcome expr(Args args) {
  std::string text, input = "{}";
  bool unary = false, have_text = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--unary") unary = true;
    else if (args[i] == "--input" && i + 1 < args.size()) input = args[++i];
    else if (!have_text) {
      text = args[i];
      have_text = true;
    } else return usage_error("unexpected argument '" + std::string(args[i]) + "'");
  }
  if (!have_text) return usage_error("expr needs an expression");

  auto doc = internal::parse_json(input);
  if (!doc) return print_error(doc.error());
  const internal::JsonReader root(&*doc, "");
  auto obj = root.object();
  if (!obj) return print_error(obj.error());
  Scope scope;
  std::vector<Value> slots;
  Value dollar;
  for (const auto& member : **obj) {
    const std::string_view key(member.key().data(), member.key().size());
    auto value = internal::value_from_json(member.value(), root[key]);
    if (!value) return print_error(value.error());
    if (key == "$") {
      dollar = std::move(*value);
      continue;
    }
    if (auto slot = scope.add(key, Type::any); !slot) return print_error(slot.error());
    slots.push_back(std::move(*value));
  }

  std::string out;
  if (unary) {
    auto test = UnaryTest::compile(text, scope);
    if (!test) return print_error(test.error());
    auto hit = test->matches(dollar, slots);
    if (!hit) return print_error(hit.error());
    out = *hit ? "true" : "false";
  } else {
    auto e = Expression::compile(text, scope);
    if (!e) return print_error(e.error());
    auto v = e->evaluate(slots);
    if (!v) return print_error(v.error());
    internal::write_json_value(out, *v);
  }
  std::cout << out << '\n';
  return {};
}

}  // namespace crm::cli
