// Sessions: firing events, effects, errors that leave the session unchanged, needs,
// recommendations and the audit trail.
#include <catch2/catch.hpp>

#include "crmrules/session.hpp"
#include "machine_fixture.hpp"

using crm::Decimal;
using crm::ErrorCode;
using crm::Session;
using crm::Value;

namespace {

/// Everything observable about a session, to check that a failed call changed nothing.
std::string snapshot(const Session& s) {
  return s.save_json() + s.needs_json() + *s.recommendations_json();
}

}  // namespace

TEST_CASE("a session starts in the initial state with the context's defaults", "[machine]") {
  auto s = Session::start(orders(), "order");
  REQUIRE(s);
  CHECK(s->state_name() == "draft");
  CHECK_FALSE(s->is_final());
  CHECK(*s->get("total") == Value(Decimal::from_int(0)));
  CHECK(*s->get("limit") == Value(Decimal::from_int(1000)));
  CHECK(s->get("note")->is_null());
  CHECK(s->get("nope") == nullptr);
  CHECK(s->allowed_events() == std::vector<std::string_view>{"add", "approve", "divide", "cancel"});
  CHECK(s->audit_size() == 0);
}

TEST_CASE("firing applies effects, moves the state and records the audit trail", "[machine]") {
  auto s = *Session::start(orders(), "order");
  REQUIRE(s.fire("add", 100, {{"amount", *Decimal::parse("250.50")}, {"note", "rush"}}));
  REQUIRE(s.fire("add", 200, {{"amount", Decimal::from_int(100)}}));
  CHECK(s.state_name() == "draft");
  CHECK(s.get("total")->as_decimal() == *Decimal::parse("350.50"));
  CHECK(s.get("lines")->as_decimal() == Decimal::from_int(2));
  CHECK(s.get("note")->as_string() == "rush");  // `event.note ?? note` keeps it
  auto to = s.fire("approve", 300, {{"by", "Li"}});
  REQUIRE(to);
  CHECK(s.machine().state_name(*to) == "approved");
  CHECK(s.allowed_events() == std::vector<std::string_view>{"ship", "cancel"});
  REQUIRE(s.fire("ship", 400));
  CHECK(s.is_final());
  CHECK(s.allowed_events().empty());

  const auto audit = s.audit();
  REQUIRE(audit.size() == 4);
  CHECK(audit[0].sequence == 0);
  CHECK(audit[0].time == 100);
  CHECK(audit[0].event == "add");
  CHECK(audit[0].from == "draft");
  CHECK(audit[0].to == "draft");
  CHECK(audit[0].transition == "/machines/order/transitions/0");
  REQUIRE(audit[0].data.size() == 2);
  CHECK(audit[0].data[0].first == "amount");
  CHECK(audit[0].data[0].second == Value(*Decimal::parse("250.50")));
  CHECK(audit[1].data[1].second.is_null());
  CHECK(audit[2].data[0].second == Value("Li"));
  CHECK(audit[3].to == "shipped");
  CHECK(s.audit_json().find(R"("event": "approve", "from": "draft", "to": "approved")") != std::string::npos);
}

TEST_CASE("an event the state does not allow is an error listing the allowed events", "[machine]") {
  auto s = *Session::start(orders(), "order");
  const std::string before = snapshot(s);
  auto r = s.fire("ship", 1);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::illegal_transition);
  CHECK(r.error().message == "event 'ship' is not allowed in state 'draft' (allowed: add, approve, divide, cancel)");
  CHECK(snapshot(s) == before);
  REQUIRE(s.fire("cancel", 2));
  auto ended = s.fire("add", 3, {{"amount", Decimal::from_int(1)}});
  REQUIRE_FALSE(ended);
  CHECK(ended.error().code == ErrorCode::illegal_transition);
  CHECK(ended.error().message.find("has ended in its final state 'cancelled'") != std::string::npos);
}

