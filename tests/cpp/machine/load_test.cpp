// Loading machines: structure, names, and the load-time checks with their places.
#include <catch2/catch.hpp>

#include "crmrules/machine.hpp"
#include "crmrules/session.hpp"
#include "machine_fixture.hpp"

using crm::ErrorCode;
using crm::RuleSet;

namespace {

/// A rule set with one machine "m" whose states, events and transitions are given.
std::string with_machine(const std::string& states, const std::string& events, const std::string& transitions,
                         const std::string& extra = "") {
  return R"({"crmrules": 1, "name": "t", "version": "1", "inputs": {}, "decisions": [],
  "machines": {"m": {)" +
         extra + R"("states": )" + states + R"(,
    "events": )" +
         events + R"(,
    "transitions": )" +
         transitions + "}}}";
}

const std::string two_states = R"({"a": {"initial": true}, "b": {"final": true}})";
const std::string one_event = R"({"go": {"data": {"n": {"type": "integer"}, "s": {"type": "string"}}}})";

crm::Error load_error(const std::string& json) {
  auto rules = RuleSet::load(json);
  REQUIRE_FALSE(rules);
  return rules.error();
}

std::vector<crm::Diagnostic> findings(const std::string& json, crm::Diagnostic::Severity severity) {
  std::vector<crm::Diagnostic> out;
  for (auto& d : RuleSet::lint(json))
    if (d.severity == severity) out.push_back(d);
  return out;
}

}  // namespace

TEST_CASE("a rule set's machines load and describe themselves", "[machine][load]") {
  auto rules = RuleSet::load(order_rules());
  REQUIRE(rules);
  CHECK(rules->warnings().empty());
  CHECK(crm::Machine::names(*rules) == std::vector<std::string>{"order"});
  auto m = crm::Machine::find(*rules, "order");
  REQUIRE(m);
  CHECK(m->name() == "order");
  CHECK(m->version() == "1.0");  // the rule set's, as the machine has none
  CHECK(m->rule_set_name() == "orders");
  CHECK(m->state_names() == std::vector<std::string>{"draft", "approved", "shipped", "cancelled"});
  CHECK(m->initial_state() == 0);
  CHECK(m->is_final(*m->state_id("shipped")));
  CHECK(m->event_count() == 5);
  CHECK(m->event_name(*m->event_id("ship")) == "ship");
  CHECK(m->event_data(*m->event_id("add")).size() == 2);
  CHECK(m->context().size() == 4);
  CHECK(m->state_id("nowhere").error().code == ErrorCode::unknown_name);
}

TEST_CASE("an unknown machine is unknown_name listing the machines", "[machine][load]") {
  auto rules = *RuleSet::load(order_rules());
  auto m = crm::Machine::find(rules, "ordr");
  REQUIRE_FALSE(m);
  CHECK(m.error().code == ErrorCode::unknown_name);
  CHECK(m.error().message == "rule set 'orders' has no machine 'ordr' (did you mean 'order'?) (machines: order)");
  CHECK(crm::Session::start(rules, "x").error().code == ErrorCode::unknown_name);
}

TEST_CASE("the definition hash ignores layout but not content", "[machine][load]") {
  auto a = *crm::Machine::find(*RuleSet::load(order_rules()), "order");
  std::string spaced = order_rules();
  for (std::size_t at = spaced.find(", "); at != std::string::npos; at = spaced.find(", ", at + 3))
    spaced.insert(at + 1, " ");
  auto b = *crm::Machine::find(*RuleSet::load(spaced), "order");
  auto c = *crm::Machine::find(*RuleSet::load(order_rules("1.0", "2000")), "order");
  CHECK(a.definition_hash() == b.definition_hash());
  CHECK(a.definition_hash() != c.definition_hash());
}

TEST_CASE("unknown states, events and fields are errors at their place", "[machine][load]") {
  auto e = load_error(with_machine(two_states, one_event, R"([{"from": "a", "on": "go", "to": "bb"}])"));
  CHECK(e.code == ErrorCode::unknown_name);
  CHECK(e.where.pointer == "/machines/m/transitions/0/to");
  CHECK(e.where.line == 4);
  CHECK(e.message == "unknown state 'bb' (did you mean 'b'?)");
  e = load_error(with_machine(two_states, one_event, R"([{"from": "a", "on": "goo", "to": "b"}])"));
  CHECK(e.code == ErrorCode::unknown_name);
  CHECK(e.where.pointer == "/machines/m/transitions/0/on");
  e = load_error(with_machine(two_states, one_event, R"([{"from": "a", "on": "go", "to": "b", "set": {"x": "1"}}])"));
  CHECK(e.code == ErrorCode::unknown_name);
  CHECK(e.where.pointer == "/machines/m/transitions/0/set/x");
  e = load_error(
      with_machine(two_states, one_event, R"([{"from": "a", "on": "go", "to": "b", "when": "event.m > 1"}])"));
  CHECK(e.code == ErrorCode::unknown_name);
  CHECK(e.where.pointer == "/machines/m/transitions/0/when");
  e = load_error(
      with_machine(two_states, one_event, R"([{"from": "a", "on": "go", "to": "b", "when": "event.n + 1"}])"));
  CHECK(e.code == ErrorCode::type_mismatch);
  e = load_error(with_machine(two_states, one_event, R"([{"from": "a", "on": "go", "to": "b", "colour": 1}])"));
  CHECK(e.code == ErrorCode::unknown_name);
  CHECK(e.where.pointer == "/machines/m/transitions/0/colour");
}

