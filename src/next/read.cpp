// Advisor::read: a customer document gathered into facts (docs/next.md). Saved sessions
// are restored with the built-in machines and an account document is planned with the
// built-in account rules; an error inside one names its place in the whole document.
#include <algorithm>
#include <boost/json.hpp>
#include <string>

#include "crmrules/account.hpp"
#include "crmrules/next.hpp"
#include "crmrules/session.hpp"
#include "src/json/parse.hpp"
#include "src/json/reader.hpp"
#include "src/next/section.hpp"

namespace crm::next {
namespace {

using internal::JsonReader;

/// An error of a document nested at `at` (a session, an account), placed in the whole text.
Error nested(Error e, const JsonReader& at, std::string_view text) {
  const std::string pointer = at.pointer() + (e.where.pointer == "/" ? "" : e.where.pointer);
  e.message = "at " + at.pointer() + ": " + e.message;
  e.where = internal::locate(text, pointer);
  return e;
}

/// An error with a pointer into the document, given its line and column there.
Error placed(Error e, std::string_view text) {
  if (e.where.line != 0 || e.where.pointer.empty()) return e;
  if (e.where.pointer == "/") {  // the document itself: where it starts
    e.where = internal::position_of(text, std::min(text.size(), text.find_first_not_of(" \t\r\n")));
    e.where.pointer = "/";
  } else {
    e.where = internal::locate(text, e.where.pointer);
  }
  return e;
}

/// An optional string member (null: absent).
expected<std::string> optional_string(const JsonReader& at) {
  if (!at.exists() || at.raw()->is_null()) return std::string();
  auto s = at.string();
  if (!s) return unexpected(s.error());
  return std::string(*s);
}

/// An optional whole number within [lo, hi] (null: absent).
expected<std::optional<int>> optional_int(const JsonReader& at, int lo, int hi) {
  if (!at.exists() || at.raw()->is_null()) return std::optional<int>();
  auto n = at.integer();
  if (!n) return unexpected(n.error());
  if (*n < lo || *n > hi)
    return at.error(ErrorCode::out_of_range, "expected " + std::to_string(lo) + ".." + std::to_string(hi));
  return std::optional<int>(static_cast<int>(*n));
}

class Reader {
 public:
  Reader(const internal::next::Section& s, std::string_view text) : s_(s), text_(text) {}

  expected<Customer> read() {
    auto doc = internal::parse_json(text_);
    if (!doc) return unexpected(doc.error());
    if (auto ok = gather(JsonReader(&*doc, "")); !ok) return unexpected(placed(ok.error(), text_));
    return std::move(c_);
  }

 private:
  expected<void> gather(const JsonReader& root) {
    if (!root.raw()->is_object()) return root.error(ErrorCode::type_mismatch, "a customer document is a JSON object");
    if (auto keys =
            root.only_keys({"customer", "grading", "satisfaction", "service", "complaints", "sessions", "account"});
        !keys)
      return keys;
    for (auto step : {&Reader::customer, &Reader::grading, &Reader::satisfaction, &Reader::service, &Reader::complaints,
                      &Reader::sessions, &Reader::account})
      if (auto ok = (this->*step)(root); !ok) return ok;
    return {};
  }

  expected<void> customer(const JsonReader& root) {
    const JsonReader at = root["customer"];
    if (!at.exists()) return {};
    if (auto keys = at.only_keys({"id", "name"}); !keys) return keys;
    auto id = optional_string(at["id"]);
    if (!id) return unexpected(id.error());
    auto name = optional_string(at["name"]);
    if (!name) return unexpected(name.error());
    c_.id = std::move(*id);
    c_.name = std::move(*name);
    return {};
  }

  /// The grading rules' outputs for this customer: the ones the advisor uses are read,
  /// the others (scores, reasons, credit limits, ...) are left alone.
  expected<void> grading(const JsonReader& root) {
    const JsonReader at = root["grading"];
    if (!at.exists()) return {};
    if (auto o = at.object(); !o) return unexpected(o.error());
    Facts& f = c_.facts;
    for (auto [field, name] : {std::pair{&f.value_grade, "value_grade"}, std::pair{&f.abc_class, "abc_class"},
                               std::pair{&f.credit_grade, "credit_grade"}, std::pair{&f.loyalty_level, "loyalty_level"},
                               std::pair{&c_.owner, "service_owner"}}) {
      auto v = optional_string(at[name]);
      if (!v) return unexpected(v.error());
      *field = std::move(*v);
    }
    auto points = optional_int(at["satisfaction_points"], 1, 7);
    if (!points) return unexpected(points.error());
    f.satisfaction = *points;
    auto stars = optional_int(at["loyalty_stars"], 1, 5);
    if (!stars) return unexpected(stars.error());
    f.loyalty_stars = *stars;
    auto channels = optional_string(at["service_channels"]);
    if (!channels) return unexpected(channels.error());
    for (std::size_t from = 0; from < channels->size();) {
      std::size_t comma = channels->find(',', from);
      if (comma == std::string::npos) comma = channels->size();
      if (comma > from) c_.channels.push_back(channels->substr(from, comma - from));
      from = comma + 1;
    }
    return {};
  }

