#!/usr/bin/env bash
# Installs what the test suite needs when it is missing. Sourced by ./test.sh.
# As root it uses apt-get; otherwise it says what to install and stops.

say() { printf 'test.sh: %s\n' "$*" >&2; }

can_apt() { [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; }

apt_install() {
  if [[ -z ${APT_UPDATED:-} ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    say "the .NET 10 SDK is required: https://dotnet.microsoft.com/download (dotnet was not found on PATH)"
    exit 1
  fi
}

have_postgres() {
  if [[ -n ${OVERSEER_PG_BIN:-} && -x $OVERSEER_PG_BIN/initdb ]]; then return 0; fi
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && return 0
  command -v initdb >/dev/null 2>&1
}

ensure_postgres() {
  have_postgres && return 0
  if can_apt; then
    say "installing the PostgreSQL server (apt-get install postgresql)"
    apt_install postgresql
    have_postgres && return 0
  fi
  say "the PostgreSQL server binaries (initdb, postgres) are missing."
  say "install them (Debian/Ubuntu: sudo apt-get install postgresql) or set OVERSEER_PG_BIN to their directory."
  exit 1
}
