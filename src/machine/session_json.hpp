// Private: pieces shared by the session's JSON views and its saved forms.
#pragma once

#include <string>
#include <vector>

#include "crmrules/need.hpp"
#include "crmrules/value.hpp"

namespace crm::internal::machine {

/// A JSON array of strings.
void write_strings(std::string& out, const std::vector<std::string>& items);
/// A value that reads back exactly: decimals other than short integers as strings.
void write_exact(std::string& out, const Value& v);
/// A need as a JSON object, with whether it is explicit and a buying signal.
void write_need(std::string& out, const Need& need, DealSize deal);

}  // namespace crm::internal::machine
