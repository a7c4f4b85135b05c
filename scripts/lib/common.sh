# scripts/lib/common.sh — shared by scripts/setup, start, test, bench and fuzz. Source it; don't run it.
# Paths, the Emscripten environment, logging, and "is set-up needed?".

CALFCOACH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export CALFCOACH_ROOT

# The pinned Dear ImGui source package (Debian trixie), fetched by scripts/setup, never committed.
IMGUI_VERSION=1.90.1
IMGUI_DEB_VERSION=1.90.1+ds-1
IMGUI_ORIG_SHA256=ecce377df0f90b292f15dcbd83d438bddc162b2388c881132bde18c787572a1c
IMGUI_DIR="$CALFCOACH_ROOT/third_party/imgui-$IMGUI_VERSION"

# Nayuki's QR Code generator (MIT), for the prescription's QR code: Debian ships its C++ only as a
# source package (its binary packages carry the C library). Also fetched by scripts/setup.
QRCODEGEN_VERSION=1.8.0
QRCODEGEN_DEB_VERSION=1.8.0-1.2
QRCODEGEN_ORIG_SHA256=2ec0a4d33d6f521c942eeaf473d42d5fe139abcfa57d2beffe10c5cf7d34ae60
QRCODEGEN_DIR="$CALFCOACH_ROOT/third_party/QR-Code-generator-$QRCODEGEN_VERSION"

# Debian packages the build and tests need (see README: what each is for).
DEBIAN_PACKAGES=(cmake make g++ clang libclang-rt-14-dev emscripten catch2 nlohmann-json3-dev chromium
                 fonts-roboto-unhinted python3 python3-fonttools brotli nodejs ca-certificates
                 firefox-esr webkit2gtk-driver xvfb xauth pulseaudio
                 zbar-tools poppler-utils python3-icalendar)

# Emscripten 3.1.6 with this machine's Node 20 needs Debian's node modules (acorn) on NODE_PATH,
# and closure from npm (Debian's is too old).
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
export EM_CLOSURE_COMPILER="$CALFCOACH_ROOT/node_modules/.bin/google-closure-compiler"

log() { if [[ -t 2 ]]; then printf '\033[1m==>\033[0m %s\n' "$*" >&2; else printf '==> %s\n' "$*" >&2; fi; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

missing_debian_packages() {
  local pkg missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  (( ${#missing[@]} )) && printf '%s\n' "${missing[@]}"
  return 0
}

npm_is_current() {
  [[ -f "$CALFCOACH_ROOT/node_modules/.package-lock.json" ]] &&
    cmp -s <(sha256sum < "$CALFCOACH_ROOT/package-lock.json") "$CALFCOACH_ROOT/node_modules/.calfcoach-lock.sha256" 2>/dev/null
}

setup_is_complete() {
  [[ -z "$(missing_debian_packages)" && -f "$IMGUI_DIR/imgui.cpp" && -f "$QRCODEGEN_DIR/c/qrcodegen.c" ]] &&
    npm_is_current
}

ensure_setup() {
  setup_is_complete || "$CALFCOACH_ROOT/scripts/setup"
}

# A free TCP port on the loopback interface.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
