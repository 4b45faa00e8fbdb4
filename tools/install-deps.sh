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
have npm        || need+=(npm)
have pkg-config || need+=(pkgconf)
have chromium   || need+=(chromium)
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
if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi
# npm tools of the tests (typescript, puppeteer-core), pinned in
# tools/npm/package.json, into tools/npm/node_modules (not committed).
npm_dir=$(cd "$(dirname "$0")" && pwd)/npm
if [ ! -x "$npm_dir/node_modules/.bin/tsc" ] || [ ! -d "$npm_dir/node_modules/puppeteer-core" ]; then
    echo "installing npm tools into $npm_dir/node_modules"
    (cd "$npm_dir" && npm install --no-audit --no-fund --loglevel=error)
fi