TEST_CASE("exactly one initial state, and it is not final", "[machine][load]") {
  auto none = load_error(
      with_machine(R"({"a": {}, "b": {"final": true}})", one_event, R"([{"from": "a", "on": "go", "to": "b"}])"));
  CHECK(none.code == ErrorCode::invalid_rule);
  CHECK(none.message == "no state is marked \"initial\": true");
  auto two = load_error(with_machine(R"({"a": {"initial": true}, "b": {"initial": true, "final": true}})", one_event,
                                     R"([{"from": "a", "on": "go", "to": "b"}])"));
  CHECK(two.where.pointer == "/machines/m/states/b");
}

TEST_CASE("an unreachable state is an error naming it", "[machine][load]") {
  auto e =
      load_error(with_machine(R"({"a": {"initial": true}, "b": {"final": true}, "lost": {}})", one_event,
                              R"([{"from": "a", "on": "go", "to": "b"}, {"from": "lost", "on": "go", "to": "b"}])"));
  CHECK(e.code == ErrorCode::invalid_rule);
  CHECK(e.where.pointer == "/machines/m/states/lost");
  CHECK(e.message == "machine 'm': state 'lost' is unreachable from the initial state 'a'");
}

TEST_CASE("a state with no way out that is not final is an error", "[machine][load]") {
  auto dead = load_error(with_machine(R"({"a": {"initial": true}, "b": {"final": true}, "stuck": {}})", one_event,
                                      R"([{"from": "a", "on": "go", "to": "stuck", "when": "event.n == 1"},
                                          {"from": "a", "on": "go", "to": "b", "when": "event.n == 2"}])"));
  CHECK(dead.where.pointer == "/machines/m/states/stuck");
  CHECK(dead.message == "machine 'm': state 'stuck' is not final and no transition leaves it");
  // A loop on itself is no way out either.
  auto loop = load_error(with_machine(R"({"a": {"initial": true}, "b": {"final": true}, "stuck": {}})", one_event,
                                      R"([{"from": "a", "on": "go", "to": "stuck", "when": "event.n == 1"},
                                          {"from": "a", "on": "go", "to": "b", "when": "event.n == 2"},
                                          {"from": "stuck", "on": "go"}])"));
  CHECK(loop.message == "machine 'm': no final state can be reached from state 'stuck'");
  // A machine without final states only needs a transition out of every state.
  CHECK(RuleSet::load(with_machine(R"({"a": {"initial": true}, "b": {}})", one_event,
                                   R"([{"from": "a", "on": "go", "to": "b"}, {"from": "b", "on": "go", "to": "a"}])")));
}

TEST_CASE("a final state with a transition out is an error", "[machine][load]") {
  auto e = load_error(with_machine(two_states, one_event,
                                   R"([{"from": "a", "on": "go", "to": "b"}, {"from": "b", "on": "go", "to": "a"}])"));
  CHECK(e.where.pointer == "/machines/m/transitions/1");
  CHECK(e.message == "machine 'm': state 'b' is final, so no transition may leave it");
}

TEST_CASE("two transitions certainly enabled by one event at once are an error", "[machine][load]") {
  // Both unguarded.
  auto both =
      load_error(with_machine(R"({"a": {"initial": true}, "b": {"final": true}, "c": {"final": true}})", one_event,
                              R"([{"from": "a", "on": "go", "to": "b"}, {"from": "a", "on": "go", "to": "c"}])"));
  CHECK(both.code == ErrorCode::invalid_rule);
  CHECK(both.where.pointer == "/machines/m/transitions/1");
  CHECK(both.message.find("at once (a transition without a guard)") != std::string::npos);
  // The same guard, spaced differently.
  auto same =
      load_error(with_machine(R"({"a": {"initial": true}, "b": {"final": true}, "c": {"final": true}})", one_event,
                              R"([{"from": "a", "on": "go", "to": "b", "when": "event.n > 1"},
                                          {"from": "a", "on": "go", "to": "c", "when": "event.n>1"}])"));
  CHECK(same.message.find("(the same guard)") != std::string::npos);
  // "*" expands to every state that is not final, so it overlaps a transition from "a".
  auto star = load_error(with_machine(
      two_states, one_event, R"([{"from": "a", "on": "go", "to": "b"}, {"from": "*", "on": "go", "to": "b"}])"));
  CHECK(star.code == ErrorCode::invalid_rule);
}

