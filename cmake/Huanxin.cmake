# Build helpers: one static library per module, tests beside the code, benchmarks in bench/.

function(hx_find_dependencies)
  find_package(Threads REQUIRED)
  find_package(Boost 1.81 REQUIRED COMPONENTS json)
  find_package(SQLite3 REQUIRED)
  find_package(PostgreSQL REQUIRED)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
  pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
  pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
  pkg_check_modules(EXPAT REQUIRED IMPORTED_TARGET expat)
  pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
  pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo cairo-pdf pangoft2 fontconfig harfbuzz-subset)
  find_package(spdlog REQUIRED)
  find_package(CLI11 CONFIG QUIET)
  if(HX_BUILD_TESTS)
    find_package(GTest REQUIRED)
  endif()
  if(HX_BUILD_BENCH)
    find_package(benchmark REQUIRED)
  endif()
endfunction()

# hx_glob(<out> DIR <dir> [TESTS] [EXCLUDE <subdir>...]) → the .cpp files under <dir>, recursively:
# the sources (every .cpp but *_test.cpp), or with TESTS only the *_test.cpp files. A new source file
# is added by creating it in its context's folder: CONFIGURE_DEPENDS re-globs at build time, so no
# CMake list names it (issue #11: a new context touches no CMake file).
function(hx_glob out)
  cmake_parse_arguments(G "TESTS" "DIR" "EXCLUDE" ${ARGN})
  if(G_TESTS)
    file(GLOB_RECURSE files CONFIGURE_DEPENDS ${G_DIR}/*_test.cpp)
  else()
    file(GLOB_RECURSE files CONFIGURE_DEPENDS ${G_DIR}/*.cpp)
    list(FILTER files EXCLUDE REGEX "_test\\.cpp$")
  endif()
  foreach(x ${G_EXCLUDE})
    list(FILTER files EXCLUDE REGEX "^${G_DIR}/${x}(/|$)")
  endforeach()
  list(SORT files)
  set(${out} ${files} PARENT_SCOPE)
endfunction()

# hx_module(<name> SOURCES ... DEPS ...) → static library hx_<name>, includes from src/.
function(hx_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS" ${ARGN})
  add_library(hx_${name} STATIC ${M_SOURCES})
  target_include_directories(hx_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(hx_${name} PUBLIC ${M_DEPS})
  hx_precompile(hx_${name})
endfunction()

# hx_precompile(<target> [TESTS]) → the target compiles cmake/pch.hpp once (and gtest for test
# executables) and every source with it (HX_PCH, on by default).
function(hx_precompile target)
  if(NOT HX_PCH)
    return()
  endif()
  get_target_property(sources ${target} SOURCES)
  list(LENGTH sources n)
  if(n LESS 3)  # a header compiled for one or two files costs more than it saves
    return()
  endif()
  target_precompile_headers(${target} PRIVATE ${PROJECT_SOURCE_DIR}/cmake/pch.hpp)
  if(ARGV1 STREQUAL "TESTS")
    target_precompile_headers(${target} PRIVATE <gtest/gtest.h>)
  endif()
endfunction()

# hx_tests(<name> SOURCES ... DEPS ... LABELS ... [NO_CTEST]) → one GoogleTest executable registered
# with CTest (NO_CTEST: the caller registers filtered runs itself, e.g. one per database).
# Every test labelled `unit` is also a dependency of the target hx_unit_tests, so a build preset
# (asan) can build all unit tests without listing them: a new test needs no preset edit.
if(NOT TARGET hx_unit_tests)
  add_custom_target(hx_unit_tests)
endif()

function(hx_tests name)
  cmake_parse_arguments(T "NO_CTEST" "" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT HX_BUILD_TESTS)
    return()
  endif()
  add_executable(${name} ${T_SOURCES})
  if("unit" IN_LIST T_LABELS)
    add_dependencies(hx_unit_tests ${name})
  endif()
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE ${T_DEPS} GTest::gtest GTest::gtest_main Threads::Threads)
  hx_precompile(${name} TESTS)
  if(NOT T_NO_CTEST)
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}")
  endif()
endfunction()

# hx_benchmark(<name> SOURCES ... DEPS ...) → Google Benchmark executable; its smoke run is a CTest
# test labelled bench (a very short min time: proves it runs, asserts no timing).
function(hx_benchmark name)
  cmake_parse_arguments(B "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${B_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PRIVATE ${B_DEPS} benchmark::benchmark Threads::Threads)
  if(HX_BUILD_TESTS)
    add_test(NAME ${name}_smoke COMMAND ${name} --benchmark_min_time=0.01)
    set_tests_properties(${name}_smoke PROPERTIES LABELS "bench")
  endif()
endfunction()

# hx_fuzzer(<name> SOURCES ... DEPS ...) → libFuzzer executable (preset fuzz, HX_BUILD_FUZZ=ON).
# The preset compiles everything with -fsanitize=fuzzer-no-link,address,undefined; only the fuzz
# executables link libFuzzer's main with -fsanitize=fuzzer.
function(hx_fuzzer name)
  cmake_parse_arguments(F "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${F_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PRIVATE ${F_DEPS})
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
endfunction()
