// Advice::to_json and Advice::to_text (docs/next.md).
#include "crmrules/next.hpp"
#include "src/json/writer.hpp"

namespace crm::next {
namespace {

using internal::JsonArray;
using internal::JsonLayout;
using internal::JsonObject;

void write_facts(JsonObject& o, const Facts& f) {
  auto text = [&](std::string_view name, const std::string& v) {
    if (v.empty())
      o.null(name);
    else
      o.string(name, v);
  };
  auto opt = [&](std::string_view name, std::optional<int> v) {
    if (v)
      o.number(name, static_cast<std::int64_t>(*v));
    else
      o.null(name);
  };
  text("value_grade", f.value_grade);
  text("abc_class", f.abc_class);
  text("credit_grade", f.credit_grade);
  opt("satisfaction", f.satisfaction);
  text("loyalty_level", f.loyalty_level);
  opt("loyalty_stars", f.loyalty_stars);
  o.number("open_complaints", static_cast<std::int64_t>(f.open_complaints));
  o.number("lost_complaints", static_cast<std::int64_t>(f.lost_complaints));
  o.number("recovered_complaints", static_cast<std::int64_t>(f.recovered_complaints));
  text("complaint_state", f.complaint_state);
  o.number("commitments_below_target", static_cast<std::int64_t>(f.commitments_below_target));
  o.number("service_breaches", f.service_breaches);
  text("worst_commitment", f.worst_commitment);
  o.number("open_objections", static_cast<std::int64_t>(f.open_objections));
  text("objection_kind", f.objection_kind);
  o.number("latent_needs", static_cast<std::int64_t>(f.latent_needs));
  o.number("explicit_needs", static_cast<std::int64_t>(f.explicit_needs));
  opt("open_clarities", f.open_clarities);
  text("account_type", f.account_type);
}

}  // namespace

std::string Advice::to_json() const {
  std::string out;
  JsonObject o(out, JsonLayout::lines);
  o.key("customer");
  {
    JsonObject c(out);
    c.string("id", customer_id).string("name", customer_name);
  }
  o.key("facts");
  {
    JsonObject f(out);
    write_facts(f, facts);
  }
  o.key("actions");
  {
    JsonArray a(out, JsonLayout::lines);
    for (std::size_t i = 0; i < actions.size(); ++i) {
      const Action& x = actions[i];
      JsonObject e(a.item());
      e.number("rank", static_cast<std::uint64_t>(i + 1)).string("id", x.id).number("priority", x.priority);
      e.text("text", x.text).text("reason", x.reason).string("source", x.source).string("purpose", x.purpose);
      e.string("channel", x.channel).text("channel_name", x.channel_name);
      e.string("owner", x.owner).text("owner_name", x.owner_name);
    }
  }
  o.key("levers");
  {
    JsonArray a(out);
    for (const Lever& l : levers) {
      JsonObject e(a.item());
      e.string("id", l.id).text("name", l.name);
    }
  }
  o.close();
  return out;
}

std::string Advice::to_text(Lang lang) const {
  const bool zh = lang == Lang::zh;
  std::string out = (zh ? "客户 " : "Customer ") + (customer_name.empty() ? customer_id : customer_name);
  if (!customer_name.empty() && !customer_id.empty()) out += " (" + customer_id + ")";
  if (!facts.value_grade.empty()) out += (zh ? ",级别 " : ", grade ") + facts.value_grade;
  out += "\n";
  out += zh ? "下一步:\n" : "Next actions:\n";
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const Action& a = actions[i];
    out += "  " + std::to_string(i + 1) + ". " + a.text.in(lang) + "\n";
    out += "     " + std::string(zh ? "原因: " : "why: ") + a.reason.in(lang) + "\n";
    out += "     " + std::string(zh ? "渠道: " : "channel: ") + (a.channel.empty() ? "-" : a.channel_name.in(lang)) +
           (zh ? ";负责: " : "; owner: ") + (a.owner_name.empty() ? a.owner : a.owner_name.in(lang)) + " [" + a.source +
           ", " + a.priority.to_string() + "]\n";
  }
  if (!levers.empty()) {
    out += zh ? "忠诚度杠杆: " : "Loyalty levers: ";
    for (std::size_t i = 0; i < levers.size(); ++i) out += (i ? ", " : "") + levers[i].name.in(lang);
    out += "\n";
  }
  return out;
}

}  // namespace crm::next