TEST_CASE("an unknown event or data field is unknown_name with a suggestion", "[machine]") {
  auto s = *Session::start(orders(), "order");
  auto e = s.fire("shipp", 1);
  REQUIRE_FALSE(e);
  CHECK(e.error().code == ErrorCode::unknown_name);
  CHECK(e.error().message.find("did you mean 'ship'") != std::string::npos);
  auto f = s.fire("add", 1, {{"amont", Decimal::from_int(1)}});
  REQUIRE_FALSE(f);
  CHECK(f.error().code == ErrorCode::unknown_name);
  CHECK(f.error().message.find("did you mean 'amount'") != std::string::npos);
  CHECK(s.audit_size() == 0);
}

TEST_CASE("event data is checked against its fields", "[machine]") {
  auto s = *Session::start(orders(), "order");
  const std::string before = snapshot(s);
  auto missing = s.fire("add", 1);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::missing);
  CHECK(missing.error().message == "event 'add' needs its data field 'amount'");
  auto negative = s.fire("add", 1, {{"amount", Decimal::from_int(-5)}});
  REQUIRE_FALSE(negative);
  CHECK(negative.error().code == ErrorCode::out_of_range);
  auto wrong = s.fire("add", 1, {{"amount", true}});
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == ErrorCode::type_mismatch);
  CHECK(snapshot(s) == before);
}

TEST_CASE("a guard that does not hold leaves the session unchanged", "[machine]") {
  auto s = *Session::start(orders(), "order");
  const std::string before = snapshot(s);
  auto r = s.fire("approve", 1);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::illegal_transition);
  CHECK(r.error().message.find("no transition is enabled: its guards 'total <= limit and lines > 0' do not hold") !=
        std::string::npos);
  CHECK(snapshot(s) == before);
}

TEST_CASE("an effect that fails to evaluate or is refused by its field changes nothing", "[machine]") {
  auto s = *Session::start(orders(), "order");
  REQUIRE(s.fire("add", 1, {{"amount", Decimal::from_int(10)}, {"note", "first"}}));
  const std::string before = snapshot(s);
  auto div = s.fire("divide", 2, {{"by", Decimal::from_int(0)}});
  REQUIRE_FALSE(div);
  CHECK(div.error().code == ErrorCode::division_by_zero);
  CHECK(div.error().message.find("transition /machines/order/transitions/2: value of 'total'") == 0);
  CHECK(div.error().where.pointer == "/machines/order/transitions/2");
  CHECK(snapshot(s) == before);
  // lines has max 3: the fourth line is refused, and total (set by the same transition)
  // is not changed either.
  REQUIRE(s.fire("add", 3, {{"amount", Decimal::from_int(1)}}));
  REQUIRE(s.fire("add", 4, {{"amount", Decimal::from_int(1)}}));
  const std::string full = snapshot(s);
  auto over = s.fire("add", 5, {{"amount", Decimal::from_int(1)}});
  REQUIRE_FALSE(over);
  CHECK(over.error().code == ErrorCode::out_of_range);
  CHECK(over.error().message.find("value of 'lines'") != std::string::npos);
  CHECK(snapshot(s) == full);
  CHECK(s.get("total")->as_decimal() == Decimal::from_int(12));
}

TEST_CASE("time never goes backwards in the audit trail", "[machine]") {
  auto s = *Session::start(orders(), "order");
  REQUIRE(s.fire("add", 100, {{"amount", Decimal::from_int(1)}}));
  auto r = s.fire("add", 99, {{"amount", Decimal::from_int(1)}});
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::out_of_range);
  CHECK(s.audit_size() == 1);
  CHECK(s.fire("add", 100, {{"amount", Decimal::from_int(1)}}));  // the same time is fine
}

