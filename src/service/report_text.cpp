// Report::to_text: the commitments' rates against their targets, the groups below a
// target, the first breaches and rejected rows, in one language.
#include "crmrules/service.hpp"
#include "src/core/timestamp.hpp"

namespace crm::service {
namespace {

constexpr std::size_t max_listed = 20;  // groups, breaches and rejected rows shown

struct Words {
  const char *title, *checked, *rejected, *met, *not_met, *missing, *rate, *target, *below, *tickets, *ticket,
      *breaches, *rejected_rows, *more, *by_customer, *by_engineer, *by_month, *unknown, *none;
};
constexpr Words zh{"服务承诺检查", "张工单已检查",   "行被拒绝",   "达成",     "未达成",
                   "缺数据",       "比率",           "目标",       "未达目标", "张工单",
                   "张工单",       "违反承诺的工单", "被拒绝的行", "另有",     "按客户",
                   "按工程师",     "按月",           "(未知)",     "无"};
constexpr Words en{"Service commitments",
                   "tickets checked",
                   "rows rejected",
                   "met",
                   "not met",
                   "missing",
                   "rate",
                   "target",
                   "below target",
                   "tickets",
                   "ticket",
                   "Breaches",
                   "Rejected rows",
                   "more",
                   "By customer",
                   "By engineer",
                   "By month",
                   "(unknown)",
                   "none"};

std::string rate_text(const Tally& t) {
  auto r = t.rate();
  return r ? r->to_string() : "-";
}

std::string group_title(const Words& w, GroupBy by) {
  return by == GroupBy::customer ? w.by_customer : by == GroupBy::engineer ? w.by_engineer : w.by_month;
}

void commitments_table(std::string& out, const Report& r, Lang lang, const Words& w) {
  for (std::size_t k = 0; k < r.commitments.size(); ++k) {
    const Commitment& c = r.commitments[k];
    const Tally& t = r.total.tallies[k];
    out += "  " + std::string(t.meets(c.target) ? "✓ " : "✗ ") + c.text.in(lang) + " [" + c.id + "]\n";
    out += "      " + std::string(w.met) + " " + std::to_string(t.met) + ", " + w.not_met + " " +
           std::to_string(t.not_met) + ", " + w.missing + " " + std::to_string(t.missing) + "; " + w.rate + " " +
           rate_text(t) + ", " + w.target + " " + c.target.to_string() + "\n";
  }
}

void groups_below(std::string& out, const Report& r, const Words& w) {
  std::size_t shown = 0, below = 0;
  std::string lines;
  for (const Group& g : r.groups) {
    std::string misses;
    for (std::size_t k = 0; k < g.tallies.size(); ++k)
      if (!g.tallies[k].meets(r.commitments[k].target))
        misses += (misses.empty() ? "" : ", ") + r.commitments[k].id + " " + rate_text(g.tallies[k]) + " < " +
                  r.commitments[k].target.to_string();
    if (misses.empty()) continue;
    ++below;
    if (shown++ < max_listed)
      lines += "  " + (g.key.empty() ? std::string(w.unknown) : g.key) + " (" + std::to_string(g.tickets) + " " +
               (g.tickets == 1 ? w.ticket : w.tickets) + "): " + misses + "\n";
  }
  out += group_title(w, r.by) + ", " + w.below + ": " + (below ? std::to_string(below) : std::string(w.none)) + "\n";
  out += lines;
  if (below > max_listed) out += "  ... " + std::string(w.more) + " " + std::to_string(below - max_listed) + "\n";
}

void breach_list(std::string& out, const Report& r, const Words& w) {
  out += std::string(w.breaches) + ": " + std::to_string(r.breaches.size()) + "\n";
  for (std::size_t i = 0; i < r.breaches.size() && i < max_listed; ++i) {
    const Breach& b = r.breaches[i];
    const Commitment& c = r.commitments[b.commitment];
    out += "  " + b.ticket + " (line " + std::to_string(b.line) + "): " + c.id;
    if (c.kind == Kind::within) out += " +" + internal::format_duration(b.over_ms);
    out += "\n";
  }
  if (r.breaches.size() > max_listed)
    out += "  ... " + std::string(w.more) + " " + std::to_string(r.breaches.size() - max_listed) + "\n";
}

void rejected_rows(std::string& out, const Report& r, const Words& w) {
  if (r.rejected.empty()) return;
  out += std::string(w.rejected_rows) + ": " + std::to_string(r.rejected.size()) + "\n";
  for (std::size_t i = 0; i < r.rejected.size() && i < max_listed; ++i) out += "  " + r.rejected[i].to_string() + "\n";
  if (r.rejected.size() > max_listed)
    out += "  ... " + std::string(w.more) + " " + std::to_string(r.rejected.size() - max_listed) + "\n";
}

}  // namespace

std::string Report::to_text(Lang lang) const {
  const Words& w = lang == Lang::zh ? zh : en;
  std::string out = std::string(w.title) + ": " + std::to_string(checked) + " " + w.checked + ", " +
                    std::to_string(rejected.size()) + " " + w.rejected + "\n";
  commitments_table(out, *this, lang, w);
  for (const std::string& n : notes) out += "  (" + n + ")\n";
  groups_below(out, *this, w);
  breach_list(out, *this, w);
  rejected_rows(out, *this, w);
  return out;
}

}  // namespace crm::service
