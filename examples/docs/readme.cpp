// The README's C++ fragments, one function per section, each fragment verbatim (a
// `part of` marker in README.md; tests/docs/snippets_test.py) with what it needs before it
// and checks of its results after it. Run from the project's root. A fragment's own
// #include is already done at the top: the header's #pragma once makes it a no-op there.
#include <crmrules/account.hpp>
#include <crmrules/dmn.hpp>
#include <crmrules/kano.hpp>
#include <crmrules/lifetime.hpp>
#include <crmrules/machine.hpp>
#include <crmrules/next.hpp>
#include <crmrules/portfolio.hpp>
#include <crmrules/portfolio_grading.hpp>
#include <crmrules/replay.hpp>
#include <crmrules/rule_set.hpp>
#include <crmrules/service.hpp>
#include <crmrules/session.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#define CHECK(condition)                                                                   \
  do {                                                                                     \
    if (!(condition)) {                                                                    \
      std::cerr << __FILE__ << ":" << __LINE__ << ": failed: " #condition "\n";            \
      std::exit(1);                                                                        \
    }                                                                                      \
  } while (0)

namespace {

std::string read(const char* path) {
  std::ifstream in(path, std::ios::binary);
  CHECK(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

crm::Decimal dec(const char* text) { return *crm::Decimal::parse(text); }

void portfolio_grading() {
  std::vector<crm::Decimal> profits = {dec("100"), dec("50"), dec("30"), dec("15"), dec("5")};
  auto p = crm::Portfolio::classify(profits);                     // std::vector<crm::Decimal>
  p->abc_class(0); p->rank(0); p->cumulative_share(0); p->pareto_share();
  CHECK(p->abc_class(0) == crm::AbcClass::A && p->abc_class(3) == crm::AbcClass::B && p->abc_class(4) == crm::AbcClass::C);
  CHECK(p->rank(0) == 1 && p->cumulative_share(0) == dec("0.5"));
  CHECK(p->pareto_share() == dec("0.5"));  // the top 20%: one customer of five, 100 of 200
}

void file_grading() {
  const std::string graded_csv = (std::filesystem::temp_directory_path() / "crmrules_readme_graded.csv").string();
  crm::GradeOptions options;                                       // crmrules/portfolio_grading.hpp
  options.keep = {"name"};                                          // carried through after id
  auto summary = crm::grade_csv_file(crm::RuleSet::builtin(), "examples/data/deck_customers.csv", graded_csv, options);
  summary->graded; summary->rejects; summary->to_json();           // graded_csv replaced only on success
  CHECK(summary && summary->graded == 3 && summary->rejects.empty());
  const std::string rows = read(graded_csv.c_str());
  CHECK(rows.starts_with("line,id,name,") && rows.find("2,HQ,华强工贸,") != std::string::npos);
  std::filesystem::remove(graded_csv);
}

void guided_selling() {
  const std::string script = R"([{"event": "shared", "time": 1700000060}])";
  const std::int64_t now = 1700000000;                             // the event's time: Unix seconds
  crm::Session s = crm::Machine::builtin("lscpa")->start();
  auto fired = s.fire("objection", now, {{"kind", "price_value"}, {"text", "looks good but too expensive"}});
  if (!fired) std::cerr << fired.error().to_string() << '\n';     // illegal_transition, a bad field: nothing changed
  s.state_name(); s.recommendations(); auto bytes = s.save();      // restore later: Session::restore
  auto replay = crm::replay_json(s, script);   // a scripted conversation, each step's error placed in it
  CHECK(fired);
  CHECK(crm::Session::restore(crm::Machine::builtin_rules(), bytes)->state_name() == "share");
  CHECK(!s.recommendations()->empty());
  CHECK(replay && replay->failed() == 0 && s.state_name() == "clarify");
}

void key_account_plans() {
  const std::string account_json = read("examples/account/dongfeng.json");
  #include <crmrules/account.hpp>
  auto plan = crm::account::Planner::builtin().plan(account_json);    // errors: pointer, line, column
  plan->clarities_known; plan->type.id; plan->next_actions[0].text.in(crm::Lang::zh);
  CHECK(plan && plan->type.id == "partnership" && plan->clarities_known <= 9);
  CHECK(!plan->next_actions.empty() && !plan->next_actions[0].text.in(crm::Lang::zh).empty());
}

void service_commitments() {
  #include <crmrules/service.hpp>
  auto report = crm::service::Checker::builtin().check_csv_file("examples/service/tickets.csv");   // bad rows: report->rejected
  report->total.tallies[0].rate(); report->breaches; report->to_json();
  CHECK(report && report->rejected.size() == 4 && report->breaches.size() == 4);  // the file's bad rows, its late tickets
  CHECK(report->total.tallies[0].rate() == dec("0.6667"));  // replied in 15 minutes: 2 of 3 (T2 one minute late)
}

void lifetime_value() {
  #include <crmrules/lifetime.hpp>
  auto summary = crm::lifetime::read_summary_csv_file("tests/data/cdnow/cdnow_customers_summary.csv");   // or summarize(*TransactionLog::read_csv_file(...))
  auto bg = crm::lifetime::BgNbd::fit(*summary);                      // errors: no repeat buyer, no convergence (last values)
  bg->p_alive(2, 30.43, 38.86); bg->expected_purchases(39, 2, 30.43, 38.86);
  CHECK(bg);
  CHECK(std::abs(bg->params().r - 0.243) < 0.001 && std::abs(bg->params().alpha - 4.414) < 0.001);  // the paper's fit
  CHECK(std::abs(bg->expected_purchases(39, 2, 30.43, 38.86) - 1.226) < 0.001);  // the paper's customer 1
}

void next_best_actions() {
  const std::string customer_json = read("examples/next/dongfeng.json");
  #include <crmrules/next.hpp>
  auto advice = crm::next::Advisor::builtin().advise(customer_json);   // errors: pointer, line, column
  advice->actions[0].text.in(crm::Lang::zh); advice->actions[0].channel; advice->actions[0].owner;
  CHECK(advice && !advice->actions.empty());
  CHECK(!advice->actions[0].channel.empty() && !advice->actions[0].owner.empty());
}

void kano_analysis() {
  const std::string csv_text = read("examples/data/kano_survey.csv");
  #include <crmrules/kano.hpp>
  crm::kano::Survey survey;                                        // or Survey(Settings::from_rule_set(rules))
  auto added = survey.add("r1", "Free delivery", "Like", "Dislike", "gold", "2025-H1");   // a bad pair: an error
  auto read = crm::kano::read_csv(survey, csv_text, {"segment", "wave"});  // a bad header: an error; bad rows: survey.issues()
  crm::kano::Analysis a = survey.analyze();                        // a.results, a.priorities, a.drifts, a.to_json()
  CHECK(added && read);
  CHECK(survey.issues().size() == 2 && survey.issues()[0].where.line == 7);  // the example's bad rows: an answer 6, half a pair
  bool found = false;
  for (const auto& r : a.results)
    if (r.attribute == "Free delivery") {
      found = true;
      CHECK(r.category == crm::kano::Category::one_dimensional && r.better == dec("1"));
    }
  CHECK(found && a.results.size() > 1);
}

void dmn_decision_tables() {
  const std::string xml = read("tests/data/dmn-tck/TestCases/compliance-level-2/0004-simpletable-U/0004-simpletable-U.dmn");
  auto rules = crm::RuleSet::load_dmn(xml);                         // #include <crmrules/dmn.hpp>
  auto out = crm::dmn::evaluate_json(*rules, R"({"Age": 18, "RiskCategory": "Low", "isAffordable": true})");
  CHECK(out && *out == R"({"Approval Status":"Approved"})");
}

}  // namespace

int main() {
  portfolio_grading();
  file_grading();
  guided_selling();
  key_account_plans();
  service_commitments();
  lifetime_value();
  next_best_actions();
  kano_analysis();
  dmn_decision_tables();
  std::cout << "the README's C++ fragments ran and gave what it says\n";
}
