// Loading what an attacker writes: no recursion the document's depth controls, no
// quadratic path, no duplicate key that silently wins, and limits a vendor sets.
#include <catch2/catch.hpp>

#include <pthread.h>

#include <functional>
#include <string>

#include "crmrules/json.hpp"
#include "crmrules/rule_set.hpp"
#include "src/json/parse.hpp"
#include "src/ruleset/order.hpp"

using crm::ErrorCode;
using crm::RuleSet;

namespace {

std::string rule_set(const std::string& inputs, const std::string& decisions) {
  return R"({"crmrules": 1, "name": "h", "version": "1", "inputs": {)" + inputs + R"(}, "decisions": [)" + decisions +
         "]}";
}

/// `links` decisions, each reading the one before, listed last first (so that ordering
/// them walks the whole chain from its first entry).
std::string chain(int links) {
  std::string decisions;
  decisions.reserve(static_cast<std::size_t>(links) * 40);
  for (int i = links - 1; i >= 0; --i) {
    decisions += i == links - 1 ? "" : ", ";
    decisions += R"({"name": "d)" + std::to_string(i) + R"(", "expression": ")" +
                 (i ? "d" + std::to_string(i - 1) : std::string("x")) + " + 1\"}";
  }
  return rule_set(R"("x": {"type": "decimal"})", decisions);
}

/// Runs `work` on a thread with a stack of `bytes` (a vendor's worker thread may have a
/// small one): a recursion per link of the chain would overflow it and kill the process.
void on_small_stack(std::size_t bytes, std::function<void()> work) {
  pthread_attr_t attr;
  REQUIRE(pthread_attr_init(&attr) == 0);
  REQUIRE(pthread_attr_setstacksize(&attr, bytes) == 0);
  pthread_t thread;
  auto run = [](void* arg) -> void* {
    (*static_cast<std::function<void()>*>(arg))();
    return nullptr;
  };
  REQUIRE(pthread_create(&thread, &attr, run, &work) == 0);
  REQUIRE(pthread_join(thread, nullptr) == 0);
  pthread_attr_destroy(&attr);
}

}  // namespace

