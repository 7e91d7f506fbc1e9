// crmrules export-dmn: a rule set's tables and expressions as a DMN 1.4 model (docs/dmn.md).
//
//   crmrules export-dmn RULES.json [--out MODEL.dmn]
#include <iostream>

#include "commands.hpp"
#include "crmrules/dmn.hpp"

namespace crm::cli {

Outcome export_dmn(Args args) {
  std::string path, out = "-";
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--out" && i + 1 < args.size()) out = args[++i];
    else if (path.empty() && (args[i] == "-" || !args[i].starts_with("--"))) path = args[i];
    else return usage_error("unexpected argument '" + std::string(args[i]) + "'");
  }
  if (path.empty()) return usage_error("export-dmn needs RULES.json");
  auto rules = load_rules(path);
  if (!rules) return failed();
  auto xml = dmn::to_dmn(*rules);
  if (!xml) {
    std::cerr << diagnostic(path, xml.error()) << '\n';
    return failed();
  }
  return write_output(out, *xml) ? Outcome{} : failed();
}

const Command export_dmn_command{
    "export-dmn", "writes a rule set's tables and expressions as a DMN 1.4 model",
    "  crmrules export-dmn RULES.json [--out MODEL.dmn]\n"
    "    (what DMN cannot say, such as a scorecard, is refused naming the decision)\n",
    "  crmrules export-dmn approval.json --out approval.dmn\n", export_dmn};

}  // namespace crm::cli
