// docs/machines.md's C++ fragments (`part of` it: tests/docs/snippets_test.py): a session
// of the doc's order machine (examples/docs/orders.json) fired, saved and restored, a
// script replayed on it, and the session sealed under a key; each checked. Run from the
// project's root. The fragments' #includes are done at the top (#pragma once).
#include <crmrules/replay.hpp>
#include <crmrules/rule_set.hpp>
#include <crmrules/session.hpp>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#define CHECK(condition)                                                              \
  do {                                                                                \
    if (!(condition)) {                                                               \
      std::cerr << __FILE__ << ":" << __LINE__ << ": failed: " #condition "\n";       \
      std::exit(1);                                                                   \
    }                                                                                 \
  } while (0)

// Sealed sessions
static void sealed_sessions(const crm::expected<crm::RuleSet>& rules, const crm::expected<crm::Session>& s) {
  const std::string server_key = "0123456789abcdef0123456789abcdef";  // 32 bytes, from a secret store
  const crm::SessionKey key(server_key);                  // the server's secret: 32 random bytes
  auto sealed = s->save(key);                              // or save_json(key)
  auto back = crm::Session::restore(*rules, *sealed, key); // or restore_json(rules, text, key)

  CHECK(back && back->context()[0] == s->context()[0]);
  CHECK(crm::Session::restore(*rules, *sealed).error().code == crm::ErrorCode::unauthenticated);  // needs its key
  (*sealed)[sealed->size() / 2] ^= 1;
  CHECK(crm::Session::restore(*rules, *sealed, key).error().code == crm::ErrorCode::unauthenticated);  // changed
}

int main() {
  // Sessions
  #include <crmrules/session.hpp>
  auto rules = crm::RuleSet::load_file("examples/docs/orders.json");
  auto s = crm::Session::start(*rules, "order");                 // unknown_name lists the machines
  if (auto to = s->fire("add", /*time*/ 1700000000000, {{"amount", crm::Decimal::from_int(400)}}); !to)
    std::cerr << to.error().to_string() << '\n';                  // illegal_transition, a bad field: nothing changed
  s->state_name();  s->allowed_events();  s->context();  *s->recommendations();  s->audit();
  std::vector<std::uint8_t> bytes = s->save();                   // or save_json()
  auto back = crm::Session::restore(*rules, bytes);              // or restore_json()

  CHECK(s && s->state_name() == "draft" && s->context()[0] == crm::Value(crm::Decimal::from_int(400)));
  CHECK((s->allowed_events() == std::vector<std::string_view>{"add", "approve", "cancel"}));
  CHECK(s->recommendations()->empty() && s->audit().size() == 1);  // 400 is within the limit: no warning
  CHECK(back && back->state_name() == "draft" && back->context()[0] == s->context()[0]);

  // Replaying a conversation: the third step's amount is below its field's minimum
  const std::string script_text = R"([
  {"event": "add", "data": {"amount": 500}, "time": 1700000060000},
  {"event": "add", "data": {"amount": 200}},
  {"event": "add", "data": {"amount": -5}}
])";
  #include <crmrules/replay.hpp>
  auto replay = crm::replay_json(*s, script_text);   // error: not JSON (line, column), not an array
  for (const auto& step : replay->steps)
    if (step.error) std::cerr << step.error->to_string();   // out_of_range at /2/data/amount line 4, column 39 ...
    else std::cout << step.from << " -> " << step.to;       // then step.recommendations: what to say next
  replay->to_json();   // {"fired": 2, "failed": 1, "steps": [{"step": 1, "event", "time", "from", "to", "recommendations"}, ...]}

  std::cout << '\n';
  CHECK(replay && replay->fired() == 2 && replay->failed() == 1);
  const auto& bad = replay->steps[2];
  CHECK(bad.error && bad.error->code == crm::ErrorCode::out_of_range && bad.error->where.pointer == "/2/data/amount");
  CHECK(bad.error->where.line == 4 && bad.error->where.column == 39);
  CHECK(replay->to_json().starts_with(R"({"fired": 2, "failed": 1, "steps": [{"step": 1, "event": "add")"));
  CHECK(s->context()[0] == crm::Value(crm::Decimal::from_int(1100)));  // 400 + 500 + 200: over the limit
  CHECK(s->recommendations()->size() == 1);                            // the warning

  sealed_sessions(rules, s);
  std::cout << "docs/machines.md: the order session, its replay and its sealed save as documented\n";
}
