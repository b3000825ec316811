# zeroscan_module(NAME DEPS dep...): library zeroscan_NAME from src/NAME/*.cpp
# (an INTERFACE library while the folder has no sources yet).
function(zeroscan_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  if(sources)
    add_library(zeroscan_${name} STATIC ${sources})
    target_include_directories(zeroscan_${name} PUBLIC ${PROJECT_SOURCE_DIR}/include)
    target_link_libraries(zeroscan_${name} PUBLIC ${ARG_DEPS})
  else()
    add_library(zeroscan_${name} INTERFACE)
    target_include_directories(zeroscan_${name} INTERFACE ${PROJECT_SOURCE_DIR}/include)
    target_link_libraries(zeroscan_${name} INTERFACE ${ARG_DEPS})
  endif()
endfunction()

# zeroscan_unit_tests(NAME DEPS dep...): test binary zeroscan_NAME_tests from
# tests/unit/NAME/*_test.cpp, registered with CTest.
function(zeroscan_unit_tests name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cpp)
  if(NOT sources)
    return()
  endif()
  add_executable(zeroscan_${name}_tests ${sources})
  target_link_libraries(zeroscan_${name}_tests PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(zeroscan_${name}_tests PRIVATE
    ZEROSCAN_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(zeroscan_${name}_tests DISCOVERY_TIMEOUT 60)
endfunction()