TEST_CASE("fire_json reads the data as a JSON object and places its errors", "[machine]") {
  auto s = *Session::start(orders(), "order");
  REQUIRE(s.fire_json("add", R"({"amount": 12.5, "note": "x"})", 1));
  CHECK(s.get("total")->as_decimal() == *Decimal::parse("12.5"));
  auto bad = s.fire_json("add", "{\n  \"amount\": \"abc\"}", 2);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().where.pointer == "/amount");
  CHECK(bad.error().where.line == 2);
  auto syntax = s.fire_json("add", "{\"amount\": ", 2);
  REQUIRE_FALSE(syntax);
  CHECK(syntax.error().code == ErrorCode::parse);
  auto not_object = s.fire_json("add", "[1]", 2);
  REQUIRE_FALSE(not_object);
  CHECK(not_object.error().code == ErrorCode::type_mismatch);
  CHECK(s.fire_json("cancel", "", 3));
  CHECK(s.audit_size() == 2);
}

TEST_CASE("recommendations come from the state (when their condition holds) and the last transition", "[machine]") {
  auto s = *Session::start(orders(), "order");
  auto first = s.recommendations();
  REQUIRE(first);
  REQUIRE(first->size() == 1);
  CHECK((*first)[0].text == "add lines");
  CHECK((*first)[0].source == "state");
  REQUIRE(s.fire("add", 1, {{"amount", Decimal::from_int(1)}}));
  auto next = s.recommendations();
  REQUIRE(next);
  REQUIRE(next->size() == 2);
  CHECK((*next)[0].text == "ready for approval");
  CHECK((*next)[1].kind == "info");
  CHECK((*next)[1].source == "transition");
}

TEST_CASE("need effects record needs, a null id records nothing", "[machine][needs]") {
  auto s = *Session::start(orders(), "order");
  REQUIRE(s.fire("add", 1, {{"amount", Decimal::from_int(1)}}));
  CHECK(s.needs().empty());
  REQUIRE(s.fire("add", 2, {{"amount", Decimal::from_int(1)}, {"note", "late deliveries"}}));
  REQUIRE(s.needs().size() == 1);
  const crm::Need* n = s.need("late deliveries");
  REQUIRE(n != nullptr);
  CHECK(n->description == "from a note");
  CHECK(n->problems == std::vector<std::string>{"late deliveries"});
  CHECK_FALSE(n->is_explicit());
  REQUIRE(s.fire("add", 3, {{"amount", Decimal::from_int(1)}, {"note", "late deliveries"}}));
  CHECK(s.needs().size() == 1);
  CHECK(s.need("late deliveries")->problems.size() == 1);  // the same problem once
}

TEST_CASE("a copy of a session is independent", "[machine]") {
  auto s = *Session::start(orders(), "order");
  Session copy = s;
  REQUIRE(s.fire("add", 1, {{"amount", Decimal::from_int(5)}}));
  CHECK(copy.get("total")->as_decimal() == Decimal::from_int(0));
  CHECK(copy.audit_size() == 0);
  REQUIRE(copy.fire("cancel", 1));
  CHECK(s.state_name() == "draft");
}

TEST_CASE("the hot path fires by id with positional data", "[machine]") {
  auto machine = *crm::Machine::find(orders(), "order");
  auto add = *machine.event_id("add");
  Session s = machine.start();
  const Value data[] = {Decimal::from_int(7)};
  for (int i = 0; i < 3; ++i) REQUIRE(s.fire(add, i, data));
  CHECK(s.get("total")->as_decimal() == Decimal::from_int(21));
  const Value too_many[] = {Decimal::from_int(7), Value("x"), Value("y")};
  auto r = s.fire(add, 5, too_many);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::invalid_argument);
  CHECK_FALSE(s.fire(99, 5, data));
}

TEST_CASE("needs: latent becomes explicit with an acknowledged implication and a stated need-payoff", "[needs]") {
  crm::Need n;
  n.problems.push_back("jams");
  CHECK_FALSE(n.is_explicit());
  CHECK(n.is_buying_signal(crm::DealSize::small));
  CHECK_FALSE(n.is_buying_signal(crm::DealSize::large));
  n.implications.push_back("lost output");
  CHECK_FALSE(n.is_explicit());
  n.payoffs.push_back("one operator freed");
  CHECK(n.is_explicit());
  CHECK(n.is_buying_signal(crm::DealSize::large));
  crm::Need stated;
  stated.stated = true;
  CHECK(stated.is_explicit());
}

