#include "src/json/writer.hpp"

namespace crm::internal {

void write_json_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += hex[(c >> 4) & 0xF];
          out += hex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void write_json_value(std::string& out, const Value& v) {
  switch (v.kind()) {
    case ValueKind::null: out += "null"; break;
    case ValueKind::boolean: out += v.as_bool() ? "true" : "false"; break;
    case ValueKind::decimal: out += v.as_decimal().to_string(); break;
    case ValueKind::string: write_json_string(out, v.as_string()); break;
    case ValueKind::date: write_json_string(out, v.as_date().to_string()); break;
    case ValueKind::list:
      out += '[';
      for (std::size_t i = 0; i < v.as_list().size(); ++i) {
        if (i) out += ", ";
        write_json_value(out, v.as_list()[i]);
      }
      out += ']';
      break;
  }
}

}  // namespace crm::internal
