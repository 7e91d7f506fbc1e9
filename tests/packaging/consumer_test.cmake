# Drives one packaging test (cmake -P; tests/packaging/CMakeLists.txt passes the -D values):
#
#   MODE=install           cmake --install <build> --prefix <prefix>; checks the installed files
#   MODE=find_package      builds consumer/ against <prefix> with find_package(crmrules); runs it
#   MODE=add_subdirectory  builds consumer/ with add_subdirectory(<repo>); runs it
#   MODE=pkg_config        compiles consumer/main.c with `cc $(pkg-config ...)` against <prefix>
#
# Inputs: MODE, SOURCE_DIR (the repository), BUILD_DIR (the build under test), WORK_DIR
# (scratch, emptied first), PREFIX, LIBDIR (GNUInstallDirs' libdir, relative), VERSION,
# SOVERSION (the ABI's version: libcrmrules.so.SOVERSION),
# GENERATOR, MAKE_PROGRAM, C_COMPILER, CXX_COMPILER, C_LAUNCHER, CXX_LAUNCHER (optional),
# BUILD_TYPE, PKG_CONFIG, JOBS.
cmake_minimum_required(VERSION 3.25)

set(consumer_dir "${SOURCE_DIR}/tests/packaging/consumer")
set(soversion "${SOVERSION}")

