# smapi_link_statically(<exe> <objects> <option>)
#
# Links the executable <exe>, built from the object library <objects>, with
# -static against the static archives of everything <objects> links, so the
# one file runs on any x86-64 Linux whatever its shared libraries (the
# packages and the README's "Install" rely on it). Libraries linked to <exe>
# itself (target_link_libraries(<exe> ...) in other files) are moved onto
# <objects> first, so their usage requirements still reach the compile.
#
# When <option> is OFF, under sanitizers (which cannot link statically) or
# when a static archive is missing (e.g. libboost-json-dev without
# libboost_json.a), <exe> is linked dynamically instead, with a message
# saying why. Either way:
#   - the target property SMAPI_STATIC_EXPECTED is OFF only when <option> is
#     OFF or under sanitizers: the tests of the static binaries and the
#     packages skip then, and fail when a missing archive made the link
#     dynamic (configure said why);
#   - <objects> is compiled with SMAPI_STATIC_RUNTIME=1 when static, so the
#     program can pin what glibc cannot do from a static binary
#     (harness/static_runtime.h).
# The libraries themselves, the embedded API and the installed CMake package
# (cmake/SmapiMockInstall.cmake) are built and linked as before.

# The static archive for each imported library an executable links; an
# imported library not named here turns the static link off.
set(_smapi_static_archive_Boost::json libboost_json.a)
set(_smapi_static_archive_Boost::url libboost_url.a)
set(_smapi_static_archive_pugixml::pugixml libpugixml.a)
set(_smapi_static_archive_pugixml::shared libpugixml.a)
set(_smapi_static_archive_pugixml::static libpugixml.a)
set(_smapi_static_archive_ZLIB::ZLIB libz.a)
set(_smapi_static_archive_OpenSSL::Crypto libcrypto.a)
set(_smapi_static_archive_EXPAT::EXPAT libexpat.a)
set(_smapi_static_archive_expat::expat libexpat.a)

# Walks the libraries `target` links, directly or not. Appends this project's
# libraries to `libs_var`, the archives standing in for imported ones to
# `archives_var`, and to `problem_var` why a static link cannot be done.
# Imported libraries are recognised by name first: one found in a
# subdirectory (pugixml in contract/) is not a target everywhere.
function(_smapi_static_closure target libs_var archives_var problem_var)
  set(libs ${${libs_var}})
  set(archives ${${archives_var}})
  set(problem ${${problem_var}})
  get_target_property(links ${target} LINK_LIBRARIES)
  get_target_property(iface ${target} INTERFACE_LINK_LIBRARIES)
  foreach(dep IN LISTS links iface)
    string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" dep "${dep}")
    if(NOT dep OR dep MATCHES "-NOTFOUND$" OR dep IN_LIST libs)
      continue()
    endif()
    if(DEFINED _smapi_static_archive_${dep})
      set(name ${_smapi_static_archive_${dep}})
      find_library(SMAPI_STATIC_ARCHIVE_${name} NAMES ${name})
      if(SMAPI_STATIC_ARCHIVE_${name})
        list(APPEND archives ${SMAPI_STATIC_ARCHIVE_${name}})
      else()
        list(APPEND problem "${name} (for ${dep}) was not found")
      endif()
      list(APPEND libs ${dep})
      continue()
    endif()
    if(NOT TARGET "${dep}")
      if(NOT dep MATCHES "^-")
        list(APPEND problem "it links ${dep}, which is neither a target nor known here")
      endif()
      continue()
    endif()
    get_target_property(type ${dep} TYPE)
    get_target_property(imported ${dep} IMPORTED)
    if(imported AND type STREQUAL "INTERFACE_LIBRARY")
      # Header-only (Boost::headers) or an alias of a real target: walk on.
      list(APPEND libs ${dep})
      _smapi_static_closure(${dep} libs archives problem)
    elseif(imported)
      list(APPEND problem "no static archive is known for ${dep}")
    else()
      list(APPEND libs ${dep})
      _smapi_static_closure(${dep} libs archives problem)
    endif()
  endforeach()
  list(REMOVE_DUPLICATES archives)
  set(${libs_var} ${libs} PARENT_SCOPE)
  set(${archives_var} ${archives} PARENT_SCOPE)
  set(${problem_var} ${problem} PARENT_SCOPE)
endfunction()

function(smapi_link_statically exe objects option)
  # Properties, not target_link_libraries: entries keep the directory scope
  # they were written in (imported targets found in a subdirectory).
  get_target_property(own ${exe} LINK_LIBRARIES)
  if(own)
    set_property(TARGET ${objects} APPEND PROPERTY LINK_LIBRARIES ${own})
  endif()
  set_property(TARGET ${exe} PROPERTY LINK_LIBRARIES "")

  set(problem)
  if(NOT ${option})
    set(problem "${option} is OFF")
  elseif("${CMAKE_CXX_FLAGS} ${CMAKE_EXE_LINKER_FLAGS}" MATCHES "-fsanitize")
    set(problem "sanitizers cannot link statically")
  endif()
  if(problem)
    set_property(TARGET ${exe} PROPERTY SMAPI_STATIC_EXPECTED OFF)
  else()
    set_property(TARGET ${exe} PROPERTY SMAPI_STATIC_EXPECTED ON)
  endif()
  set(libs)
  set(archives)
  if(NOT problem)
    _smapi_static_closure(${objects} libs archives problem)
  endif()

  if(NOT problem)
    # This project's archives by file (their usage requirements would bring
    # the shared Boost, pugixml, zlib, libcrypto back), then the static
    # archives of the imported ones; a group, so their order does not matter.
    set(files)
    foreach(lib IN LISTS libs)
      if(NOT TARGET ${lib})
        continue()
      endif()
      get_target_property(imported ${lib} IMPORTED)
      get_target_property(type ${lib} TYPE)
      if(NOT imported AND type STREQUAL "STATIC_LIBRARY")
        list(APPEND files $<TARGET_FILE:${lib}>)
        add_dependencies(${exe} ${lib})
      endif()
    endforeach()
    set_property(TARGET ${exe} PROPERTY LINK_LIBRARIES
      -Wl,--start-group ${files} ${archives} -Wl,--end-group)
    target_link_options(${exe} PRIVATE -static -pthread)
    target_compile_definitions(${objects} PRIVATE SMAPI_STATIC_RUNTIME=1)
    message(STATUS "${exe}: linked statically (${option})")
  else()
    get_target_property(needed ${objects} LINK_LIBRARIES)
    set_property(TARGET ${exe} PROPERTY LINK_LIBRARIES ${needed})
    list(JOIN problem "; " why)
    message(STATUS "${exe}: linked dynamically: ${why}")
  endif()
endfunction()
