// An analysis: both models fitted on a summary, customers scored, and the result as JSON,
// a per-customer CSV and text.
#include <cstdio>

#include "src/csv/csv.hpp"
#include "src/json/writer.hpp"
#include "src/lifetime/detail.hpp"
#include "src/lifetime/model.hpp"

namespace crm::lifetime {
namespace {

namespace il = internal::lifetime;

struct SummaryColumns {
  std::vector<double> x, t_x, T, m;
};

SummaryColumns columns_of(const Summary& s) {
  SummaryColumns c;
  for (const auto& cs : s.customers) {
    c.x.push_back(cs.frequency);
    c.t_x.push_back(cs.recency);
    c.T.push_back(cs.T);
    c.m.push_back(cs.monetary_value);
  }
  return c;
}

void histogram_json(std::string& out, std::span<const HistogramBin> bins, int places) {
  internal::JsonArray a(out);
  for (const auto& b : bins) {
    internal::JsonObject e(a.item());
    e.number("repeat_purchases", std::uint64_t{b.repeat_purchases}).number("actual", b.actual);
    e.raw("expected", il::fixed(b.expected, places));
    e.close();
  }
  a.close();
}

}  // namespace

expected<Analysis> analyse(Summary fitted, const Summary* to_score, const AnalysisOptions& options,
                           const Settings& settings) {
  Analysis a;
  a.clv = options.clv ? *options.clv : ClvOptions::from(settings, fitted.unit);
  a.t = options.t > 0 ? options.t : (fitted.unit == Unit::weeks ? a.clv.month_weeks : a.clv.month_days);
  auto bg = BgNbd::fit(fitted, options.fit);
  if (!bg) return unexpected(bg.error());
  a.bg = std::move(*bg);
  auto gg = GammaGamma::fit(fitted, options.fit);
  if (gg && gg->params().q > 1) {
    a.gg = std::move(*gg);
    if (std::abs(a.gg->correlation()) > settings.correlation_warning)
      a.notes.push_back(settings.texts.correlation_note.in(Lang::en) + " (" + il::fixed(a.gg->correlation(), 4) + ")");
  } else {
    a.notes.push_back("no CLV: the Gamma-Gamma model was not fitted: " +
                      (gg ? std::string("q is not above 1") : gg.error().message));
  }
  a.histogram = a.bg->histogram(fitted, static_cast<std::uint32_t>(settings.histogram_bins));
  a.scored = to_score ? *to_score : fitted;
  a.fitted = std::move(fitted);
  const SummaryColumns c = columns_of(a.scored);
  if (a.scored.customers.empty()) return a;
  // Without a spend model the profit is 0, so is CLV: neither is written.
  auto scores = il::score_customers(*a.bg, a.gg ? &*a.gg : nullptr, c.x, c.t_x, c.T, c.m, a.t, a.clv, options.threads);
  if (!scores) return unexpected(scores.error());
  a.scores = std::move(*scores);
  return a;
}

std::string Analysis::to_json(const Settings& s) const {
  std::string out;
  internal::JsonObject o(out, internal::JsonLayout::lines);
  o.string("unit", il::unit_name(fitted.unit)).raw("t", il::fixed(t, 6));
  o.key("clv");
  {
    internal::JsonObject c(out);
    c.number("horizon_months", std::int64_t{clv.horizon_months}).raw("discount_rate", il::fixed(clv.discount_rate, 6));
    c.close();
  }
  o.raw("bg_nbd", bg->to_json(s));
  gg ? o.raw("gamma_gamma", gg->to_json(s)) : o.null("gamma_gamma");
  o.key("histogram");
  histogram_json(out, histogram, s.expectation_places);
  o.key("customers");
  internal::JsonArray a(out, internal::JsonLayout::lines);
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const auto& c = scored.customers[i];
    const auto& sc = scores[i];
    internal::JsonObject e(a.item());
    e.string("customer", c.customer).number("frequency", std::uint64_t{c.frequency});
    e.raw("recency", il::fixed(c.recency, 6)).raw("T", il::fixed(c.T, 6));
    e.raw("p_alive", il::fixed(sc.p_alive, s.probability_places));
    e.raw("expected_purchases", il::fixed(sc.expected_purchases, s.expectation_places));
    if (gg) {
      e.raw("expected_average_profit", il::fixed(sc.expected_average_profit, s.money_places));
      e.raw("clv", il::fixed(sc.clv, s.money_places));
    }
    e.close();
  }
  a.close();
  o.key("notes");
  internal::JsonArray n(out);
  for (const auto& note : notes) internal::write_json_string(n.item(), note);
  n.close();
  o.close();
  return out;
}

std::string Analysis::to_csv(const Settings& s) const {
  std::string out = "customer,frequency,recency,T,monetary_value,p_alive,expected_purchases";
  out += gg ? ",expected_average_profit,clv\n" : "\n";
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const auto& c = scored.customers[i];
    const auto& sc = scores[i];
    internal::csv::append_cell(out, c.customer);
    out += ',' + std::to_string(c.frequency) + ',' + il::fixed(c.recency, 6) + ',' + il::fixed(c.T, 6) + ',' +
           il::fixed(c.monetary_value, 6) + ',' + il::fixed(sc.p_alive, s.probability_places) + ',' +
           il::fixed(sc.expected_purchases, s.expectation_places);
    if (gg)
      out += ',' + il::fixed(sc.expected_average_profit, s.money_places) + ',' + il::fixed(sc.clv, s.money_places);
    out += '\n';
  }
  return out;
}

std::string Analysis::to_text(Lang lang, const Settings& s) const {
  const auto& p = bg->params();
  const auto& tx = s.texts;
  std::string out = "BG/NBD: r = " + il::fixed(p.r, 4) + ", alpha = " + il::fixed(p.alpha, 4) + ", a = " +
                    il::fixed(p.a, 4) + ", b = " + il::fixed(p.b, 4) + "; log-likelihood " +
                    il::fixed(bg->log_likelihood(), 4) + " (" + std::to_string(bg->customers()) + " customers, " +
                    std::string(il::unit_name(fitted.unit)) + ")\n";
  if (gg)
    out += "Gamma-Gamma: p = " + il::fixed(gg->params().p, 4) + ", q = " + il::fixed(gg->params().q, 4) +
           ", v = " + il::fixed(gg->params().v, 4) + "; corr(frequency, monetary) = " + il::fixed(gg->correlation(), 4) +
           "\n";
  for (const auto& n : notes) out += "note: " + n + "\n";
  out += tx.fit_title.in(lang) + "\n";
  for (const auto& b : histogram)
    out += "  " + std::to_string(b.repeat_purchases) + (&b == &histogram.back() ? "+" : "") + ": " +
           std::to_string(b.actual) + " / " + il::fixed(b.expected, 1) + "\n";
  char line[512];
  std::snprintf(line, sizeof line, "%-16s %10s %12s %12s\n", "customer", tx.p_alive.in(lang).c_str(),
                tx.expected_purchases.in(lang).c_str(), gg ? tx.clv.in(lang).c_str() : "");
  out += line;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    std::snprintf(line, sizeof line, "%-16s %10s %12s %12s\n", scored.customers[i].customer.c_str(),
                  il::fixed(scores[i].p_alive, s.probability_places).c_str(),
                  il::fixed(scores[i].expected_purchases, s.expectation_places).c_str(),
                  gg ? il::fixed(scores[i].clv, s.money_places).c_str() : "");
    out += line;
  }
  return out;
}

}  // namespace crm::lifetime
