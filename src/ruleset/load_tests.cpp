// Loading the test cases a rule set carries.
#include <algorithm>

#include "src/core/suggest.hpp"
#include "src/ruleset/compiled.hpp"
#include "src/ruleset/loader.hpp"

namespace crm::internal {
namespace {

[[nodiscard]] expected<std::vector<std::pair<std::string, Value>>> load_values(const JsonReader& r) {
  auto obj = r.object();
  if (!obj) return unexpected(obj.error());
  std::vector<std::pair<std::string, Value>> values;
  for (const auto& member : **obj) {
    const std::string key(member.key().data(), member.key().size());
    auto v = value_from_json(member.value(), r[key]);
    if (!v) return unexpected(v.error());
    values.emplace_back(key, std::move(*v));
  }
  return values;
}

std::optional<ErrorCode> error_code_named(std::string_view name) {
  for (int c = 0; c <= static_cast<int>(ErrorCode::unauthenticated); ++c)
    if (to_string(static_cast<ErrorCode>(c)) == name) return static_cast<ErrorCode>(c);
  return std::nullopt;
}

/// One test as written.
[[nodiscard]] expected<TestCase> load_test(const JsonReader& t) {
  if (auto keys = t.only_keys({"name", "given", "expect", "expect_error", "description"}); !keys)
    return unexpected(keys.error());
  TestCase test;
  test.pointer = t.pointer();
  auto name = t["name"].string();
  if (!name) return unexpected(name.error());
  test.name = *name;
  auto given = load_values(t["given"]);
  if (!given) return unexpected(given.error());
  test.given = std::move(*given);
  if (t["expect"].exists() == t["expect_error"].exists())
    return t.error(ErrorCode::invalid_rule, "a test has either expect or expect_error");
  if (t["expect"].exists()) {
    auto expect = load_values(t["expect"]);
    if (!expect) return unexpected(expect.error());
    test.expect = std::move(*expect);
    return test;
  }
  const JsonReader e = t["expect_error"];
  if (auto keys = e.only_keys({"code", "message_contains"}); !keys) return unexpected(keys.error());
  auto code = e["code"].string();
  if (!code) return unexpected(code.error());
  test.expect_error = error_code_named(*code);
  if (!test.expect_error)
    return e["code"].error(ErrorCode::unknown_name, "unknown error code '" + std::string(*code) + "'");
  if (e["message_contains"].exists()) {
    auto m = e["message_contains"].string();
    if (!m) return unexpected(m.error());
    test.expect_message = *m;
  }
  return test;
}

/// The test's given keys against the inputs and its expect keys against the outputs. An
/// unknown input is an error where the test expects results, a warning where it expects an
/// error (it may be the point of the test) or the rule set ignores unknown inputs. An
/// expect key names an output or an input (an input's value as the rule set read it, such
/// as an alias turned into its label); any other is always an error.
void check_test_keys(const JsonReader& t, const TestCase& test, const CompiledRuleSet& rules,
                     std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string_view> inputs, outputs;
  for (const auto& f : rules.schema.fields()) inputs.push_back(f.name);
  for (const auto& o : rules.outputs) outputs.push_back(o.name);
  const std::string where = "test '" + test.name + "': ";
  for (const auto& [key, value] : test.given) {
    if (rules.schema.slot_of(key)) continue;
    const bool ignored = rules.unknown_inputs == UnknownInputs::ignore;
    const auto severity = test.expect_error || ignored ? Diagnostic::Severity::warning : Diagnostic::Severity::error;
    diagnostics.push_back(Diagnostic{
        severity,
        t["given"][key]
            .error(ErrorCode::unknown_name, where + "given names no input '" + key + "'" + did_you_mean(key, inputs))
            .error()});
  }
  for (const auto& [key, value] : test.expect) {
    if (std::ranges::find(outputs, std::string_view(key)) != outputs.end() || rules.schema.slot_of(key)) continue;
    diagnostics.push_back(Diagnostic{
        Diagnostic::Severity::error,
        t["expect"][key]
            .error(ErrorCode::unknown_name, where + "expect names no output or input '" + key + "'" + did_you_mean(key, outputs))
            .error()});
  }
}

}  // namespace

[[nodiscard]] expected<std::vector<TestCase>> load_tests(const JsonReader& r, const CompiledRuleSet& rules,
                                                         std::vector<Diagnostic>& diagnostics) {
  auto arr = r.array();
  if (!arr) return unexpected(arr.error());
  std::vector<TestCase> tests;
  for (std::size_t i = 0; i < (*arr)->size(); ++i) {
    auto test = load_test(r.at(i));
    if (!test) {
      diagnostics.push_back(Diagnostic{Diagnostic::Severity::error, test.error()});
      continue;
    }
    check_test_keys(r.at(i), *test, rules, diagnostics);
    tests.push_back(std::move(*test));
  }
  return tests;
}

}  // namespace crm::internal
