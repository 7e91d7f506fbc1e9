// The key-account planner on the deck's examples: the three-customer exercise (a travel
// agency, a bus company, the Dongfeng group) and the camera case (docs/account.md).
//
//   build/release/examples/account_plan examples/account/*.json [--lang en]
#include <crmrules/account.hpp>

#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  crm::Lang lang = crm::Lang::zh;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--lang") == 0) lang = std::strcmp(argv[i + 1], "en") == 0 ? crm::Lang::en : crm::Lang::zh;
  const auto& planner = crm::account::Planner::builtin();
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--lang") == 0) {
      ++i;
      continue;
    }
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto plan = planner.plan(text.str());
    if (!plan) {
      std::cerr << argv[i] << ": " << plan.error().to_string() << '\n';
      status = 1;
      continue;
    }
    std::cout << plan->to_text(lang) << '\n';
  }
  return status;
}
