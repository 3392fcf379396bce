#!/usr/bin/env bash
# Installs the Debian packages Tongban needs, and only those missing. Safe to run again.
set -euo pipefail
pkgs=(
  g++ cmake ninja-build pkg-config make
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libsqlite3-dev libsodium-dev libspdlog-dev libfmt-dev libcli11-dev libcurl4-openssl-dev
  libgtest-dev libgmock-dev zlib1g-dev libbrotli-dev
  # Certificates: PDF with real CJK text (Cairo + Pango, Noto CJK), QR codes; the unit tests
  # read the text back with pdftotext and the QR code with pdftoppm + zbarimg.
  libcairo2-dev libpango1.0-dev libqrencode-dev fonts-noto-cjk poppler-utils zbar-tools
  curl python3 git clang-format
)
case "${1:-}" in
  --bench) pkgs+=(wrk) ;;
  # Browser tests: Debian's Chromium (Playwright drives it; it never downloads a browser) and
  # CJK fonts so Chinese renders in screenshots (fonts-noto-cjk, already in the base list).
  --browser) pkgs+=(chromium) ;;
esac
# Node.js and npm build the front end. The machine image ships them; Debian's packages are the
# fallback on a bare system.
command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || pkgs+=(npm)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
