// Plan::to_text: the plan for a terminal, in one language (names as given).
#include "crmrules/account.hpp"

namespace crm::account {
namespace {

/// The text's heading words in `lang`.
struct Words {
  const char *account, *grade, *clarities, *known, *open, *ask, *buying_centre, *nobody, *camps, *needs_unknown,
      *stakeholders, *stars, *next, *type, *focus, *selling, *tactics, *criteria, *stage, *phase, *critical, *unknown;
};
constexpr Words zh{
    "客户",     "级别",     "九大明确", "已明确", "未明确",     "问",   "采购角色", "无人", "支持 / 中立 / 反对 / 未知",
    "需求未知", "相关人员", "星",       "下一步", "大客户类型", "关注", "销售方式", "战术", "决策准则",
    "采购阶段", "实施期",   "关键期",   "未知"};
constexpr Words en{"Account",
                   "grade",
                   "The nine clarities",
                   "known",
                   "open",
                   "ask",
                   "Buying centre",
                   "nobody",
                   "supporters / neutral / opponents / unknown",
                   "needs unknown",
                   "Stakeholders",
                   "stars",
                   "Next actions",
                   "Account type",
                   "focus",
                   "selling",
                   "Tactics",
                   "Decision criteria",
                   "Buying stage",
                   "Implementation phase",
                   "critical",
                   "unknown"};

void line(std::string& out, std::string_view indent, std::string_view text) {
  out += indent;
  out += text;
  out += '\n';
}

std::string list(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
  return s;
}

void write_clarities(std::string& out, const Plan& p, Lang lang, const Words& w) {
  line(out, "",
       std::string(w.clarities) + ": " + std::to_string(p.clarities_known) + "/" + std::to_string(p.clarities.size()));
  for (const auto& c : p.clarities)
    line(out, "  ",
         std::string(c.known ? "[x] " : "[ ] ") + c.name.in(lang) +
             (c.known ? "" : "  -- " + std::string(w.ask) + ": " + c.question.in(lang)));
}

void write_buying_centre(std::string& out, const Plan& p, Lang lang, const Words& w) {
  const BuyingCentre& bc = p.buying_centre;
  line(out, "", w.buying_centre);
  for (const auto& r : bc.roles)
    line(out, "  ", r.name.in(lang) + ": " + (r.holders.empty() ? std::string(w.nobody) : list(r.holders)));
  line(out, "  ",
       std::string(w.camps) + ": " + std::to_string(bc.supporters) + " / " + std::to_string(bc.neutrals) + " / " +
           std::to_string(bc.opponents) + " / " + std::to_string(bc.unknown_attitudes));
  if (!bc.needs_unknown.empty()) line(out, "  ", std::string(w.needs_unknown) + ": " + list(bc.needs_unknown));
  if (p.stakeholders.empty()) return;
  line(out, "", w.stakeholders);
  for (const auto& s : p.stakeholders)
    line(out, "  ",
         s.name + ": " + std::string(static_cast<std::size_t>(s.stars), '*') + (s.stars > 0 ? " " : "") +
             s.stars_name.in(lang));
}

void write_account(std::string& out, const Plan& p, Lang lang, const Words& w) {
  line(out, "", std::string(w.type) + ": " + (p.type.id.empty() ? std::string(w.unknown) : p.type.name.in(lang)));
  if (!p.type.focus.empty()) line(out, "  ", std::string(w.focus) + ": " + p.type.focus.in(lang));
  if (!p.type.selling.empty()) line(out, "  ", std::string(w.selling) + ": " + p.type.selling.in(lang));
  if (!p.tactics.empty()) {
    line(out, "", w.tactics);
    for (const auto& t : p.tactics) line(out, "  ", t.name.in(lang) + " -> " + t.tactic.in(lang));
  }
  if (!p.criteria.empty()) {
    line(out, "", w.criteria);
    for (const auto& c : p.criteria)
      line(out, "  ", c.name + (c.strategy.empty() ? "" : " (" + std::to_string(c.rank) + "): " + c.advice.in(lang)));
  }
  line(out, "", std::string(w.stage) + ": " + (p.stage.id.empty() ? std::string(w.unknown) : p.stage.name.in(lang)));
  if (!p.phase.id.empty())
    line(out, "",
         std::string(w.phase) + ": " + p.phase.name.in(lang) +
             (p.phase.critical ? std::string(" (") + w.critical + ")" : ""));
}

}  // namespace

std::string Plan::to_text(Lang lang) const {
  const Words& w = lang == Lang::zh ? zh : en;
  std::string out;
  line(out, "",
       std::string(w.account) + ": " + customer +
           (grade.empty() ? "" : "  (" + std::string(w.grade) + " " + grade + ")"));
  write_clarities(out, *this, lang, w);
  write_buying_centre(out, *this, lang, w);
  write_account(out, *this, lang, w);
  line(out, "", w.next);
  for (std::size_t i = 0; i < next_actions.size(); ++i) {
    const Action& a = next_actions[i];
    line(out, "  ", std::to_string(i + 1) + ". " + a.text.in(lang) + "  [" + a.reason.in(lang) + "; " + a.source + "]");
  }
  return out;
}

}  // namespace crm::account
