# Warnings for the project's own code, and the sanitizer switch for everything.
add_library(crmrules_warnings INTERFACE)
target_compile_options(crmrules_warnings INTERFACE
  $<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion>
  $<$<COMPILE_LANG_AND_ID:C,GNU,Clang>:-Wall -Wextra -Wpedantic>)
# CI builds with -DCRMRULES_WERROR=ON: a warning fails the build there, not on a user's
# newer compiler.
option(CRMRULES_WERROR "Treat warnings in the project's own code as errors" OFF)
if(CRMRULES_WERROR)
  target_compile_options(crmrules_warnings INTERFACE -Werror)
endif()
# GCC 12 reports a false overlap (-Wrestrict) wherever `"literal" + std::string(...)`
# inlines libstdc++'s insert-at-front (GCC bug 105329, fixed in GCC 13).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
   AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(crmrules_warnings INTERFACE $<$<COMPILE_LANGUAGE:CXX>:-Wno-restrict>)
endif()
# In a unity build a source is included, not the main file, and GCC then reports its
# classes holding types of its own anonymous namespace (-Wsubobject-linkage): a warning
# meant for headers, false here.
if(CRMRULES_UNITY_BUILD AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(crmrules_warnings INTERFACE $<$<COMPILE_LANGUAGE:CXX>:-Wno-subobject-linkage>)
endif()

# libstdc++ 12's std::stable_sort calls its own get_temporary_buffer, which it marks
# deprecated; clang reports that inside the system header at every use.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  target_compile_options(crmrules_warnings INTERFACE $<$<COMPILE_LANGUAGE:CXX>:-Wno-deprecated-declarations>)
endif()

if(CRMRULES_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "CRMRULES_FUZZ needs clang (e.g. -DCMAKE_CXX_COMPILER=clang++-19)")
  endif()
  set(CRMRULES_SANITIZE ON)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(CRMRULES_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