TEST_CASE("guards shown to exclude each other load cleanly, others are a warning", "[machine][load]") {
  const std::string states = R"({"a": {"initial": true}, "b": {"final": true}, "c": {"final": true}})";
  auto exclusive = [&](const std::string& g1, const std::string& g2) {
    const std::string json = with_machine(states, one_event,
                                          R"([{"from": "a", "on": "go", "to": "b", "when": ")" + g1 +
                                              R"("}, {"from": "a", "on": "go", "to": "c", "when": ")" + g2 + R"("}])");
    auto rules = RuleSet::load(json);
    REQUIRE(rules);
    return rules->warnings().empty();
  };
  CHECK(exclusive("event.n == 1", "event.n == 2"));
  CHECK(exclusive("event.n < 5", "event.n >= 5"));
  CHECK(exclusive("event.n in [1..5)", "event.n in [5..9]"));
  CHECK(exclusive("event.s == 'x' and event.n > 0", "event.s in ['y', 'z']"));
  CHECK(exclusive("event.s == 'x'", "event.s != 'x'"));
  CHECK(exclusive("event.s == null", "event.s != null"));
  CHECK(exclusive("event.n > 0 and event.n < 10", "event.n >= 10"));
  CHECK_FALSE(exclusive("event.n > 1", "event.n < 5"));
  CHECK_FALSE(exclusive("event.n > 1 or event.s == 'x'", "event.n < 0"));
  // A computation over fields is constrained like a field: the same one on both sides.
  CHECK(exclusive("event.n * 2 + 1 <= 10", "event.n * 2 + 1 > 10"));
  CHECK(exclusive("-event.n < 0", "0 <= -event.n"));
  CHECK(exclusive("abs(event.n - 3) in [0..2]", "abs(event.n - 3) > 2"));
  CHECK_FALSE(exclusive("event.n * 2 <= 10", "event.n * 3 > 10"));
  CHECK_FALSE(exclusive("event.n + 1 <= 10", "1 + event.n > 10"));  // not recognised as the same
  const std::string overlap = with_machine(states, one_event,
                                           R"([{"from": "a", "on": "go", "to": "b", "when": "event.n > 1"},
                                               {"from": "a", "on": "go", "to": "c", "when": "event.n < 5"}])");
  auto warnings = findings(overlap, crm::Diagnostic::Severity::warning);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].error.code == ErrorCode::conflict);
  CHECK(warnings[0].error.where.pointer == "/machines/m/transitions/1");
  // At run time, both enabled at once is a conflict, and nothing changes.
  auto rules = *RuleSet::load(overlap);
  auto s = *crm::Session::start(rules, "m");
  auto r = s.fire("go", 1, {{"n", crm::Decimal::from_int(3)}});
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::conflict);
  CHECK(s.state_name() == "a");
  CHECK(s.audit_size() == 0);
  CHECK(s.fire("go", 1, {{"n", crm::Decimal::from_int(7)}}));
  CHECK(s.state_name() == "b");
}

TEST_CASE("an event with no transition is a warning", "[machine][load]") {
  auto w = findings(with_machine(two_states, R"({"go": {}, "idle": {}})", R"([{"from": "a", "on": "go", "to": "b"}])"),
                    crm::Diagnostic::Severity::warning);
  REQUIRE(w.size() == 1);
  CHECK(w[0].error.where.pointer == "/machines/m/events/idle");
}

TEST_CASE("lint lists every machine finding at once", "[machine][load]") {
  auto errors = findings(with_machine(R"({"a": {"initial": true}, "b": {"final": true}, "x": {}, "y": {}})", one_event,
                                      R"([{"from": "a", "on": "go", "to": "b"}])"),
                         crm::Diagnostic::Severity::error);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].error.where.pointer == "/machines/m/states/x");
  CHECK(errors[1].error.where.pointer == "/machines/m/states/y");
  CHECK(errors[1].error.where.line > 0);
}

TEST_CASE("recommendations refer to lists that exist", "[machine][load]") {
  auto e = load_error(
      with_machine(R"({"a": {"initial": true, "recommend": [{"text": "t", "items": "qs"}]}, "b": {"final": true}})",
                   one_event, R"([{"from": "a", "on": "go", "to": "b"}])", R"("lists": {"questions": ["q?"]}, )"));
  CHECK(e.code == ErrorCode::unknown_name);
  CHECK(e.where.pointer == "/machines/m/states/a/recommend/0/items");
}

// ---- Size: a small document cannot ask for a huge machine --------------------------

