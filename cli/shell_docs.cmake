# Man pages and bash completion, generated at build time from the command
# tables (the source of --help), the catalogue and the mutants:
#
#   build/share/man/man1/{smapi-conform,smapi-mock}.1
#   build/share/bash-completion/completions/{smapi-conform,smapi-mock}
#
# installed under <prefix>/share/man/man1 and
# <prefix>/share/bash-completion/completions. The renderers are pure
# (smapi_shell_docs: man_page.h, bash_completion.h); smapi-shell-docs is the
# build-time tool that feeds them both programs' tables. Its libraries are
# defined in harness/, suites/ and mock_plugin/, after this file: CMake
# resolves them when it generates.
include(GNUInstallDirs)

add_library(smapi_shell_docs man_page.cpp bash_completion.cpp)
target_include_directories(smapi_shell_docs PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(smapi_shell_docs PUBLIC smapi_cli)

add_executable(smapi-shell-docs shell_docs_tool.cpp)
target_link_libraries(smapi-shell-docs PRIVATE smapi_shell_docs smapi_conform_cli smapi_mock_cli smapi_suites
                                               smapi_mock_core)
target_compile_definitions(smapi-shell-docs PRIVATE SMAPI_VERSION="${PROJECT_VERSION}")
# Not a product: kept out of build/bin, which holds the programs.
set_target_properties(smapi-shell-docs PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})

set(SMAPI_SHARE_BUILD_DIR ${PROJECT_BINARY_DIR}/share)
set(SMAPI_MAN_PAGES
  ${SMAPI_SHARE_BUILD_DIR}/man/man1/smapi-conform.1
  ${SMAPI_SHARE_BUILD_DIR}/man/man1/smapi-mock.1)
set(SMAPI_COMPLETIONS
  ${SMAPI_SHARE_BUILD_DIR}/bash-completion/completions/smapi-conform
  ${SMAPI_SHARE_BUILD_DIR}/bash-completion/completions/smapi-mock)
add_custom_command(
  OUTPUT ${SMAPI_MAN_PAGES} ${SMAPI_COMPLETIONS}
  COMMAND smapi-shell-docs ${SMAPI_SHARE_BUILD_DIR}
  DEPENDS smapi-shell-docs
  COMMENT "Man pages and bash completion from the command tables")
add_custom_target(smapi_shell_docs_files ALL DEPENDS ${SMAPI_MAN_PAGES} ${SMAPI_COMPLETIONS})

install(FILES ${SMAPI_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${SMAPI_COMPLETIONS} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)

if(SMAPI_BUILD_TESTS)
  # Render the pages with man and groff (no warnings, every command and flag
  # of the tables), and complete in bash with the generated scripts.
  smapi_add_gtest(shell_docs_test
    SOURCES man_page_test.cpp bash_completion_test.cpp
    LIBS smapi_shell_docs smapi_conform_cli smapi_mock_cli smapi_suites smapi_mock_core smapi_e2e_support
         smapi_reports)
  target_compile_definitions(shell_docs_test PRIVATE SMAPI_SHARE_BUILD_DIR="${SMAPI_SHARE_BUILD_DIR}")
  add_dependencies(shell_docs_test smapi_shell_docs_files)

  # The same completion in an interactive bash, through readline (where bash
  # splits the line itself and the reply replaces the word).
  find_program(SMAPI_PYTHON3 python3 REQUIRED)
  add_test(NAME bash_completion_readline
    COMMAND ${SMAPI_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/completion_readline_test.py
      ${SMAPI_SHARE_BUILD_DIR}/bash-completion/completions/smapi-conform)
  set_tests_properties(bash_completion_readline PROPERTIES TIMEOUT 120)
endif()
