// Evaluating a scorecard: factor values, transforms, weights, the total, reason codes
// and the odds the total stands for.
#include <algorithm>

#include "src/core/decimal_raw.hpp"
#include "src/expression/decimal_math.hpp"
#include "src/core/same_text.hpp"
#include "src/ruleset/evaluate.hpp"

namespace crm::internal {
namespace {

/// The factor's weighted points for the field's value v from the constants folded at load
/// time, when exact arithmetic gives them; false otherwise (the caller then takes the
/// general path, which gives the same points, the rounded ones, or the error).
bool weighted_fast(const Factor& f, const Value& v, RawDecimal& out) {
  const WeightedPoints& w = f.weighted;
  switch (w.kind) {
    case WeightedPoints::Kind::affine: {
      if (v.kind() != ValueKind::decimal) return false;
      const Decimal& x = v.as_decimal();
      if (w.clamp) {
        const int128 key = decimal_key(x);
        if (key <= w.from_low_key) {
          out = RawDecimal::of(w.low);
          return true;
        }
        if (key >= w.from_high_key) {
          out = RawDecimal::of(w.high);
          return true;
        }
      }
      RawDecimal product;
      return raw_mul(RawDecimal::of(x), RawDecimal::of(w.slope), product) &&
             raw_add(RawDecimal::of(w.offset), product, out);
    }
    case WeightedPoints::Kind::bins: {
      if (v.kind() != ValueKind::decimal) return false;
      const auto b = w.lookup->find(v.as_decimal());
      if (b) out = RawDecimal::of(w.bins[*b]);
      return b.has_value();
    }
    case WeightedPoints::Kind::strings: {
      if (v.kind() != ValueKind::string) return false;
      const std::string& s = v.as_string();
      std::optional<std::uint32_t> b = w.any_bin;
      for (const auto& [text, bin] : w.string_bins)
        if (same_text(text, s)) {
          b = bin;
          break;
        }
      if (b) out = RawDecimal::of(w.bins[*b]);
      return b.has_value();
    }
    default:
      return false;
  }
}

/// low + (high - low) * fraction, where fraction = numerator / denominator in [0, 1].
[[nodiscard]] expected<Decimal> between(Decimal low, Decimal high, Decimal numerator, Decimal denominator) {
  auto span = high.sub(low);
  if (!span) return span;
  auto scaled = numerator.mul(*span);
  if (!scaled) return scaled;
  auto part = scaled->div(denominator);
  if (!part) return part;
  return low.add(*part);
}

/// The points of a number under a linear or log transform (or none), before the weight.
[[nodiscard]] expected<Decimal> transform_number(const Transform& t, const Decimal& x) {
  if (t.kind == Transform::Kind::identity) return x;
  if (x <= t.from_low) return t.to_low;
  if (x >= t.from_high) return t.to_high;
  if (t.kind == Transform::Kind::linear) {
    auto offset = x.sub(t.from_low);
    if (!offset) return offset;
    if (t.slope) {
      auto part = offset->mul(*t.slope);
      if (!part) return part;
      return t.to_low.add(*part);
    }
    auto width = t.from_high.sub(t.from_low);
    if (!width) return width;
    return between(t.to_low, t.to_high, *offset, *width);
  }
  auto lx = expression::decimal_log10(x);
  if (!lx) return lx;
  auto offset = lx->sub(t.log_low);
  auto width = t.log_high.sub(t.log_low);
  if (!offset || !width) return fail(ErrorCode::overflow, "log transform overflows");
  return between(t.to_low, t.to_high, *offset, *width);
}

/// The factor's points before the weight.
[[nodiscard]] expected<Decimal> transform(const Factor& f, ValueView v, std::span<const Value> frame, EvaluationScratch& scratch,
                            std::optional<std::size_t>& bin) {
  const Transform& t = f.transform;
  if (t.kind == Transform::Kind::bins) {
    // The same first match as running the cells, without running them (load_transform).
    if (t.bins_fast == Transform::BinsFast::intervals && v.kind() == ValueKind::decimal) {
      for (std::size_t b = 0; b < t.bins.size(); ++b)
        if (t.bins[b].when.intervals()->contains(v.as_decimal())) {
          bin = b;
          return t.bins[b].points;
        }
      return fail(ErrorCode::no_match, "no bin matches " + v.to_string());
    }
    if (t.bins_fast == Transform::BinsFast::strings && v.kind() == ValueKind::string) {
      for (std::size_t b = 0; b < t.bins.size(); ++b) {
        const ConstantSet* c = t.bins[b].when.constants();
        const bool hit = c == nullptr ? t.bins[b].when.is_any()
                                      : std::any_of(c->values.begin(), c->values.end(), [&](const Value& s) {
                                          return s.as_string() == v.as_string();
                                        });
        if (hit) {
          bin = b;
          return t.bins[b].points;
        }
      }
      return fail(ErrorCode::no_match, "no bin matches " + v.to_string());
    }
    for (std::size_t b = 0; b < t.bins.size(); ++b) {
      auto hit = t.bins[b].when.matches(v, frame, scratch.eval);
      if (!hit) return unexpected(hit.error());
      if (*hit) {
        bin = b;
        return t.bins[b].points;
      }
    }
    return fail(ErrorCode::no_match, "no bin matches " + v.to_string());
  }
  if (v.kind() != ValueKind::decimal)
    return fail(v.is_null() ? ErrorCode::missing : ErrorCode::type_mismatch,
                "the value is " + (v.is_null() ? std::string("null") : v.to_string()) + ", not a number");
  return transform_number(t, v.decimal_ref());
}

/// base_odds * 2^((total - base_score) / points_to_double)
[[nodiscard]] expected<Decimal> odds_for(const Scorecard::Odds& odds, Decimal total) {
  auto above = total.sub(odds.base_score);
  if (!above) return above;
  auto doublings = above->div(odds.points_to_double);
  if (!doublings) return doublings;
  auto factor = expression::decimal_pow(Decimal::from_int(2), *doublings);
  if (!factor) return factor;
  return odds.base_odds.mul(*factor);
}

/// Sorts the factors furthest first, ties in factor order, without a temporary buffer
/// (std::stable_sort would allocate one): an insertion sort for the usual few, std::sort
/// with the index as the tie-break past them, where an insertion sort would be quadratic
/// in the factors (a scorecard of 100,000 factors).
[[gnu::noinline]] void rank_by_distance(std::vector<std::size_t>& ranking, const std::vector<Decimal>& distance) {
  constexpr std::size_t few = 16;
  if (ranking.size() > few) {
    std::sort(ranking.begin(), ranking.end(), [&](std::size_t a, std::size_t b) {
      const auto c = distance[a] <=> distance[b];
      return c != 0 ? c > 0 : a < b;
    });
    return;
  }
  for (std::size_t i = 1; i < ranking.size(); ++i)
    for (std::size_t j = i; j > 0 && distance[ranking[j]] > distance[ranking[j - 1]]; --j)
      std::swap(ranking[j], ranking[j - 1]);
}

}  // namespace

[[nodiscard]] expected<void> evaluate_scorecard(const Decision& decision, const Scorecard& card, std::span<Value> frame,
                                  EvaluationScratch& scratch, DecisionTrace* trace) {
  if (trace) trace->kind = "scorecard";
  RawDecimal total_raw = RawDecimal::of(card.initial);
  // Each factor's points, kept only for ranking reason codes (written out or traced).
  const bool ranks = card.reasons_slot || trace;
  auto& points = scratch.points;
  points.clear();
  for (const Factor& f : card.factors) {
    // The hot path: a field read directly, its weighted points from the constants folded
    // at load time, in raw arithmetic.
    if (f.field_slot && !trace) {
      RawDecimal weighted;
      if (weighted_fast(f, frame[*f.field_slot], weighted)) {
        RawDecimal sum;
        if (!raw_add(total_raw, weighted, sum))
          return decision_error(decision, total_raw.to_decimal().add(weighted.to_decimal()).error(), "total");
        total_raw = sum;
        if (ranks) points.push_back(weighted.to_decimal());
        continue;
      }
    }
    std::optional<std::size_t> bin;
    ValueView input;
    // Otherwise a number field read directly (what running `name` gives), its
    // Decimal used in place rather than copied through a ValueView.
    const bool direct = f.field_slot && !trace && f.transform.kind != Transform::Kind::bins &&
                        frame[*f.field_slot].kind() == ValueKind::decimal;
    if (direct) {
    } else if (f.field_slot) {
      input = ValueView(frame[*f.field_slot]);
    } else if (auto ok = f.expression.evaluate(frame, scratch.eval, scratch.view); !ok) {
      return decision_error(decision, ok.error(), "factor " + f.name);
    } else {
      input = scratch.view;
    }
    // Built in place (a default-constructed expected would be zeroed first).
    auto raw = direct ? transform_number(f.transform, frame[*f.field_slot].as_decimal())
                                                : transform(f, input, frame, scratch, bin);
    if (!raw) return decision_error(decision, raw.error(), "factor " + f.name);
    auto weighted = raw->mul(f.weight);
    if (!weighted) return decision_error(decision, weighted.error(), "factor " + f.name);
    RawDecimal sum;
    if (!raw_add(total_raw, RawDecimal::of(*weighted), sum))
      return decision_error(decision, total_raw.to_decimal().add(*weighted).error(), "total");
    total_raw = sum;
    if (ranks) points.push_back(*weighted);
    if (trace) {
      FactorTrace ft;
      ft.name = f.name;
      ft.input = input.to_value();
      ft.points = *weighted;
      ft.bin = bin;
      if (f.baseline) ft.baseline_difference = *f.baseline->sub(*weighted);
      ft.reason_code = f.reason_code;
      trace->factors.push_back(std::move(ft));
    }
  }
  Decimal total = total_raw.to_decimal();
  if (card.scale) {
    auto rounded = total.round(*card.scale);
    if (!rounded) return decision_error(decision, rounded.error(), "total");
    total = *rounded;
  }
  frame[card.total_slot].set_decimal(total);

  if (card.odds_slot) {
    auto odds = odds_for(*card.odds, total);
    if (!odds) return decision_error(decision, odds.error(), "odds");
    frame[*card.odds_slot].set_decimal(*odds);
  }

  if (!ranks) return {};
  // Reason codes: the factors furthest below (or above) their baselines, ranked.
  auto& ranking = scratch.ranking;
  auto& distance = scratch.distances;  // each ranked factor's, computed once
  ranking.clear();
  for (std::size_t i = 0; i < card.factors.size(); ++i) {
    if (!card.factors[i].baseline) continue;
    const Decimal& baseline = *card.factors[i].baseline;
    // The distance baseline - points (or points - baseline) is positive exactly when the
    // factor ranks; when it overflows, a comparison decides and the distance is zero.
    const RawDecimal b = RawDecimal::of(baseline), p = RawDecimal::of(points[i]);
    RawDecimal d;
    const bool exact = card.reasons_below ? raw_add(b, p.negate(), d) : raw_add(p, b.negate(), d);
    if (exact ? d.c > 0 : (card.reasons_below ? points[i] < baseline : points[i] > baseline)) {
      ranking.push_back(i);
      distance[i] = exact ? d.to_decimal() : Decimal();
    }
  }
  rank_by_distance(ranking, distance);
  if (card.reasons_slot) {
    std::string& text = scratch.text;
    text.clear();
    for (std::size_t k = 0; k < ranking.size() && k < card.reason_count; ++k) {
      if (k) text += ',';
      text += card.factors[ranking[k]].reason_code;
    }
    frame[*card.reasons_slot].set_string(text);
  }
  if (trace) {
    for (std::size_t i : ranking) trace->reason_codes.push_back(card.factors[i].reason_code);
    trace->outputs.emplace_back(card.output, frame[card.total_slot]);
    if (card.odds_slot) trace->outputs.emplace_back(card.output + "_odds", frame[*card.odds_slot]);
    if (card.reasons_slot) trace->outputs.emplace_back(card.output + "_reasons", frame[*card.reasons_slot]);
  }
  return {};
}

}  // namespace crm::internal