# Runs a command; stops the test with its output when it fails. Stores stdout in
# ${out_var} when one is given (OUTPUT <var>).
function(run step)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUTPUT;WORKING_DIRECTORY" "COMMAND")
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY "${WORK_DIR}")
  endif()
  execute_process(COMMAND ${arg_COMMAND}
    WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    list(JOIN arg_COMMAND " " shown)
    message(FATAL_ERROR "${MODE}: ${step} failed (${rc}):\n  ${shown}\n--- stdout\n${out}\n--- stderr\n${err}")
  endif()
  message(STATUS "${MODE}: ${step}: ok")
  if(arg_OUTPUT)
    set(${arg_OUTPUT} "${out}" PARENT_SCOPE)
  endif()
endfunction()

# Fails unless `text` (the output of `what`) contains every expected line.
function(expect_lines what text)
  foreach(line IN LISTS ARGN)
    string(FIND "${text}" "${line}\n" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "${MODE}: ${what} did not print \"${line}\"; it printed:\n${text}")
    endif()
  endforeach()
endfunction()

set(cpp_lines "19.99 * 3 = 59.97" "tax at 7.5% = 4.50" "total = 64.47" "2 / 3 = 0.6667" "0.1 + 0.2 = 0.3")
set(c_lines "crmrules ${VERSION}" "19.99 * 3 = 59.97" "tax at 7.5% = 4.50" "total = 64.47" "2 / 3 = 0.6667")

# Runs the C program with no LD_LIBRARY_PATH (it must find libcrmrules.so.MAJOR through its own
# RPATH) and checks which libcrmrules.so.MAJOR the loader picked: the one under `expected_dir`.
function(run_c_consumer program expected_dir)
  run("run ${program}" COMMAND "${CMAKE_COMMAND}" -E env --unset=LD_LIBRARY_PATH "${program}" OUTPUT out)
  expect_lines("${program}" "${out}" ${c_lines})
  find_program(LDD ldd)
  if(LDD)
    run("ldd ${program}" COMMAND "${CMAKE_COMMAND}" -E env --unset=LD_LIBRARY_PATH "${LDD}" "${program}" OUTPUT deps)
    string(REGEX MATCH "libcrmrules\\.so\\.${soversion} => ([^ \n]+)" _ "${deps}")
    file(REAL_PATH "${CMAKE_MATCH_1}" loaded)
    file(REAL_PATH "${expected_dir}" expected_real)
    string(FIND "${loaded}" "${expected_real}/" at)
    if(NOT at EQUAL 0)
      message(FATAL_ERROR "${MODE}: ${program} loads libcrmrules.so.${soversion} from '${loaded}', "
                          "expected it from ${expected_dir}:\n${deps}")
    endif()
  endif()
endfunction()

# Configures, builds and runs the consumer project with the given extra -D options.
function(build_and_run_consumer)
  set(build "${WORK_DIR}/build")
  set(toolchain -G "${GENERATOR}" "-DCMAKE_C_COMPILER=${C_COMPILER}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
                "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}")
  if(MAKE_PROGRAM)
    list(APPEND toolchain "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
  endif()
  if(C_LAUNCHER)
    list(APPEND toolchain "-DCMAKE_C_COMPILER_LAUNCHER=${C_LAUNCHER}")
  endif()
  if(CXX_LAUNCHER)
    list(APPEND toolchain "-DCMAKE_CXX_COMPILER_LAUNCHER=${CXX_LAUNCHER}")
  endif()
  run("configure the consumer" COMMAND "${CMAKE_COMMAND}" -S "${consumer_dir}" -B "${build}" ${toolchain} ${ARGN}
      OUTPUT configure_out)
  set(configure_out "${configure_out}" PARENT_SCOPE)
  run("build the consumer" COMMAND "${CMAKE_COMMAND}" --build "${build}" -j ${JOBS})
  run("run consumer_cpp" COMMAND "${build}/consumer_cpp" OUTPUT out)
  expect_lines(consumer_cpp "${out}" ${cpp_lines})
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

if(MODE STREQUAL "install")
  file(REMOVE_RECURSE "${PREFIX}")
  run("cmake --install" COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --config "${BUILD_TYPE}" --prefix "${PREFIX}")
  set(missing "")
  foreach(f include/crmrules.h include/crmrules/version.h include/crmrules/decimal.hpp
            include/crmrules/expected.hpp include/crmrules/internal/int128.hpp
            ${LIBDIR}/libcrmrules.a ${LIBDIR}/libcrmrules.so ${LIBDIR}/libcrmrules.so.${soversion}
            ${LIBDIR}/libcrmrules.so.${VERSION}
            ${LIBDIR}/cmake/crmrules/crmrulesConfig.cmake ${LIBDIR}/cmake/crmrules/crmrulesConfigVersion.cmake
            ${LIBDIR}/cmake/crmrules/crmrulesTargets.cmake ${LIBDIR}/pkgconfig/crmrules.pc)
    if(NOT EXISTS "${PREFIX}/${f}")
      list(APPEND missing "${f}")
    endif()
  endforeach()
  if(missing)
    list(JOIN missing "\n  " missing)
    message(FATAL_ERROR "install: missing under ${PREFIX}:\n  ${missing}")
  endif()
  message(STATUS "install: every expected file is under ${PREFIX}")

elseif(MODE STREQUAL "find_package")
  if(NOT EXISTS "${PREFIX}/${LIBDIR}/cmake/crmrules/crmrulesConfig.cmake")
    message(FATAL_ERROR "find_package: nothing installed under ${PREFIX} (packaging.install sets it up)")
  endif()
  build_and_run_consumer("-DCMAKE_PREFIX_PATH=${PREFIX}")
  # The package must come from the prefix, not from some other crmrules on the system.
  file(STRINGS "${WORK_DIR}/build/CMakeCache.txt" dir_line REGEX "^crmrules_DIR:")
  string(REGEX REPLACE "^[^=]*=" "" found_dir "${dir_line}")
  file(REAL_PATH "${found_dir}" found_dir)
  file(REAL_PATH "${PREFIX}" prefix_real)
  string(FIND "${found_dir}" "${prefix_real}/" at)
  if(NOT at EQUAL 0)
    message(FATAL_ERROR "find_package: found crmrules in ${found_dir}, not under ${PREFIX}")
  endif()
  run_c_consumer("${WORK_DIR}/build/consumer_c" "${PREFIX}")

elseif(MODE STREQUAL "add_subdirectory")
  build_and_run_consumer(-DCONSUMER_USE_SUBDIRECTORY=ON "-DCRMRULES_SOURCE_DIR=${SOURCE_DIR}")
  if(NOT configure_out MATCHES "crmrules as a subproject: the library only")
    message(FATAL_ERROR "add_subdirectory: the consumer did not check what crmrules defines:\n${configure_out}")
  endif()
  run_c_consumer("${WORK_DIR}/build/consumer_c" "${WORK_DIR}/build/crmrules")

elseif(MODE STREQUAL "pkg_config")
  if(NOT PKG_CONFIG)
    message(FATAL_ERROR "pkg_config: no pkg-config program")
  endif()
  set(pc_dir "${PREFIX}/${LIBDIR}/pkgconfig")
  if(NOT EXISTS "${pc_dir}/crmrules.pc")
    message(FATAL_ERROR "pkg_config: no ${pc_dir}/crmrules.pc (packaging.install sets it up)")
  endif()
  set(pc "${CMAKE_COMMAND}" -E env "PKG_CONFIG_PATH=${pc_dir}" "${PKG_CONFIG}")
  run("pkg-config --modversion" COMMAND ${pc} --modversion crmrules OUTPUT modversion)
  string(STRIP "${modversion}" modversion)
  if(NOT modversion STREQUAL VERSION)
    message(FATAL_ERROR "pkg_config: crmrules.pc says version '${modversion}', the build is ${VERSION}")
  endif()
  run("pkg-config --cflags" COMMAND ${pc} --cflags crmrules OUTPUT cflags)
  run("pkg-config --libs" COMMAND ${pc} --libs crmrules OUTPUT libs)
  string(STRIP "${cflags}" cflags)
  string(STRIP "${libs}" libs)
  message(STATUS "pkg_config: cflags '${cflags}', libs '${libs}'")
  separate_arguments(cflag_list UNIX_COMMAND "${cflags}")
  separate_arguments(lib_list UNIX_COMMAND "${libs}")
  # The flags must point into the prefix the package was installed to, or the compile below
  # would use whatever crmrules happens to be at the configured prefix (or fail).
  file(REAL_PATH "${PREFIX}/include" want_include)
  file(REAL_PATH "${PREFIX}/${LIBDIR}" want_lib)
  set(include_ok FALSE)
  set(lib_ok FALSE)
  foreach(flag IN LISTS cflag_list lib_list)
    if(flag MATCHES "^-([IL])(.+)$")
      set(kind "${CMAKE_MATCH_1}")
      file(REAL_PATH "${CMAKE_MATCH_2}" dir)
      if(kind STREQUAL "I" AND dir STREQUAL want_include)
        set(include_ok TRUE)
      elseif(kind STREQUAL "L" AND dir STREQUAL want_lib)
        set(lib_ok TRUE)
      endif()
    endif()
  endforeach()
  if(NOT include_ok OR NOT lib_ok)
    file(STRINGS "${pc_dir}/crmrules.pc" pc_lines)
    list(JOIN pc_lines "\n    " pc_text)
    message(FATAL_ERROR
      "pkg_config: the crmrules.pc installed under ${PREFIX} points elsewhere:\n"
      "    --cflags: ${cflags}\n    --libs: ${libs}\n"
      "A .pc file must follow the prefix it is installed to: `cmake --install --prefix` "
      "relocates the CMake package but not a prefix written into crmrules.pc at configure "
      "time (cmake/crmrules.pc.in: prefix=@CMAKE_INSTALL_PREFIX@); a prefix relative to "
      "\${pcfiledir} does. The installed crmrules.pc:\n    ${pc_text}")
  endif()
  run("cc $(pkg-config --cflags --libs crmrules)"
      COMMAND "${C_COMPILER}" -std=c99 -pedantic -Wall -Wextra -Werror ${cflag_list}
              "${consumer_dir}/main.c" -o "${WORK_DIR}/consumer_c" ${lib_list})
  # pkg-config gives -L and no RPATH: the loader finds the library through LD_LIBRARY_PATH.
  run("run consumer_c" COMMAND "${CMAKE_COMMAND}" -E env "LD_LIBRARY_PATH=${PREFIX}/${LIBDIR}"
      "${WORK_DIR}/consumer_c" OUTPUT out)
  expect_lines(consumer_c "${out}" ${c_lines})

else()
  message(FATAL_ERROR "consumer_test.cmake: unknown MODE '${MODE}'")
endif()
