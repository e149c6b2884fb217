# Stages: each top-level folder is one library that may use only the stages below it.
#
#   dabiao_stage(NAME SOURCES... [BELOW stage...] [PRIVATE_LIBS lib...] [PUBLIC_LIBS lib...])
#
# The compiler enforces the order: a stage's include path is a folder of links to itself and to
# the stages it names in BELOW (build/stages/NAME/), never the source root. An #include of a
# higher stage's header ("report/report.hpp" from check/) therefore fails with "No such file".
function(dabiao_stage name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;BELOW;PRIVATE_LIBS;PUBLIC_LIBS")
  set(view "${CMAKE_BINARY_DIR}/stages/${name}")
  file(REMOVE_RECURSE "${view}")
  file(MAKE_DIRECTORY "${view}")
  foreach(visible ${name} ${arg_BELOW})
    file(CREATE_LINK "${PROJECT_SOURCE_DIR}/${visible}" "${view}/${visible}" SYMBOLIC)
  endforeach()
  add_library(dabiao_${name} STATIC ${arg_SOURCES})
  target_include_directories(dabiao_${name} PUBLIC "${view}")
  set(below_libs "")
  foreach(stage ${arg_BELOW})
    list(APPEND below_libs dabiao_${stage})
  endforeach()
  target_link_libraries(dabiao_${name} PUBLIC ${below_libs} ${arg_PUBLIC_LIBS} PRIVATE dabiao_warnings ${arg_PRIVATE_LIBS})
endfunction()
