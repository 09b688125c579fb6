#!/usr/bin/env bash
# The Debian/Ubuntu packages bk.plone needs beside Python's, installed when missing.
#
#   scripts/debian_packages.sh serve   what `make start` needs (WeasyPrint's Pango
#                                      and HarfBuzz, the letter's fonts, venv)
#   scripts/debian_packages.sh cluster and PostgreSQL and HAProxy for `make cluster`
#   scripts/debian_packages.sh test    and what `make test` adds (Chromium for the
#                                      browser tests, curl for CI's buildout check,
#                                      poppler-utils for pictures of the letter,
#                                      systemd-analyze to check deploy/'s units)
#
# Installs through apt-get as root or through passwordless sudo; otherwise stops
# and prints the one command to run. Set BK_SKIP_DEBIAN_PACKAGES=1 on systems that
# provide the libraries another way (the check is skipped, nothing is installed).
set -euo pipefail

purpose="${1:-serve}"

# WeasyPrint needs Pango (and HarfBuzz's subsetter, which embeds fonts several times
# faster than its fontTools fallback); lxml builds against libxml2/libxslt where no
# wheel fits; the fonts make rendered letters the same on every machine.
serve=(
    libxml2-dev libxslt1-dev
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0
    fonts-dejavu-core fonts-liberation
    tesseract-ocr tesseract-ocr-deu
)
# make cluster: the database server and the load balancer in front of the instances
cluster=(postgresql haproxy)
test=(chromium chromium-driver curl poppler-utils systemd "${cluster[@]}")

case "$purpose" in
    serve) wanted=("${serve[@]}") ;;
    cluster) wanted=("${serve[@]}" "${cluster[@]}") ;;
    test) wanted=("${serve[@]}" "${test[@]}") ;;
    *) echo "usage: $0 serve|cluster|test" >&2; exit 2 ;;
esac

if [ "${BK_SKIP_DEBIAN_PACKAGES:-}" = "1" ]; then
    exit 0
fi
if ! command -v dpkg-query >/dev/null; then
    echo "bk.plone: not a Debian/Ubuntu system; install the equivalents of: ${wanted[*]}" >&2
    echo "          (then run with BK_SKIP_DEBIAN_PACKAGES=1)" >&2
    exit 1
fi
# Debian's own Python needs python3-venv for `python3 -m venv`.
if ! "${PYTHON:-python3}" -c "import ensurepip, venv" 2>/dev/null; then
    wanted+=(python3-venv)
fi

missing=()
for package in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

command=(apt-get install -y -qq --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo=(sudo)
else
    echo "bk.plone needs these Debian packages: ${missing[*]}" >&2
    echo "Install them, then run make again:" >&2
    echo "    sudo apt-get update && sudo ${command[*]}" >&2
    exit 1
fi
echo "::: Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" "${command[@]}" >/dev/null
