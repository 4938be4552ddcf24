#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, but only those that are missing:
# on a prepared machine this only asks dpkg and finishes in about a second (no apt-get update).
# Never uses systemd.
set -euo pipefail

packages=(
    # Private PostgreSQL cluster for the PostgreSQL test run (scripts/pg-cluster.sh).
    postgresql
    # Browser tests (Playwright drives /usr/bin/chromium; its own browser download fails here).
    chromium chromium-driver
    # WeasyPrint (PDF output).
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1
    fonts-dejavu-core
    # OCR of scanned documents, with the Indonesian language data.
    tesseract-ocr tesseract-ocr-ind
)

missing=()
for pkg in "${packages[@]}"; do
    # "deinstall ok config-files" (removed, config kept) also counts as missing.
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "Paket sistem sudah lengkap."
    exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    else
        echo "GALAT: paket sistem belum terpasang dan tidak ada akses root/sudo: ${missing[*]}" >&2
        exit 1
    fi
fi

echo "Memasang paket sistem yang belum ada: ${missing[*]}"
# Wait for a dpkg lock held by another apt run instead of failing at once.
apt_opts=(-o DPkg::Lock::Timeout=300)
"${sudo[@]}" apt-get "${apt_opts[@]}" update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get "${apt_opts[@]}" install -y -q --no-install-recommends "${missing[@]}"
