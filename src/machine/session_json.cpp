// Session: JSON views of the state, context, needs, recommendations and audit trail,
// written with src/json/writer.hpp.
#include "src/machine/session_json.hpp"

#include "src/json/writer.hpp"
#include "src/machine/compiled.hpp"
#include "crmrules/session.hpp"

namespace crm {

using internal::JsonArray;
using internal::JsonObject;
using internal::write_json_string;

namespace internal::machine {

void write_strings(std::string& out, const std::vector<std::string>& items) {
  JsonArray list(out);
  for (const auto& s : items) write_json_string(list.item(), s);
}

void write_exact(std::string& out, const Value& v) {
  // A JSON number reads back through a double: exact for integers of up to 15 digits,
  // but 0.10 would come back as 0.1 and longer numbers are refused. Every other decimal is
  // written as a string, which decimal fields accept, so that the scale survives too.
  if (v.kind() == ValueKind::decimal) {
    const std::string text = v.as_decimal().to_string();
    if (v.as_decimal().scale() > 0 || text.size() > 15) {
      write_json_string(out, text);
      return;
    }
  }
  write_json_value(out, v);
}

void write_fields(std::string& out, const std::vector<Field>& fields, const Value* values, Decimals decimals) {
  JsonObject o(out);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    o.key(fields[i].name);
    if (decimals == Decimals::exact) write_exact(out, values[i]);
    else write_json_value(out, values[i]);
  }
}

namespace {

void write_need(std::string& out, const Need& n, DealSize deal) {
  JsonObject o(out);
  o.string("id", n.id)
      .string("description", n.description)
      .string("category", n.category)
      .string("stakeholder", n.stakeholder)
      .string("owner", to_string(n.owner))
      .string("level", to_string(n.level));
  if (auto g = maslow_group(n.level)) o.string("maslow_group", to_string(*g));
  o.boolean("stated", n.stated).boolean("explicit", n.is_explicit()).boolean("buying_signal", n.is_buying_signal(deal));
  o.key("problems");
  write_strings(out, n.problems);
  o.key("implications");
  write_strings(out, n.implications);
  o.key("payoffs");
  write_strings(out, n.payoffs);
  o.key("benefits");
  write_strings(out, n.benefits);
}

}  // namespace

void write_needs(std::string& out, std::span<const Need> needs, DealSize deal) {
  JsonArray list(out);
  for (const auto& n : needs) write_need(list.item(), n, deal);
}

void write_recommendations(std::string& out, const std::vector<Recommendation>& recs) {
  JsonArray list(out);
  for (const auto& r : recs) {
    JsonObject o(list.item());
    o.string("kind", r.kind).string("topic", r.topic).string("text", r.text).key("items");
    write_strings(out, r.items);
    o.string("source", r.source).string("lang", to_string(r.lang)).boolean("fallback", r.fallback);
  }
}

}  // namespace internal::machine

using internal::machine::Decimals;
using internal::machine::write_fields;
using internal::machine::write_needs;
using internal::machine::write_recommendations;
using internal::machine::write_strings;

namespace {

void write_names(std::string& out, const std::vector<std::string_view>& names) {
  JsonArray list(out);
  for (auto name : names) write_json_string(list.item(), name);
}

void write_benefits(std::string& out, const std::vector<BenefitStatement>& statements) {
  JsonArray list(out);
  for (const auto& b : statements) {
    JsonObject o(list.item());
    o.string("need", b.need).string("feature", b.feature).string("advantage", b.advantage).string("benefit", b.benefit);
    o.key("evidence");
    write_strings(out, b.evidence);
    o.string("lang", to_string(b.lang)).boolean("fallback", b.fallback);
  }
}

}  // namespace

std::string Session::context_json() const {
  std::string out;
  write_fields(out, m_->context.fields(), frame_.data(), Decimals::as_numbers);
  return out;
}

std::string Session::needs_json() const {
  std::string out;
  write_needs(out, needs_, deal_size().value_or(DealSize::large));
  return out;
}

std::string Session::allowed_events_json() const {
  std::string out;
  write_names(out, allowed_events());
  return out;
}

expected<std::string> Session::recommendations_json() const {
  auto recs = recommendations();
  if (!recs) return unexpected(recs.error());
  std::string out;
  write_recommendations(out, *recs);
  return out;
}

std::string Session::benefits_json() const {
  std::string out;
  write_benefits(out, benefit_statements());
  return out;
}

std::string Session::audit_json() const {
  std::string out;
  JsonArray list(out);
  for (std::size_t i = 0; i < audit_.size(); ++i) {
    const Entry& e = audit_[i];
    JsonObject o(list.item());
    o.number("sequence", std::uint64_t{i})
        .number("time", e.time)
        .string("event", m_->events[e.event].name)
        .string("from", m_->states[e.from].name)
        .string("to", m_->states[e.to].name)
        .string("transition", m_->transitions[e.transition].pointer)
        .key("data");
    write_fields(out, m_->events[e.event].data.fields(), audit_data_.data() + e.data_begin, Decimals::as_numbers);
  }
  list.close();
  return out;
}

expected<std::string> Session::status_json() const {
  auto recs = recommendations();
  if (!recs) return unexpected(recs.error());
  std::string out;
  JsonObject o(out);
  o.string("machine", m_->name).string("lang", to_string(lang_)).string("state", state_name()).boolean("final", is_final());
  o.key("allowed");
  write_names(out, allowed_events());
  o.key("context");
  write_fields(out, m_->context.fields(), frame_.data(), Decimals::as_numbers);
  o.key("needs");
  write_needs(out, needs_, deal_size().value_or(DealSize::large));
  o.key("recommendations");
  write_recommendations(out, *recs);
  o.key("benefits");
  write_benefits(out, benefit_statements());
  o.number("audit_size", std::uint64_t{audit_.size()});
  o.close();
  return out;
}

}  // namespace crm
