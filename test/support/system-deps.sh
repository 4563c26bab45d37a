#!/usr/bin/env bash
# The programs the test suite drives besides Node, from Debian's packages: Chromium (the built
# apps in a browser), LibreOffice and poppler (documents opened and rendered by an independent
# reader), Liberation fonts (Times New Roman's metric twin), PostgreSQL's server binaries (the
# PostgreSQL store's tests start a throwaway cluster with initdb/pg_ctl, test/support/postgres.ts).
# Run by `npm test` before the suite:
# installs what is missing where it can (Debian, as root), else stops with one line saying what to
# install, so no browser or document test fails obscurely.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -d /usr/share/fonts/truetype/liberation ] || need+=(fonts-liberation)
pg_bin=$(pg_config --bindir 2>/dev/null)
{ [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; } || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test: installing ${need[*]} (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null; then exit 0; fi
  echo "test: installing ${need[*]} failed; install them, then run npm test again" >&2
  exit 1
fi
echo "test: the suite needs ${need[*]}: install them (e.g. sudo apt-get install ${need[*]}), then run npm test again" >&2
exit 1
