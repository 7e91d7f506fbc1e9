// crm::parse_lang: a language code as users and their systems write it.
#include "crmrules/text.hpp"

namespace crm {

expected<Lang> parse_lang(std::string_view code) {
  auto primary = code.substr(0, code.find_first_of("-_"));
  auto is = [&](std::string_view want) {
    if (primary.size() != want.size()) return false;
    for (std::size_t i = 0; i < want.size(); ++i)
      if ((primary[i] | 0x20) != want[i]) return false;
    return true;
  };
  if (is("zh")) return Lang::zh;
  if (is("en")) return Lang::en;
  return unexpected(Error{ErrorCode::invalid_argument,
                          "unknown language '" + std::string(code) + "' (zh or en, optionally with a region: zh-CN)",
                          {}});
}

}  // namespace crm
