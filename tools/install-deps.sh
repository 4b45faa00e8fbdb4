#!/usr/bin/env bash
# Installs the Debian packages the build and tests need, if any are missing.
# Used by `make deps`, `make demo` and .ci/run. Safe to run again.
#   tools/install-deps.sh          what `make`, `make demo` and `make test` need
#   tools/install-deps.sh csmith   also csmith and creduce (`make csmithfuzz`)
set -eu
need=()
have() { command -v "$1" >/dev/null 2>&1; }
have cc         || need+=(gcc)
have make       || need+=(make)
have clang      || need+=(clang)
have wasm-ld    || need+=(lld)
have wat2wasm   || need+=(wabt)
have wasm-opt   || need+=(binaryen)
have node       || need+=(nodejs)
have pkg-config || need+=(pkgconf)
[ -d /usr/share/wasi-sysroot ] || [ -d /usr/lib/wasm32-wasi ] || need+=(wasi-libc)
ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 \
    || need+=(libclang-rt-dev)
# compiler-rt for wasm32 (__multi3, __fixtfsi, ...): strtod, printf of
# floats and 64x64 multiplies in C built for wasm need it.
ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a >/dev/null 2>&1 \
    || need+=(libclang-rt-14-dev-wasm32)
if [ "${1:-}" = csmith ]; then
    have csmith  || need+=(csmith)
    [ -d /usr/include/csmith ] || ls -d /usr/include/csmith-* >/dev/null 2>&1 || need+=(libcsmith-dev)
    have creduce || need+=(creduce)
fi
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing: ${need[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
