// crmrules import-dmn: a DMN model's decision tables as a crmrules rule set (docs/dmn.md).
//
//   crmrules import-dmn MODEL.dmn [--out RULES.json]
//
// Writes the rule set's JSON (to edit further, test and load like any rule set) after
// loading it, so that what is written always loads; errors name the XML element's path,
// line and column.
#include <iostream>

#include "commands.hpp"
#include "crmrules/dmn.hpp"

namespace crm::cli {

Outcome import_dmn(Args args) {
  std::string path, out = "-";
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--out" && i + 1 < args.size()) out = args[++i];
    else if (path.empty() && (args[i] == "-" || !args[i].starts_with("--"))) path = args[i];
    else return usage_error("unexpected argument '" + std::string(args[i]) + "'");
  }
  if (path.empty()) return usage_error("import-dmn needs MODEL.dmn");
  std::string xml, error;
  if (!read_file(path, xml, error)) {
    std::cerr << error << '\n';
    return failed();
  }
  auto rules = RuleSet::load_dmn(xml);
  if (!rules) {
    std::cerr << diagnostic(path, rules.error()) << '\n';
    return failed();
  }
  for (const auto& w : rules->warnings()) std::cerr << diagnostic(path, w.error) << " [warning]\n";
  auto json = dmn::to_rule_set_json(xml);
  if (!json) {
    std::cerr << diagnostic(path, json.error()) << '\n';
    return failed();
  }
  return write_output(out, *json + "\n") ? Outcome{} : failed();
}

const Command import_dmn_command{
    "import-dmn", "converts a DMN model's decision tables into a rule set (JSON)",
    "  crmrules import-dmn MODEL.dmn [--out RULES.json]\n"
    "    (DMN 1.1 to 1.5: input data, decision tables, literal expressions and the requirements between them;\n"
    "    what crmrules cannot express is refused with the element's path and line: docs/dmn.md)\n",
    "  crmrules import-dmn approval.dmn --out approval.json\n"
    "  crmrules import-dmn approval.dmn | crmrules eval - input.json\n",
    import_dmn};

}  // namespace crm::cli
