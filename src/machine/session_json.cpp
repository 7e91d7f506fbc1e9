// Session: JSON views of the state, context, needs, recommendations and audit trail.
#include "src/json/writer.hpp"
#include "src/machine/compiled.hpp"
#include "src/machine/session_io.hpp"
#include "crmrules/session.hpp"

namespace crm {

namespace internal::machine {

void write_strings(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    write_json_string(out, items[i]);
  }
  out += ']';
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

void write_need(std::string& out, const Need& n, DealSize deal) {
  out += "{\"id\": ";
  write_json_string(out, n.id);
  out += ", \"description\": ";
  write_json_string(out, n.description);
  out += ", \"category\": ";
  write_json_string(out, n.category);
  out += ", \"stakeholder\": ";
  write_json_string(out, n.stakeholder);
  out += ", \"owner\": ";
  write_json_string(out, to_string(n.owner));
  out += ", \"level\": ";
  write_json_string(out, to_string(n.level));
  if (auto g = maslow_group(n.level)) {
    out += ", \"maslow_group\": ";
    write_json_string(out, to_string(*g));
  }
  out += ", \"stated\": ";
  out += n.stated ? "true" : "false";
  out += ", \"explicit\": ";
  out += n.is_explicit() ? "true" : "false";
  out += ", \"buying_signal\": ";
  out += n.is_buying_signal(deal) ? "true" : "false";
  out += ", \"problems\": ";
  write_strings(out, n.problems);
  out += ", \"implications\": ";
  write_strings(out, n.implications);
  out += ", \"payoffs\": ";
  write_strings(out, n.payoffs);
  out += ", \"benefits\": ";
  write_strings(out, n.benefits);
  out += '}';
}

}  // namespace internal::machine

using namespace internal::machine;
using internal::write_json_string;

std::string Session::context_json() const {
  std::string out = "{";
  const auto& fields = m_->context.fields();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ", ";
    write_json_string(out, fields[i].name);
    out += ": ";
    internal::write_json_value(out, frame_[i]);
  }
  return out + "}";
}

std::string Session::needs_json() const {
  const DealSize deal = deal_size().value_or(DealSize::large);
  std::string out = "[";
  for (std::size_t i = 0; i < needs_.size(); ++i) {
    if (i) out += ", ";
    write_need(out, needs_[i], deal);
  }
  return out + "]";
}

std::string Session::allowed_events_json() const {
  std::string out = "[";
  bool first = true;
  for (auto e : allowed_events()) {
    if (!first) out += ", ";
    first = false;
    write_json_string(out, e);
  }
  return out + "]";
}

expected<std::string> Session::recommendations_json() const {
  auto recs = recommendations();
  if (!recs) return unexpected(recs.error());
  std::string out = "[";
  for (std::size_t i = 0; i < recs->size(); ++i) {
    const auto& r = (*recs)[i];
    out += i ? ", {\"kind\": " : "{\"kind\": ";
    write_json_string(out, r.kind);
    out += ", \"text\": ";
    write_json_string(out, r.text);
    out += ", \"items\": ";
    write_strings(out, r.items);
    out += ", \"source\": ";
    write_json_string(out, r.source);
    out += '}';
  }
  return out + "]";
}

std::string Session::benefits_json() const {
  std::string out = "[";
  const auto statements = benefit_statements();
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const auto& b = statements[i];
    out += i ? ", {\"need\": " : "{\"need\": ";
    write_json_string(out, b.need);
    out += ", \"feature\": ";
    write_json_string(out, b.feature);
    out += ", \"advantage\": ";
    write_json_string(out, b.advantage);
    out += ", \"benefit\": ";
    write_json_string(out, b.benefit);
    out += ", \"evidence\": ";
    write_strings(out, b.evidence);
    out += '}';
  }
  return out + "]";
}

std::string Session::audit_json() const {
  std::string out = "[";
  for (std::size_t i = 0; i < audit_.size(); ++i) {
    const Entry& e = audit_[i];
    out += i ? ", {\"sequence\": " : "{\"sequence\": ";
    out += std::to_string(i);
    out += ", \"time\": " + std::to_string(e.time) + ", \"event\": ";
    write_json_string(out, m_->events[e.event].name);
    out += ", \"from\": ";
    write_json_string(out, m_->states[e.from].name);
    out += ", \"to\": ";
    write_json_string(out, m_->states[e.to].name);
    out += ", \"transition\": ";
    write_json_string(out, m_->transitions[e.transition].pointer);
    out += ", \"data\": {";
    const auto& fields = m_->events[e.event].data.fields();
    for (std::size_t f = 0; f < fields.size(); ++f) {
      if (f) out += ", ";
      write_json_string(out, fields[f].name);
      out += ": ";
      internal::write_json_value(out, audit_data_[e.data_begin + f]);
    }
    out += "}}";
  }
  return out + "]";
}

expected<std::string> Session::status_json() const {
  auto recs = recommendations_json();
  if (!recs) return unexpected(recs.error());
  std::string out = "{\"machine\": ";
  write_json_string(out, m_->name);
  out += ", \"state\": ";
  write_json_string(out, state_name());
  out += ", \"final\": ";
  out += is_final() ? "true" : "false";
  out += ", \"allowed\": " + allowed_events_json();
  out += ", \"context\": " + context_json();
  out += ", \"needs\": " + needs_json();
  out += ", \"recommendations\": " + *recs;
  out += ", \"benefits\": " + benefits_json();
  out += ", \"audit_size\": " + std::to_string(audit_.size());
  return out + "}";
}

}  // namespace crm
