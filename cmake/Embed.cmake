# crmrules_embed(NAME INPUT FUNCTION): the bytes of INPUT (a built-in rule set) become part
# of the library, as `std::string_view crm::internal::FUNCTION() noexcept`. The source is
# written at build time by cmake/embed_file.cmake, again whenever INPUT changes.
function(crmrules_embed name input function)
  set(_cpp ${CMAKE_CURRENT_BINARY_DIR}/${name}.cpp)
  add_custom_command(
    OUTPUT ${_cpp}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${_cpp} -DFUNCTION=${function}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake
    DEPENDS ${input} ${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake
    COMMENT "Embedding ${input}"
    VERBATIM)
  # The generated source belongs to crmrules_objects (made in the top directory); this
  # target runs the command first.
  add_custom_target(crmrules_embed_${name} DEPENDS ${_cpp})
  add_dependencies(crmrules_objects crmrules_embed_${name})
  target_sources(crmrules_objects PRIVATE ${_cpp})
endfunction()
