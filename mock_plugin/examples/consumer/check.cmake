# ctest driver (cmake -P): installs the built tree into a scratch prefix, then
# configures, builds and runs the consumer project against it. Fails with the
# step's output when any step fails.
foreach(var BUILD_DIR CONSUMER_DIR WORK_DIR GENERATOR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check.cmake: -D${var}=... is required")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")

function(step name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name} failed (${rc}):\n${out}")
  endif()
  message(STATUS "${name}: ok")
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

step(install ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")
step(configure ${CMAKE_COMMAND} -S "${CONSUMER_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
     -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_PREFIX_PATH=${prefix}")
step(build ${CMAKE_COMMAND} --build "${WORK_DIR}/build")
step(run "${WORK_DIR}/build/consumer" "${WORK_DIR}/plugin")
message(STATUS "${step_output}")
if(NOT step_output MATCHES "Plugin.ls \\[\"sr-9\"\\]")
  message(FATAL_ERROR "the consumer did not print the configured Plugin.ls answer:\n${step_output}")
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
