// Plan::to_json: the whole plan, every text in both languages (docs/account.md).
#include "crmrules/account.hpp"
#include "src/json/writer.hpp"

namespace crm::account {
namespace {

using internal::JsonArray;
using internal::JsonLayout;
using internal::JsonObject;

void strings(JsonObject& o, std::string_view name, const std::vector<std::string>& items) {
  o.key(name);
  JsonArray a(o.out());
  for (const auto& s : items) internal::write_json_string(a.item(), s);
  a.close();
}

/// An array member of objects, each written by `one(JsonObject&, const T&)`.
template <class T, class One>
void objects(JsonObject& o, std::string_view name, const std::vector<T>& items, One one, JsonLayout layout) {
  o.key(name);
  JsonArray a(o.out(), layout);
  for (const T& item : items) {
    JsonObject inner(a.item());
    one(inner, item);
    inner.close();
  }
  a.close();
}

void step(JsonObject& o, std::string_view name, const Step& s) {
  o.key(name);
  JsonObject inner(o.out());
  inner.string("id", s.id);
  inner.text("name", s.name);
  inner.text("advice", s.advice);
  inner.boolean("critical", s.critical);
  inner.close();
}

void write_buying_centre(JsonObject& o, const BuyingCentre& bc) {
  o.key("buying_centre");
  JsonObject inner(o.out());
  objects(
      inner, "roles", bc.roles,
      [](JsonObject& r, const Role& role) {
        r.string("id", role.id);
        r.text("name", role.name);
        strings(r, "holders", role.holders);
        r.text("advice", role.advice);
      },
      JsonLayout::inline_);
  strings(inner, "unheld", bc.unheld);
  inner.number("supporters", static_cast<std::uint64_t>(bc.supporters))
      .number("neutrals", static_cast<std::uint64_t>(bc.neutrals))
      .number("opponents", static_cast<std::uint64_t>(bc.opponents))
      .number("unknown_attitudes", static_cast<std::uint64_t>(bc.unknown_attitudes));
  strings(inner, "needs_unknown", bc.needs_unknown);
  inner.close();
}

}  // namespace

std::string Plan::to_json() const {
  std::string out;
  JsonObject o(out, JsonLayout::lines);
  o.string("customer", customer).string("grade", grade).string("deal_size", deal_size);
  objects(
      o, "clarities", clarities,
      [](JsonObject& c, const Clarity& x) {
        c.string("id", x.id);
        c.text("name", x.name);
        c.boolean("known", x.known);
        c.text("question", x.question);
      },
      JsonLayout::lines);
  o.number("clarities_known", static_cast<std::uint64_t>(clarities_known));
  write_buying_centre(o, buying_centre);
  objects(
      o, "stakeholders", stakeholders,
      [](JsonObject& s, const StakeholderPlan& x) {
        s.string("name", x.name).string("attitude", x.attitude).boolean("needs_known", x.needs_known);
        s.number("stars", static_cast<std::int64_t>(x.stars));
        s.text("stars_name", x.stars_name);
        s.text("raise", x.raise);
      },
      JsonLayout::lines);
  o.key("type");
  {
    JsonObject t(out);
    t.string("id", type.id);
    t.text("name", type.name);
    t.text("focus", type.focus);
    t.text("selling", type.selling);
    t.close();
  }
  objects(
      o, "tactics", tactics,
      [](JsonObject& t, const Tactic& x) {
        t.string("trait", x.trait);
        t.text("name", x.name);
        t.text("tactic", x.tactic);
      },
      JsonLayout::lines);
  objects(
      o, "criteria", criteria,
      [](JsonObject& c, const CriterionPlan& x) {
        c.string("name", x.name).string("strategy", x.strategy).number("rank", static_cast<std::int64_t>(x.rank));
        c.text("advice", x.advice);
      },
      JsonLayout::lines);
  step(o, "stage", stage);
  step(o, "phase", phase);
  objects(
      o, "next_actions", next_actions,
      [](JsonObject& a, const Action& x) {
        a.string("id", x.id).number("priority", static_cast<std::int64_t>(x.priority));
        a.text("text", x.text);
        a.text("reason", x.reason);
        a.string("source", x.source);
      },
      JsonLayout::lines);
  o.close();
  return out;
}

}  // namespace crm::account
