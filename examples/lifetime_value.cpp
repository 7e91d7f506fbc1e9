// Lifetime value from a summary of customers (the CDNOW sample's form): fit BG/NBD and
// Gamma-Gamma, then say which customers are worth keeping: their chance of still being a
// customer, the purchases expected in the next year and their lifetime value.
//
//   lifetime_value SUMMARY.csv        (ID,x,t_x,T,zbar in weeks, as tests/data/cdnow/)
#include <algorithm>
#include <cstdio>
#include <numeric>
#include <vector>

#include "crmrules/lifetime.hpp"

namespace lt = crm::lifetime;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: lifetime_value SUMMARY.csv\n");
    return 2;
  }
  auto summary = lt::read_summary_csv_file(argv[1]);
  auto bg = summary ? lt::BgNbd::fit(*summary) : crm::unexpected(summary.error());
  auto gg = summary ? lt::GammaGamma::fit(*summary) : crm::unexpected(summary.error());
  if (!bg || !gg) {
    std::fprintf(stderr, "%s: %s\n", argv[1], (!bg ? bg.error() : gg.error()).to_string().c_str());
    return 1;
  }
  std::printf("BG/NBD r=%.3f alpha=%.3f a=%.3f b=%.3f, log-likelihood %.1f\n", bg->params().r, bg->params().alpha,
              bg->params().a, bg->params().b, bg->log_likelihood());
  std::printf("Gamma-Gamma p=%.2f q=%.2f v=%.2f\n", gg->params().p, gg->params().q, gg->params().v);

  std::vector<double> x, t_x, T, m;
  for (const auto& c : summary->customers) {
    x.push_back(c.frequency), t_x.push_back(c.recency), T.push_back(c.T), m.push_back(c.monetary_value);
  }
  auto scores = lt::score(*bg, *gg, x, t_x, T, m, 52);  // the next 52 weeks; CLV over 12 months at 1%
  if (!scores) {
    std::fprintf(stderr, "%s\n", scores.error().to_string().c_str());
    return 1;
  }
  std::vector<std::size_t> order(scores->size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return (*scores)[a].clv > (*scores)[b].clv; });
  std::printf("the five most valuable customers:\n");
  for (std::size_t k = 0; k < 5 && k < order.size(); ++k) {
    const auto& c = summary->customers[order[k]];
    const auto& s = (*scores)[order[k]];
    std::printf("  %s: P(alive) %.3f, %.2f purchases next year, CLV %.2f\n", c.customer.c_str(), s.p_alive,
                s.expected_purchases, s.clv);
  }
  return 0;
}
