# Install rules: the zeroscan binary, its man page and its bash completion.
# Included from the top-level CMakeLists.txt after add_subdirectory(src/cli),
# since it names the zeroscan target.
include(GNUInstallDirs)
install(TARGETS zeroscan RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/docs/zeroscan.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# bash-completion loads completions/<command> on first use of the command.
install(FILES ${PROJECT_SOURCE_DIR}/scripts/completion/zeroscan.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME zeroscan)
