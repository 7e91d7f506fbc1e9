# Writes OUTPUT, a C++ source holding the bytes of INPUT (the built-in machines' rule
# set) as crm::internal::machine::builtin_machines_json.
file(READ ${INPUT} _hex HEX)
string(LENGTH "${_hex}" _hex_length)
math(EXPR _size "${_hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," _bytes "${_hex}")
string(REGEX REPLACE "(([^,]*,){16})" "\\1\n  " _bytes "${_bytes}")
file(WRITE ${OUTPUT} "// Generated from rules/machines.json by src/machine/embed.cmake: do not edit.
#include <cstddef>

namespace crm::internal::machine {
extern const char builtin_machines_json[];
extern const std::size_t builtin_machines_json_size;
const char builtin_machines_json[] = {
  ${_bytes}'\\0'};
const std::size_t builtin_machines_json_size = ${_size};
}  // namespace crm::internal::machine
")
