// Private: JSON pieces shared by the session's views (session_json.cpp), its saved
// JSON form (save_json.cpp) and a replay's report (replay.cpp), all written with
// src/json/writer.hpp.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "crmrules/need.hpp"
#include "crmrules/schema.hpp"
#include "crmrules/session.hpp"
#include "crmrules/value.hpp"

namespace crm::internal::machine {

/// How decimals are written: as JSON numbers (the views), or exactly (the saved form:
/// decimals other than short integers as strings, which read back with their scale).
enum class Decimals { as_numbers, exact };

/// A JSON array of strings.
void write_strings(std::string& out, const std::vector<std::string>& items);
/// A value that reads back exactly: decimals other than short integers as strings.
void write_exact(std::string& out, const Value& v);
/// The object {field name: value} of `fields` and their values (values[i] is fields[i]'s).
void write_fields(std::string& out, const std::vector<Field>& fields, const Value* values, Decimals decimals);
/// An array of needs as objects, each with whether it is explicit and a buying signal.
void write_needs(std::string& out, std::span<const Need> needs, DealSize deal);
/// An array of recommendations: {"kind", "topic", "text", "items", "source", "lang", "fallback"} each.
void write_recommendations(std::string& out, const std::vector<Recommendation>& recs);

}  // namespace crm::internal::machine
