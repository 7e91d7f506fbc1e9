// The deck's SPIN example and its price objection (这个电脑看起来好是好,就是价格太贵了), as a
// stateless ERP server would run them: between two events the session exists only as
// saved bytes, restored for the next event and saved again.
//
//   sales_conversation [DIR]     (DIR holds spin.json and price_objection.json)
#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "crmrules/session.hpp"

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Runs the script through the built-in machine, restoring and saving around each event.
bool run(const std::string& machine, const std::string& script_path) {
  const crm::RuleSet& rules = crm::Machine::builtin_rules();
  std::vector<std::uint8_t> saved = crm::Machine::builtin(machine)->start().save();
  const boost::json::array steps = boost::json::parse(read(script_path)).as_array();
  std::cout << "== " << machine << " (" << steps.size() << " steps)\n";
  for (const auto& item : steps) {
    const auto& step = item.as_object();
    auto session = crm::Session::restore(rules, saved);  // a new request: the state comes from storage
    if (!session) {
      std::cerr << session.error().to_string() << '\n';
      return false;
    }
    if (const auto* note = step.if_contains("note")) std::cout << "   # " << note->as_string().c_str() << '\n';
    const std::string event(step.at("event").as_string().c_str());
    const std::string data = step.contains("data") ? boost::json::serialize(step.at("data")) : "";
    const std::int64_t time = step.at("time").to_number<std::int64_t>();
    const std::string from = session->state_name();
    if (auto to = session->fire_json(event, data, time); !to) {
      std::cout << "   " << event << ": " << to.error().to_string() << '\n';
      return false;
    }
    std::cout << "   " << event << ": " << from << " -> " << session->state_name() << '\n';
    const auto recommendations = session->recommendations();  // keep it: the loop below reads it
    if (recommendations)
      for (const auto& r : *recommendations) std::cout << "      " << r.kind << ": " << r.text << '\n';
    session->save(saved);  // back to storage
  }
  auto last = crm::Session::restore(rules, saved);
  std::cout << "   state: " << last->state_name() << ", " << last->audit_size() << " events in the audit trail, "
            << saved.size() << " bytes saved\n";
  for (const auto& n : last->needs())
    std::cout << "   need '" << n.id << "': " << (n.is_explicit() ? "explicit" : "latent") << ", "
              << n.problems.size() << " problem(s), " << n.implications.size() << " implication(s), "
              << n.payoffs.size() << " need-payoff(s), " << n.benefits.size() << " benefit(s)\n";
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : CRMRULES_EXAMPLE_DIR;
  const bool ok = run("spin", dir + "/spin.json") && run("lscpa", dir + "/price_objection.json");
  return ok ? 0 : 1;
}