TEST_CASE("need levels fit their owner", "[needs]") {
  using crm::NeedLevel, crm::NeedOwner;
  CHECK(*crm::parse_need_level("survival", NeedOwner::personal) == NeedLevel::physiological);
  CHECK(*crm::parse_need_level("strategy", NeedOwner::organisational) == NeedLevel::strategy);
  CHECK(crm::parse_need_level("esteem", NeedOwner::organisational).error().code == ErrorCode::type_mismatch);
  CHECK(crm::parse_need_level("price", NeedOwner::personal).error().code == ErrorCode::type_mismatch);
  CHECK(crm::parse_need_level("fame", NeedOwner::personal).error().code == ErrorCode::unknown_name);
  CHECK(crm::maslow_group(NeedLevel::safety) == crm::MaslowGroup::low);
  CHECK(crm::maslow_group(NeedLevel::esteem) == crm::MaslowGroup::middle);
  CHECK(crm::maslow_group(NeedLevel::self_actualisation) == crm::MaslowGroup::high);
  CHECK_FALSE(crm::maslow_group(NeedLevel::value));
  CHECK(*crm::parse_need_owner("organizational") == NeedOwner::organisational);
  CHECK_FALSE(crm::parse_need_owner("family"));
}

TEST_CASE("a guard that fails to evaluate is its error, and nothing changes", "[machine]") {
  auto rules = crm::RuleSet::load(R"({"crmrules": 1, "name": "g", "version": "1", "inputs": {}, "decisions": [],
    "machines": {"m": {
      "context": {"total": {"type": "decimal", "default": 10}, "label": {"type": "string"}},
      "events": {"split": {"data": {"parts": {"type": "decimal", "required": true}}}, "stop": {}},
      "states": {"a": {"initial": true}, "b": {"final": true}},
      "transitions": [
        {"from": "a", "on": "split", "when": "total / event.parts > 1", "set": {"total": "total / event.parts"}},
        {"from": "a", "on": "stop", "to": "b", "when": "len(label) > 2"}]}}})");
  REQUIRE(rules);
  auto s = *Session::start(*rules, "m");
  REQUIRE(s.fire("split", 1, {{"parts", Decimal::from_int(2)}}));
  const std::string before = snapshot(s);
  auto zero = s.fire("split", 2, {{"parts", Decimal::from_int(0)}});
  REQUIRE_FALSE(zero);
  CHECK(zero.error().code == ErrorCode::division_by_zero);
  CHECK(zero.error().where.pointer == "/machines/m/transitions/0");
  CHECK(zero.error().message.find("guard 'total / event.parts > 1' failed") != std::string::npos);
  auto null_label = s.fire("stop", 3);  // ordering a null fails (docs/expressions.md)
  REQUIRE_FALSE(null_label);
  CHECK(null_label.error().code == ErrorCode::missing);
  CHECK(snapshot(s) == before);
  CHECK(s.state_name() == "a");
}