namespace {

/// `n` states s0 (initial) .. s{n-1} (final), as a JSON object.
std::string many_states(std::size_t n) {
  std::string out = R"({"s0": {"initial": true})";
  for (std::size_t i = 1; i + 1 < n; ++i) out += ",\"s" + std::to_string(i) + "\": {}";
  return out + ",\"s" + std::to_string(n - 1) + R"(": {"final": true}})";
}

/// `n` events e0 .. e{n-1} without data.
std::string many_events(std::size_t n) {
  std::string out = "{";
  for (std::size_t i = 0; i < n; ++i) out += (i ? ",\"e" : "\"e") + std::to_string(i) + "\": {}";
  return out + "}";
}

/// Transitions s0 -> s1 -> ... -> s{n-1} on `event` (so that every state is reached),
/// without the brackets.
std::string chain(std::size_t n, const std::string& event) {
  std::string out;
  for (std::size_t i = 0; i + 1 < n; ++i)
    out += (i ? "," : "") + std::string(R"({"from": "s)") + std::to_string(i) + R"(", "on": ")" + event +
           R"(", "to": "s)" + std::to_string(i + 1) + "\"}";
  return out;
}

}  // namespace

TEST_CASE("a machine's (state, event) table counts against the rule set's table_rows", "[machine][load][limits]") {
  // 2,000 states and 600 events (a document of about 30 KB) would make 1,200,000 cells.
  const std::string json =
      with_machine(many_states(2000), many_events(600),
                   "[" + chain(2000, "e1") + R"(, {"from": "*", "on": "e0", "to": "s1999"}])");
  const crm::Error e = load_error(json);
  CHECK(e.code == ErrorCode::out_of_range);
  CHECK(e.where.pointer == "/machines/m");
  CHECK(e.message.find("2000 states and 600 events make a (state, event) table of 1200000 cells") != std::string::npos);
  CHECK(e.message.find("Limits::table_rows") != std::string::npos);

  crm::Limits roomy;
  roomy.table_rows = 2'000'000;
  auto rules = RuleSet::load(json, roomy);  // a rule set that allows it loads
  REQUIRE(rules);
  auto s = crm::Session::start(*rules, "m");
  REQUIRE(s);
  CHECK(s->fire("e0", 1).has_value());
  CHECK(s->state_name() == "s1999");
}

TEST_CASE("a machine's transitions, one per state they leave, count against decisions", "[machine][load][limits]") {
  // A chain of 10 transitions through 11 states, then six transitions from "*" (each from
  // the 10 states that are not final): the fifth of them passes 50.
  std::string transitions = "[" + chain(11, "e6");
  for (int i = 0; i < 6; ++i) transitions += R"(, {"from": "*", "on": "e)" + std::to_string(i) + R"(", "to": "s10"})";
  transitions += "]";
  const std::string json = with_machine(many_states(11), many_events(7), transitions);
  crm::Limits tight;
  tight.decisions = 50;
  auto rules = RuleSet::load(json, tight);
  REQUIRE_FALSE(rules);
  CHECK(rules.error().code == ErrorCode::out_of_range);
  CHECK(rules.error().where.pointer == "/machines/m/transitions/14/from");
  CHECK(rules.error().message.find("more than 50 transitions") != std::string::npos);
  CHECK(RuleSet::load(json).has_value());  // the default limit allows them
}

TEST_CASE("the check for transitions enabled at once stops after its budget, and firing guards the rest",
          "[machine][load][limits]") {
  // 500 guarded transitions from one state on one event: 124,750 pairs, past the 100,000
  // the check compares.
  std::string transitions = "[";
  for (int i = 0; i < 500; ++i)
    transitions += std::string(i ? "," : "") + R"({"from": "s0", "on": "e0", "to": "s1", "when": "event.n > )" +
                   std::to_string(i) + "\"}";
  transitions += "]";
  const std::string json = with_machine(many_states(2), R"({"e0": {"data": {"n": {"type": "integer"}}}})", transitions);
  const auto warnings = findings(json, crm::Diagnostic::Severity::warning);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].error.message.find("stopped after 100000 pairs, at state 's0', event 'e0'") != std::string::npos);
  auto rules = RuleSet::load(json);
  REQUIRE(rules);
  auto s = crm::Session::start(*rules, "m");
  REQUIRE(s);
  auto both = s->fire("e0", 1, {{"n", crm::Decimal::from_int(5)}});  // n > 0 .. n > 4 all hold
  REQUIRE_FALSE(both);
  CHECK(both.error().code == ErrorCode::conflict);
  CHECK(s->fire("e0", 1, {{"n", crm::Decimal::from_int(0)}}).error().code == ErrorCode::illegal_transition);
  CHECK(s->fire("e0", 1, {{"n", crm::Decimal::from_int(1)}}).has_value());  // only n > 0 holds
  CHECK(s->state_name() == "s1");
}
