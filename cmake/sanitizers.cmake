# AIRSHED_SANITIZE: build every host C/C++ target of the project (libraries,
# tests, tools and the `airshed` binary) with GCC/Clang sanitizers, so the
# test suite doubles as a memory-error and undefined-behaviour check.
#   OFF                : no sanitizers (the default)
#   address,undefined  : AddressSanitizer (with LeakSanitizer) + UBSan
#   address | undefined: one of the two, for bisecting a report
# tools/test-sanitized configures a tree with address,undefined; see
# docs/robustness.md.
set(AIRSHED_SANITIZE "OFF" CACHE STRING "Sanitizers for host code: OFF, address,undefined, address, undefined")
set_property(CACHE AIRSHED_SANITIZE PROPERTY STRINGS OFF "address,undefined" address undefined)
set(_airshed_sanitize_values OFF "address,undefined" address undefined)
if(NOT AIRSHED_SANITIZE IN_LIST _airshed_sanitize_values)
  message(FATAL_ERROR "AIRSHED_SANITIZE='${AIRSHED_SANITIZE}' is not one of: OFF, address,undefined, address, undefined")
endif()

if(NOT AIRSHED_SANITIZE STREQUAL "OFF")
  # Refused with CUDA rather than applied to host code only: nvcc cannot
  # instrument device code, the CUDA runtime's fixed mappings clash with
  # ASan's shadow memory (it needs protect_shadow_gap=0 and still reports
  # driver "leaks"), and the CPU build compiles the very same solver source
  # (host/solver) through the OpenMP backend, so a CPU-only tree already
  # sanitizes every line nvcc would have compiled for the host. Requiring
  # `cpu` explicitly (not `auto`) keeps one command line valid on machines
  # with and without nvcc.
  if(NOT AIRSHED_BACKENDS STREQUAL "cpu")
    message(FATAL_ERROR
      "AIRSHED_SANITIZE=${AIRSHED_SANITIZE} needs -DAIRSHED_BACKENDS=cpu "
      "(sanitizers cannot instrument CUDA device code; got AIRSHED_BACKENDS=${AIRSHED_BACKENDS})")
  endif()
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "AIRSHED_SANITIZE needs GCC or Clang (got ${CMAKE_CXX_COMPILER_ID})")
  endif()
  # Directory-scope options reach every target defined after this include,
  # including ones that do not link airshed_flags (the doctest main, helper
  # executables). -fno-sanitize-recover=all turns every UBSan report into a
  # failing test instead of a line in a log nobody reads; frame pointers
  # give ASan's fast unwinder whole stacks at -O2.
  set(_airshed_sanitize_flags -fsanitize=${AIRSHED_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_compile_options("$<$<COMPILE_LANGUAGE:C,CXX>:${_airshed_sanitize_flags}>")
  add_link_options(${_airshed_sanitize_flags})
  # Thrust (Debian's 1.17) dispatches on a system tag by binding a reference
  # to a null tag pointer (thrust/detail/reference.h, select_system.inl;
  # NVIDIA/thrust#1959, fixed upstream in CCCL 3.1). The tags are empty and
  # never read, but -fsanitize=null reports every device_vector element
  # access. So null alone is recoverable: tools/sanitizers/ubsan.supp drops
  # exactly those Thrust locations, and UBSAN_OPTIONS=halt_on_error=1 (set by
  # tools/test-sanitized) still stops at any other null report.
  if(AIRSHED_SANITIZE MATCHES "undefined")
    add_compile_options("$<$<COMPILE_LANGUAGE:C,CXX>:-fsanitize-recover=null>")
    add_link_options(-fsanitize-recover=null)
  endif()
  # GCC 12-14 + ASan: std::regex's NFA (libstdc++ <regex>, used by the
  # scenario and output code) trips a false -Wmaybe-uninitialized inside
  # std::function's move constructor (GCC PR 105616), which -Werror turns
  # into a build failure. Off in sanitized trees only: the normal -Werror
  # build keeps the warning for all our code.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND AIRSHED_SANITIZE MATCHES "address")
    add_compile_options("$<$<COMPILE_LANGUAGE:C,CXX>:-Wno-maybe-uninitialized>")
  endif()
  message(STATUS "airshed: sanitizers ${AIRSHED_SANITIZE} on every host target")
endif()