TEST_CASE("guards on the same computation: the first enabled wins, as evaluating both would choose", "[machine]") {
  // `total + event.amount` compared with one limit on both sides: proved exclusive at load,
  // so firing stops at the first enabled transition. Each branch must still be taken
  // exactly when its guard holds, and a guard that fails is still its error.
  auto rules = crm::RuleSet::load(R"({"crmrules": 1, "name": "c", "version": "1", "inputs": {}, "decisions": [],
    "machines": {"counter": {
      "context": {"total": {"type": "decimal", "default": 0}, "count": {"type": "integer", "default": 0}},
      "events": {"add": {"data": {"amount": {"type": "decimal"}}}},
      "states": {"open": {"initial": true}},
      "transitions": [
        {"from": "open", "on": "add", "when": "total + event.amount <= 10", "set": {"total": "total + event.amount", "count": "count + 1"}},
        {"from": "open", "on": "add", "when": "total + event.amount > 10", "set": {"total": "event.amount", "count": "1"}}]}}})");
  REQUIRE(rules);
  CHECK(rules->warnings().empty());
  auto machine = *crm::Machine::find(*rules, "counter");
  auto add = *machine.event_id("add");
  Session s = machine.start();
  auto fire = [&](const char* amount, std::int64_t time) {
    const Value data[] = {*Decimal::parse(amount)};
    return s.fire(add, time, data);
  };
  REQUIRE(fire("4", 1));
  REQUIRE(fire("6.00", 2));  // 10.00: still the first
  CHECK(s.get("total")->as_decimal() == *Decimal::parse("10"));
  CHECK(s.get("total")->as_decimal().scale() == 2);
  CHECK(s.get("count")->as_decimal() == Decimal::from_int(2));
  REQUIRE(fire("0.5", 3));  // 10.5 > 10: the second restarts the total
  CHECK(s.get("total")->as_decimal() == *Decimal::parse("0.5"));
  CHECK(s.get("count")->as_decimal() == Decimal::from_int(1));
  const auto audit = s.audit();
  REQUIRE(audit.size() == 3);
  CHECK(audit[0].transition == "/machines/counter/transitions/0");
  CHECK(audit[1].transition == "/machines/counter/transitions/0");
  CHECK(audit[2].transition == "/machines/counter/transitions/1");
  const std::string before = snapshot(s);
  auto missing = s.fire(add, 4, std::span<const Value>{});  // null amount: the first guard fails
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::missing);
  CHECK(missing.error().where.pointer == "/machines/counter/transitions/0");
  CHECK(snapshot(s) == before);
}

// Every event's data starts at the same frame slot: an event sees only its own data, never
// what an event before it left there, given or defaulted, after a success or a failure.
TEST_CASE("an event's data fields never see another event's data", "[machine]") {
  auto rules = crm::RuleSet::load(R"({
    "crmrules": 1, "name": "slots", "version": "1", "inputs": {}, "decisions": [],
    "machines": {"m": {
      "context": {"seen": {"type": "string"}, "n": {"type": "decimal", "default": 0}},
      "events": {
        "a": {"data": {"x": {"type": "decimal", "required": true}, "label": {"type": "string"}}},
        "b": {"data": {"y": {"type": "decimal"}, "z": {"type": "string", "default": "dflt"}}}
      },
      "states": {"s": {"initial": true}},
      "transitions": [
        {"from": "s", "on": "a", "when": "event.x < 100", "set": {"n": "event.x", "seen": "event.label"}},
        {"from": "s", "on": "b", "set": {"n": "event.y ?? -1", "seen": "event.z"}}
      ]}}})");
  REQUIRE(rules);
  auto s = *Session::start(*rules, "m");
  REQUIRE(s.fire("a", 1, {{"x", Decimal::from_int(7)}, {"label", "from a"}}));
  REQUIRE(s.fire("b", 2));  // y and z not given: null and z's default, not a's 7 and "from a"
  CHECK(s.get("n")->as_decimal() == Decimal::from_int(-1));
  CHECK(s.get("seen")->as_string() == "dflt");
  REQUIRE_FALSE(s.fire("a", 3, {{"x", Decimal::from_int(500)}, {"label", "refused"}}));  // its guard fails
  REQUIRE(s.fire("b", 4, {{"y", Decimal::from_int(2)}}));
  CHECK(s.get("n")->as_decimal() == Decimal::from_int(2));
  CHECK(s.get("seen")->as_string() == "dflt");
  REQUIRE(s.fire("a", 5, {{"x", Decimal::from_int(9)}}));  // label not given: null
  CHECK(s.get("seen")->is_null());
}
