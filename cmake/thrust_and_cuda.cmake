# Finds nvcc (per AIRSHED_BACKENDS) and the one Thrust every translation unit
# uses: the CUDA toolkit's CCCL when CUDA is built (host and device code must
# share a Thrust version), Debian's libthrust-dev otherwise.
set(AIRSHED_HAVE_CUDA OFF)
if(NOT AIRSHED_BACKENDS STREQUAL "cpu")
  include(CheckLanguage)
  if(NOT DEFINED CMAKE_CUDA_COMPILER AND EXISTS /usr/local/cuda/bin/nvcc)
    set(CMAKE_CUDA_COMPILER /usr/local/cuda/bin/nvcc)
  endif()
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      set(CMAKE_CUDA_ARCHITECTURES "80;90" CACHE STRING "CUDA target architectures")
    endif()
    set(CMAKE_CUDA_STANDARD 17)
    set(CMAKE_CUDA_STANDARD_REQUIRED ON)
    enable_language(CUDA)
    find_package(CUDAToolkit REQUIRED)
    set(AIRSHED_HAVE_CUDA ON)
  elseif(AIRSHED_BACKENDS STREQUAL "cpu+cuda")
    message(FATAL_ERROR "AIRSHED_BACKENDS=cpu+cuda but no CUDA compiler (nvcc) was found")
  endif()
endif()

if(AIRSHED_HAVE_CUDA)
  find_path(AIRSHED_THRUST_INCLUDE thrust/version.h
            HINTS ${CUDAToolkit_INCLUDE_DIRS}/cccl ${CUDAToolkit_INCLUDE_DIRS} NO_DEFAULT_PATH)
else()
  find_path(AIRSHED_THRUST_INCLUDE thrust/version.h PATHS /usr/include)
endif()
if(NOT AIRSHED_THRUST_INCLUDE)
  message(FATAL_ERROR "Thrust not found: install libthrust-dev (Debian) or the CUDA toolkit")
endif()
message(STATUS "airshed: CUDA backend ${AIRSHED_HAVE_CUDA}; Thrust from ${AIRSHED_THRUST_INCLUDE}")

# Flags every airshed C++ target gets.
add_library(airshed_flags INTERFACE)
# -fno-trapping-math: no code here reads floating-point exception flags, and
# without it GCC will not turn the kernels' data-dependent selects (upwind
# choice, limiter) into vector blends, so those loops stay scalar. It
# changes no computed value (unlike -ffast-math). -ffp-contract=off: no
# fused multiply-adds, so results do not depend on AIRSHED_NATIVE (the
# plain x86-64 target has no FMA).
target_compile_options(airshed_flags INTERFACE
  $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -fno-trapping-math -ffp-contract=off>
  $<$<AND:$<COMPILE_LANGUAGE:CXX>,$<BOOL:${AIRSHED_NATIVE}>>:-march=native>
  $<$<AND:$<COMPILE_LANGUAGE:CXX>,$<BOOL:${AIRSHED_WARNINGS_AS_ERRORS}>>:-Werror>)
target_include_directories(airshed_flags INTERFACE ${PROJECT_SOURCE_DIR})
target_include_directories(airshed_flags SYSTEM INTERFACE ${AIRSHED_THRUST_INCLUDE})

# Thrust's OpenMP system backs thrust::device_* in CPU translation units.
add_library(airshed_cpu_thrust INTERFACE)
target_compile_definitions(airshed_cpu_thrust INTERFACE
  THRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_OMP THRUST_HOST_SYSTEM=THRUST_HOST_SYSTEM_CPP)
