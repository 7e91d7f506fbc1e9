// The deck's three customers (examples/data/deck_customers.csv), with the money side of
// the value assessment worked out in exact decimals: what a customer brings after
// discount and contact cost, and the ratios a key-account manager reads first.
//
//   ./value_assessment [examples/data/deck_customers.csv]
#include <crmrules/decimal.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line);
  for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
  return cells;
}

/// part / whole as a percentage printed with 2 decimals (division drops trailing zeros;
/// round() sets the scale).
crm::expected<crm::Decimal> percent(crm::Decimal part, crm::Decimal whole) {
  auto ratio = part.mul(crm::Decimal::from_int(100));
  if (ratio) ratio = ratio->div(whole, 2);
  if (ratio) ratio = ratio->round(2);
  return ratio;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : CRMRULES_EXAMPLE_DATA "/deck_customers.csv";
  std::ifstream file(path);
  if (!file) {
    std::cerr << "cannot open " << path << '\n';
    return 1;
  }
  std::string line;
  std::getline(file, line);  // header
  std::cout << "customer\tkept after discount and contact cost\tdiscount %\tnet margin %\n";
  for (int number = 2; std::getline(file, line); ++number) {
    const auto cells = split(line);
    if (cells.size() < 6) {
      std::cerr << path << ':' << number << ": expected at least 6 columns\n";
      return 1;
    }
    crm::Decimal amounts[4];  // purchases, discount, contact cost, net profit
    for (int k = 0; k < 4; ++k) {
      auto d = crm::Decimal::parse(cells[static_cast<std::size_t>(k) + 2]);
      if (!d) {
        std::cerr << path << ':' << number << ": " << d.error().to_string() << '\n';
        return 1;
      }
      amounts[k] = *d;
    }
    auto kept = amounts[0].sub(amounts[1]);
    if (kept) kept = kept->sub(amounts[2]);
    auto discount = percent(amounts[1], amounts[0]);
    auto margin = percent(amounts[3], amounts[0]);
    if (!kept || !discount || !margin) {
      std::cerr << path << ':' << number << ": arithmetic failed\n";
      return 1;
    }
    std::cout << cells[1] << '\t' << kept->to_string() << '\t' << discount->to_string() << '\t'
              << margin->to_string() << '\n';
  }
  return 0;
}
