# Install rules: headers, both libraries, a CMake package (find_package(crmrules)) and a
# pkg-config file (crmrules.pc, for the C ABI).
include(CMakePackageConfigHelpers)

install(TARGETS crmrules_static crmrules_shared
  EXPORT crmrulesTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/crmrules DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The umbrella C header and the area headers it includes (crmrules_*.h).
file(GLOB _crm_c_headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/capi/crmrules*.h)
install(FILES ${_crm_c_headers} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(_crm_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/crmrules)
install(EXPORT crmrulesTargets NAMESPACE crmrules:: DESTINATION ${_crm_cmake_dir})
configure_package_config_file(cmake/crmrulesConfig.cmake.in
  ${PROJECT_BINARY_DIR}/crmrulesConfig.cmake
  INSTALL_DESTINATION ${_crm_cmake_dir})
# The C++ API may change with every 0.x release (only the C ABI has its own promise and
# SONAME), so while the major version is 0 a minor version is required to match.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(_crm_compatibility SameMinorVersion)
else()
  set(_crm_compatibility SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/crmrulesConfigVersion.cmake
  COMPATIBILITY ${_crm_compatibility})
install(FILES ${PROJECT_BINARY_DIR}/crmrulesConfig.cmake ${PROJECT_BINARY_DIR}/crmrulesConfigVersion.cmake
  DESTINATION ${_crm_cmake_dir})

# The prefix relative to the .pc file's own directory, so that the file stays right wherever
# the tree is installed (`cmake --install --prefix`, DESTDIR, a relocated package).
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(_crm_pc_prefix "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _crm_pc_up "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
  string(REGEX REPLACE "/$" "" _crm_pc_up "${_crm_pc_up}")
  set(_crm_pc_prefix "\${pcfiledir}/${_crm_pc_up}")
endif()
configure_file(cmake/crmrules.pc.in ${PROJECT_BINARY_DIR}/crmrules.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/crmrules.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
