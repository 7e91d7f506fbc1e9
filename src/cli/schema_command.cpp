// crmrules schema: prints the JSON Schema (draft 2020-12) of rule-set documents, for
// editors to complete and check rule sets while typing (schema/rule-set.schema.json).
#include <iostream>

#include "commands.hpp"

namespace crm::internal {
std::string_view rule_set_schema() noexcept;  // embedded from schema/rule-set.schema.json
}

namespace crm::cli {

Outcome schema(Args args) {
  if (!args.empty()) return usage_error("schema takes no arguments, got '" + std::string(args[0]) + "'");
  std::cout << internal::rule_set_schema();
  return {};
}

const Command schema_command{"schema", "prints the JSON Schema (draft 2020-12) of rule-set documents",
                             "  crmrules schema\n"
                             "    (installed too, as share/crmrules/rule-set.schema.json)\n",
                             "  crmrules schema > rule-set.schema.json\n"
                             "  (VS Code: \"json.schemas\": [{\"fileMatch\": [\"rules/*.json\"], \"url\": "
                             "\"./rule-set.schema.json\"}])\n",
                             schema};

}  // namespace crm::cli
