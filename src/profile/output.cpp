// crm::profile::to_csv and to_json (include/crmrules/profile.hpp).
#include <string>

#include "crmrules/profile.hpp"
#include "src/csv/csv.hpp"
#include "src/json/writer.hpp"

namespace crm::profile {
namespace {

template <class T, class F>
std::string joined(const std::vector<T>& items, F text) {
  std::string out;
  for (const T& item : items) {
    if (!out.empty()) out += ';';
    out += text(item);
  }
  return out;
}

std::string missing_cell(const Assessment& a, Lang lang) {
  std::string out;
  for (const GroupScore& g : a.groups)
    for (const Field* f : g.missing) {
      if (!out.empty()) out += ';';
      out += f->name.in(lang).empty() ? f->id : f->name.in(lang);
    }
  return out;
}

void write_group(internal::JsonObject& o, const GroupScore& g) {
  o.string("id", g.group->id).text("name", g.group->name).number("completeness", g.completeness);
  internal::JsonArray missing(o.key("missing").out());
  for (const Field* f : g.missing) internal::write_json_string(missing.item(), f->id);
}

}  // namespace

std::string to_csv(const Report& report, Lang lang) {
  std::string out = "id,owner,completeness";
  if (!report.customers.empty())
    for (const GroupScore& g : report.customers.front().groups)
      out += ',', internal::csv::append_cell(out, g.group->id);
  out += ",missing,warnings\n";
  for (const Assessment& a : report.customers) {
    internal::csv::append_cell(out, a.id);
    out += ',';
    internal::csv::append_cell(out, a.owner);
    out += ',' + a.completeness.to_string();
    for (const GroupScore& g : a.groups) out += ',' + g.completeness.to_string();
    out += ',';
    internal::csv::append_cell(out, missing_cell(a, lang));
    out += ',';
    internal::csv::append_cell(out, joined(a.warnings, [&](const Text& t) { return t.in(lang); }));
    out += '\n';
  }
  return out;
}

std::string to_json(const Report& report) {
  std::string out;
  {
    internal::JsonArray list(out);
    for (const Assessment& a : report.customers) {
      internal::JsonObject o(list.item());
      o.string("id", a.id).string("owner", a.owner).boolean("has_owner", a.has_owner());
      o.number("completeness", a.completeness).number("missing_fields", std::uint64_t{a.missing()});
      {
        internal::JsonArray groups(o.key("groups").out());
        for (const GroupScore& g : a.groups) {
          internal::JsonObject one(groups.item());
          write_group(one, g);
        }
      }
      internal::JsonArray warnings(o.key("warnings").out());
      for (const Text& t : a.warnings) {
        internal::JsonObject w(warnings.item());
        w.string("zh", t.zh).string("en", t.en);
      }
    }
  }
  out += '\n';
  return out;
}

}  // namespace crm::profile