  /// The 7-point scale at pre-sale, in-sale and after-sale: the lowest counts.
  expected<void> satisfaction(const JsonReader& root) {
    const JsonReader at = root["satisfaction"];
    if (!at.exists()) return {};
    if (auto keys = at.only_keys({"pre_sale", "in_sale", "after_sale"}); !keys) return keys;
    for (const char* stage : {"pre_sale", "in_sale", "after_sale"}) {
      const JsonReader v = at[stage];
      if (!v.exists() || v.raw()->is_null()) continue;
      std::optional<int> points;
      if (v.raw()->is_string()) {
        points = s_.satisfaction_points(v.raw()->get_string());
        if (!points)
          return v.error(ErrorCode::out_of_range, "'" + std::string(v.raw()->get_string()) +
                                                      "' is not a label of the 7-point scale (very_satisfied .. "
                                                      "very_dissatisfied, 很满意 .. 很不满意)");
      } else {
        auto n = optional_int(v, 1, 7);
        if (!n) return unexpected(n.error());
        points = *n;
      }
      if (!c_.facts.satisfaction || *points < *c_.facts.satisfaction) c_.facts.satisfaction = points;
    }
    return {};
  }

  /// One customer's group of a service report: the commitments below target, the breaches
  /// (not met, where the target is every ticket), the worst commitment.
  expected<void> service(const JsonReader& root) {
    const JsonReader at = root["service"];
    if (!at.exists()) return {};
    if (auto o = at.object(); !o) return unexpected(o.error());
    const JsonReader list = at["commitments"];
    auto arr = list.array();
    if (!arr) return unexpected(arr.error());
    std::optional<Decimal> worst;  // the lowest rate relative to its target
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
      const JsonReader c = list.at(i);
      auto id = c["id"].string();
      if (!id) return unexpected(id.error());
      auto met_target = c["met_target"].boolean();
      if (!met_target) return unexpected(met_target.error());
      auto not_met = c["not_met"].integer();
      if (!not_met) return unexpected(not_met.error());
      auto target = c["target"].decimal();
      if (!target) return unexpected(target.error());
      if (*target == Decimal::from_int(1)) c_.facts.service_breaches += *not_met;
      if (*met_target) continue;
      ++c_.facts.commitments_below_target;
      Decimal ratio;  // rate / target; no rate: 0 (a target missed with nothing met)
      if (c["rate"].exists() && !c["rate"].raw()->is_null()) {
        auto r = c["rate"].decimal();
        if (!r) return unexpected(r.error());
        auto q = target->is_zero() ? expected<Decimal>(*r) : r->div(*target, 6);
        if (q) ratio = *q;
      }
      if (!worst || ratio < *worst) {
        worst = ratio;
        c_.facts.worst_commitment = std::string(*id);
      }
    }
    return {};
  }

  /// A saved session at `at` (an object), restored with the built-in machines.
  expected<Session> restore(const JsonReader& at) {
    if (auto o = at.object(); !o) return unexpected(o.error());
    auto s = Session::restore_json(Machine::builtin_rules(), boost::json::serialize(*at.raw()));
    if (!s) return unexpected(nested(s.error(), at, text_));
    return s;
  }

  expected<void> complaints(const JsonReader& root) {
    const JsonReader list = root["complaints"];
    if (!list.exists()) return {};
    auto arr = list.array();
    if (!arr) return unexpected(arr.error());
    Facts& f = c_.facts;
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
      auto s = restore(list.at(i));
      if (!s) return unexpected(s.error());
      if (s->machine().name() != "complaint")
        return list.at(i).error(
            ErrorCode::invalid_argument,
            "a complaint is a saved session of the 'complaint' machine, not '" + s->machine().name() + "'");
      const std::string& state = s->state_name();
      if (state == "churned" || state == "angry")
        ++f.lost_complaints;
      else if (state == "recovered")
        ++f.recovered_complaints;
      else if (!s->is_final() && state != "in_use" && f.open_complaints++ == 0)
        f.complaint_state = state;
    }
    return {};
  }

  expected<void> sessions(const JsonReader& root) {
    const JsonReader list = root["sessions"];
    if (!list.exists()) return {};
    auto arr = list.array();
    if (!arr) return unexpected(arr.error());
    Facts& f = c_.facts;
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
      auto s = restore(list.at(i));
      if (!s) return unexpected(s.error());
      if (s->machine().name() == "lscpa" && !s->is_final() && f.open_objections++ == 0)
        if (const Value* kind = s->get("objection_kind"); kind != nullptr && !kind->is_null())
          f.objection_kind = kind->to_string();
      for (const Need& n : s->needs()) ++(n.is_explicit() ? f.explicit_needs : f.latent_needs);
    }
    return {};
  }

  expected<void> account(const JsonReader& root) {
    const JsonReader at = root["account"];
    if (!at.exists()) return {};
    if (auto o = at.object(); !o) return unexpected(o.error());
    auto plan = account::Planner::builtin().plan(boost::json::serialize(*at.raw()));
    if (!plan) return unexpected(nested(plan.error(), at, text_));
    c_.facts.open_clarities = static_cast<int>(plan->clarities.size() - plan->clarities_known);
    c_.facts.account_type = plan->type.id;
    if (!plan->next_actions.empty()) {
      c_.account_action = plan->next_actions.front().text;
      c_.account_reason = plan->next_actions.front().reason;
    }
    return {};
  }

  const internal::next::Section& s_;
  std::string_view text_;
  Customer c_;
};

}  // namespace

expected<Customer> read_customer(const internal::next::Section& s, std::string_view text) {
  return Reader(s, text).read();
}

Error place_fact_error(Error e, std::string_view text) {
  // An input the ranking rules refused is a fact the document gave: the grading's member.
  for (std::string_view name : {"value_grade", "abc_class", "credit_grade", "loyalty_level", "loyalty_stars"})
    if (e.where.pointer == "/" + std::string(name))
      return placed(Error{e.code, e.message, Location::at_pointer("/grading/" + std::string(name))}, text);
  return e;
}

}  // namespace crm::next