TEST_CASE("a chain of 100,000 decisions loads and evaluates on a 1 MiB thread stack", "[rules][slow]") {
  const std::string json = chain(100'000);
  bool loaded = false;
  std::string last;
  on_small_stack(std::size_t{1} << 20, [&] {
    auto rules = RuleSet::load(json);
    loaded = rules.has_value();
    if (!rules) return;
    crm::Record record = rules->new_record();
    if (!record.set("x", crm::Value(crm::Decimal::from_int(1))) || !rules->evaluate(record)) return;
    last = record.get("d99999")->to_string();
  });
  REQUIRE(loaded);
  CHECK(last == "100001");
}

TEST_CASE("ordering a chain of 1,000,000 links needs no more than a 1 MiB thread stack", "[rules][slow]") {
  // The ordering alone (a rule set of a million decisions is past the default limits):
  // node i reads node i + 1, so the walk from node 0 goes the whole chain deep.
  constexpr std::size_t links = 1'000'000;
  std::vector<std::vector<std::size_t>> deps(links);
  for (std::size_t i = 0; i + 1 < links; ++i) deps[i].push_back(i + 1);
  std::vector<std::size_t> order;
  on_small_stack(std::size_t{1} << 20, [&] {
    static const std::string none;
    auto ordered = crm::internal::dependency_order(deps, [](std::size_t) -> const std::string& { return none; });
    if (ordered) order = std::move(*ordered);
  });
  REQUIRE(order.size() == links);
  CHECK(order.front() == links - 1);
  CHECK(order.back() == 0);
}

TEST_CASE("JSON nested 1,000,000 deep is a parse error, not a deep recursion", "[rules][json][slow]") {
  // Boost.JSON parses without recursion and stops at its depth limit (32): the rule set,
  // an inputs document and an expression's nesting (its own limit, 200) are refused.
  const std::string deep = std::string(1'000'000, '[') + std::string(1'000'000, ']');
  on_small_stack(std::size_t{1} << 20, [&] {
    auto rules = RuleSet::load(rule_set(R"("x": {"type": "decimal", "default": )" + deep + "}", ""));
    REQUIRE_FALSE(rules);
    CHECK(rules.error().code == ErrorCode::parse);
    CHECK(rules.error().message.find("too deep") != std::string::npos);
    auto values = crm::values_from_json(R"({"x": )" + deep + "}");
    REQUIRE_FALSE(values);
    // Error positions are found by a scanner that takes any text: it skips without recursion.
    CHECK(crm::locate_json(R"({"x": )" + deep + R"(, "y": 1})", "/y").column == deep.size() + 14);  // the 1 after it
    auto nested = RuleSet::load(rule_set(R"("x": {"type": "decimal"})",
                                         R"({"name": "y", "expression": ")" + std::string(100'000, '(') + "x" +
                                             std::string(100'000, ')') + "\"}"));
    REQUIRE_FALSE(nested);
    CHECK(nested.error().message.find("nests too deeply") != std::string::npos);
  });
}

TEST_CASE("a cycle through a long chain is named by a few of its decisions", "[rules]") {
  std::string json = chain(1000);
  const auto x = json.find("\"x + 1\"");
  json.replace(x, 7, "\"d999 + 1\"");  // d0 reads d999: the whole chain is a cycle
  auto rules = RuleSet::load(json);
  REQUIRE_FALSE(rules);
  CHECK(rules.error().code == ErrorCode::invalid_rule);
  CHECK(rules.error().message.find("in a cycle: ") != std::string::npos);
  CHECK(rules.error().message.find("... (1000 decisions)") != std::string::npos);
  CHECK(rules.error().message.size() < 300);
}

TEST_CASE("a key twice in one object is refused where it stands", "[rules][json]") {
  auto rules = RuleSet::load(rule_set("\"x\": {\"type\": \"decimal\"},\n  \"x\": {\"type\": \"string\"}", ""));
  REQUIRE_FALSE(rules);
  CHECK(rules.error().code == ErrorCode::conflict);
  CHECK(rules.error().message.find("duplicate key 'x'") != std::string::npos);
  CHECK(rules.error().where.pointer == "/inputs/x");
  CHECK(rules.error().where.line == 2);  // the second one
  CHECK(rules.error().where.column == 3);

  // Escapes are decoded first: "\u0061" is "a".
  auto escaped = crm::internal::parse_json(R"({"a": 1, "b": {"c": [1, {"\u0061": 2, "a": 3}]}})");
  REQUIRE_FALSE(escaped);
  CHECK(escaped.error().where.pointer == "/b/c/1/a");
  // The same key in different objects, and many keys, are fine.
  std::string many = "{";
  for (int i = 0; i < 1000; ++i) many += (i ? ", \"k" : "\"k") + std::to_string(i) + "\": {\"k0\": " + std::to_string(i) + "}";
  CHECK(crm::internal::parse_json(many + "}"));
}

TEST_CASE("an input given twice in one object is refused, in a batch for its row only", "[rules][json]") {
  auto rules = RuleSet::load(rule_set(R"("amount": {"type": "decimal"})", R"({"name": "half", "expression": "amount / 2"})"));
  REQUIRE(rules);
  auto once = rules->evaluate_json("{\"amount\": 4,\n \"amount\": 6}");
  REQUIRE_FALSE(once);
  CHECK(once.error().code == ErrorCode::conflict);
  CHECK(once.error().message == "input 'amount' is given twice");
  CHECK(once.error().where.pointer == "/amount");
  CHECK(once.error().where.line == 2);
  auto batch = rules->evaluate_json_batch(R"([{"amount": 4, "amount": 6}, {"amount": 4}])");
  REQUIRE(batch);
  CHECK(batch->find(R"("code": "conflict")") != std::string::npos);
  CHECK(batch->find(R"({"half": 2})") != std::string::npos);
  auto values = crm::values_from_json(R"({"a": 1, "a": 2})");
  REQUIRE_FALSE(values);
  CHECK(values.error().code == ErrorCode::conflict);
}

TEST_CASE("each limit refuses what passes it with an error naming it, raised, it loads", "[rules][limits]") {
  crm::Limits small;
  small.document_bytes = 400;
  small.decisions = 2;
  small.inputs = 2;
  small.table_rows = 2;
  small.string_bytes = 20;
  auto refused = [&](const std::string& json, std::string_view limit, std::string_view pointer) {
    auto rules = RuleSet::load(json, small);
    REQUIRE_FALSE(rules);
    CHECK(rules.error().code == ErrorCode::out_of_range);
    CHECK(rules.error().message.find(limit) != std::string::npos);
    CHECK(rules.error().where.pointer == pointer);
    CHECK(RuleSet::load(json));  // the default limits take it
  };
  refused(chain(3), "crm::Limits::decisions", "/decisions");
  refused(rule_set(R"("a": {"type": "decimal"}, "b": {"type": "decimal"}, "c": {"type": "decimal"})", ""),
          "crm::Limits::inputs", "/inputs");
  refused(rule_set(R"("x": {"type": "decimal"})",
                   R"({"name": "t", "table": {"hit_policy": "FIRST", "inputs": ["x"], "outputs": ["y"],
                       "rows": [["< 1", 1], ["< 2", 2], ["-", 3]]}})"),
          "crm::Limits::table_rows", "/decisions/0/table/rows");
  refused(rule_set(R"("x": {"type": "decimal", "description": "a description of thirty bytes"})", ""),
          "crm::Limits::string_bytes", "/inputs/x/description");
  refused(rule_set("", "") + std::string(400, ' '), "crm::Limits::document_bytes", "");

  crm::Limits roomy = small;
  roomy.decisions = 3;
  roomy.document_bytes = crm::Limits{}.document_bytes;
  auto loaded = RuleSet::load(chain(3), roomy);
  REQUIRE(loaded);
  CHECK(loaded->limits().decisions == 3);
}

TEST_CASE("an input string longer than the rule set's limit is refused", "[rules][limits]") {
  crm::Limits limits;
  limits.string_bytes = 12;  // the document's strings too: "expression" is 10 bytes
  auto rules = RuleSet::load(rule_set(R"("name": {"type": "string"})", R"j({"name": "len_of", "expression": "len(name)"})j"),
                             limits);
  REQUIRE(rules);
  crm::Record record = rules->new_record();
  CHECK(record.set("name", crm::Value(std::string("华为"))));  // 6 bytes
  auto long_name = record.set("name", crm::Value(std::string("华为技术有限公司")));
  REQUIRE_FALSE(long_name);
  CHECK(long_name.error().code == ErrorCode::out_of_range);
  CHECK(long_name.error().message.find("crm::Limits::string_bytes") != std::string::npos);
  CHECK(long_name.error().where.pointer == "/name");
  CHECK(record.get("name")->as_string() == "华为");  // the record keeps its value
  auto json = rules->evaluate_json(R"({"name": "华为技术有限公司"})");
  REQUIRE_FALSE(json);
  CHECK(json.error().where.pointer == "/name");
}
