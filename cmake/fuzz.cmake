# AIRSHED_FUZZ=ON builds the libFuzzer targets of tests/fuzz (tools/fuzz
# configures a separate tree, build-fuzz, with CC=clang-14 CXX=clang++-14).
# Everything compiled in that tree gets coverage instrumentation for
# libFuzzer plus ASan and UBSan, and any UBSan report aborts, so libFuzzer
# records it as a crash. The normal gcc build leaves this OFF and only
# builds the replay tests (tests/fuzz/CMakeLists.txt).
option(AIRSHED_FUZZ "Build the libFuzzer targets (clang only, see tools/fuzz)" OFF)
if(AIRSHED_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "AIRSHED_FUZZ=ON needs clang (libFuzzer), not ${CMAKE_CXX_COMPILER_ID}; "
                        "use tools/fuzz or CXX=clang++-14")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer -g
                      # clang reports every `omp simd` loop the sanitizer
                      # instrumentation keeps it from vectorising: noise here
                      -Wno-pass-failed)
  add_link_options(-fsanitize=address,undefined)
endif()
