// The crmrules side of benchmarks/compare (run.sh): grades the customers that ZEN grades,
// with the same value scorecard and grade table, and times it.
//
//   crmrules_compare CUSTOMERS.json GRADES_OUT.txt
//
// Writes one value_grade per line and prints a JSON summary of records per second, one
// thread, for: the value scorecard and grade table alone (the decisions the ZEN graph
// has, cut from the built-in rule set) through a reused crm::Record; the same through
// evaluate_json (a JSON object in and out per record, as ZEN takes and gives objects);
// and the whole built-in rule set (credit, loyalty, satisfaction, service plan too). The
// customers are parsed before the clock starts, as on the ZEN side; the best of a few
// rounds counts. Also the value rules on every core (threads_per_second), the fair match
// for ZEN's evaluations in flight at once.
#include <boost/json.hpp>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "crmrules/rule_set.hpp"

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& message) {
  std::cerr << "crmrules_compare: " << message << '\n';
  std::exit(1);
}

/// The built-in rule set cut down to the value scorecard (without reason codes) and the
/// grade table: the decisions the ZEN graph has.
crm::RuleSet value_rules() {
  boost::json::value parsed = boost::json::parse(crm::RuleSet::builtin_json());
  boost::json::object& doc = parsed.as_object();
  boost::json::array kept;
  for (const auto& d : doc["decisions"].as_array()) {
    const auto& name = d.as_object().at("name").as_string();
    if (name == "discount_rate" || name == "contact_cost_rate" || name == "value" || name == "value_grade") kept.push_back(d);
  }
  // The ZEN graph has no reason codes (the factors furthest below their baselines, sorted
  // and joined into a string per customer): neither does this side.
  for (auto& d : kept)
    if (auto* card = d.as_object().if_contains("scorecard")) card->as_object().erase("reason_codes");
  doc["decisions"] = std::move(kept);
  doc.erase("tests");
  doc["name"] = "crmrules-default-value-only";
  auto rules = crm::RuleSet::load(boost::json::serialize(doc));
  if (!rules) die(rules.error().to_string());
  return std::move(*rules);
}

struct Customer {
  std::vector<std::pair<std::size_t, crm::Value>> inputs;  // slot, value
  std::string json;
};

std::vector<Customer> read_customers(const std::string& path, const crm::RuleSet& rules) {
  std::ifstream in(path, std::ios::binary);
  if (!in) die("cannot open " + path);
  std::stringstream text;
  text << in.rdbuf();
  std::vector<Customer> customers;
  const boost::json::value parsed = boost::json::parse(text.str());
  for (const auto& c : parsed.as_array()) {
    Customer customer;
    customer.json = boost::json::serialize(c);
    for (const auto& [key, value] : c.as_object()) {
      auto slot = rules.schema().slot_of(std::string_view(key.data(), key.size()));
      if (!slot) die("unknown field " + std::string(key));
      if (value.is_string()) {
        customer.inputs.emplace_back(*slot, crm::Value(std::string(value.as_string())));
      } else {
        auto d = crm::Decimal::parse(boost::json::serialize(value));
        if (!d) die(d.error().to_string());
        customer.inputs.emplace_back(*slot, crm::Value(*d));
      }
    }
    customers.push_back(std::move(customer));
  }
  return customers;
}

/// The process's CPU time in seconds (all threads).
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

/// Records per second of wall time and per second of CPU time (the process's, all
/// threads: what a record costs on a shared machine), the best of a few rounds.
struct Rate {
  double wall = 0, cpu = 0;
};

template <class Round>
Rate best_rate(std::size_t records, int rounds, Round&& round) {
  Rate best;
  for (int r = 0; r < rounds; ++r) {
    const auto start = Clock::now();
    const double cpu_start = cpu_seconds();
    round();
    const double cpu = cpu_seconds() - cpu_start;
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    best.wall = std::max(best.wall, static_cast<double>(records) / wall);
    if (cpu > 0) best.cpu = std::max(best.cpu, static_cast<double>(records) / cpu);
  }
  return best;
}

template <class Body>
Rate best_rate_each(const std::vector<Customer>& customers, int rounds, Body&& body) {
  return best_rate(customers.size(), rounds, [&] {
    for (const Customer& c : customers) body(c);
  });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) die("usage: crmrules_compare CUSTOMERS.json GRADES_OUT.txt");
  const crm::RuleSet value = value_rules();
  const crm::RuleSet& full = crm::RuleSet::builtin();
  const std::vector<Customer> customers = read_customers(argv[1], value);
  if (value.schema().size() != full.schema().size()) die("the cut rule set has other inputs");
  const std::size_t grade_out = *value.output_index("value_grade");

  std::vector<std::string> grades(customers.size());
  crm::Record record = value.new_record();
  auto grade_with = [&](const crm::RuleSet& rules, crm::Record& r, const Customer& c) -> std::string_view {
    r.clear();
    for (const auto& [slot, v] : c.inputs)
      if (auto ok = r.set(slot, v); !ok) die(ok.error().to_string());
    if (auto ok = rules.evaluate(r); !ok) die(ok.error().to_string());
    return r.get("value_grade")->as_string();
  };
  // The grades, from the value rules; the whole rule set must agree with them.
  for (std::size_t i = 0; i < customers.size(); ++i) grades[i] = grade_with(value, record, customers[i]);

  const int rounds = 5;
  const Rate record_rate = best_rate_each(customers, rounds, [&](const Customer& c) {
    record.clear();
    for (const auto& [slot, v] : c.inputs) (void)record.set(slot, v);
    if (!value.evaluate(record)) die("evaluation failed");
    if (record.outputs()[grade_out].is_null()) die("no grade");
  });
  const Rate json_rate = best_rate_each(customers, rounds, [&](const Customer& c) {
    auto out = value.evaluate_json(c.json);
    if (!out || out->find("value_grade") == std::string::npos) die("evaluate_json failed");
  });
  // All cores, as ZEN's Node binding runs evaluations on its own threads: the rule set
  // shared, one Record per thread, each thread a share of the customers.
  const unsigned threads = std::max(2u, std::thread::hardware_concurrency());
  const Rate threads_rate = best_rate(customers.size(), rounds, [&] {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        crm::Record mine = value.new_record();
        for (std::size_t i = t; i < customers.size(); i += threads) {
          mine.clear();
          for (const auto& [slot, v] : customers[i].inputs) (void)mine.set(slot, v);
          if (!value.evaluate(mine) || mine.outputs()[grade_out].as_string() != grades[i]) die("a thread graded differently");
        }
      });
    for (auto& th : pool) th.join();
  });
  crm::Record full_record = full.new_record();
  std::size_t index = 0;
  const Rate full_rate = best_rate_each(customers, rounds, [&](const Customer& c) {
    if (grade_with(full, full_record, c) != grades[index++ % customers.size()]) die("the whole rule set grades differently");
  });

  std::ofstream out(argv[2]);
  for (const auto& g : grades) out << g << '\n';
  if (!out) die(std::string("cannot write ") + argv[2]);
  auto rate = [](const char* name, const Rate& r) {
    return std::string(", \"") + name + "\": {\"wall\": " + std::to_string(static_cast<long long>(r.wall)) +
           ", \"cpu\": " + std::to_string(static_cast<long long>(r.cpu)) + "}";
  };
  std::cout << "{\"engine\": \"crmrules\", \"records\": " << customers.size() << ", \"threads\": " << threads
            << rate("one_at_a_time", record_rate) << rate("json", json_rate) << rate("whole_rule_set", full_rate)
            << rate("all_threads", threads_rate) << "}\n";
  return 0;
}
