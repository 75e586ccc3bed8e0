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

ensure_kubectl() {
  command -v kubectl >/dev/null 2>&1 && return 0
  if can_apt; then
    say "installing kubectl (apt-get install kubectl)"
    apt_install kubectl
    command -v kubectl >/dev/null 2>&1 && return 0
  fi
  say "kubectl is required (the publish tests run 'kubectl kustomize'): install it, e.g. apt-get install kubectl."
  exit 1
}

# bubblewrap: AppHost runs local tasks in a bwrap sandbox whenever it is installed (docs/security.md), and the isolation
# tests use it.
ensure_bwrap() {
  command -v bwrap >/dev/null 2>&1 && return 0
  if can_apt; then
    say "installing bubblewrap for the local task sandbox (apt-get install bubblewrap)"
    apt_install bubblewrap
    command -v bwrap >/dev/null 2>&1 && return 0
  fi
  say "bubblewrap is required by the local isolation tests: install it (Debian/Ubuntu: apt-get install bubblewrap)."
  exit 1
}

# Debian's Chromium for the Dashboard's browser tests (Playwright drives it; its own browser download does not
# work on these machines). OVERSEER_CHROMIUM points the tests at another binary.
ensure_chromium() {
  [[ -x ${OVERSEER_CHROMIUM:-/usr/bin/chromium} ]] && return 0
  if can_apt; then
    say "installing Chromium for the browser tests (apt-get install chromium)"
    apt_install chromium
    [[ -x /usr/bin/chromium ]] && return 0
  fi
  say "Chromium is required by the Dashboard's browser tests: install it (Debian/Ubuntu: apt-get install chromium) or set OVERSEER_CHROMIUM."
  exit 1
}

# Installs a directory's npm packages from its package-lock.json (npm ci) when node_modules is
# missing or older than the lock file.
ensure_node_modules() {
  local dir=$1
  if ! command -v npm >/dev/null 2>&1 && can_apt; then
    say "installing Node.js and npm (apt-get install nodejs npm)"
    apt_install nodejs npm
  fi
  if ! command -v npm >/dev/null 2>&1; then
    say "Node.js and npm are required for $dir: install them, e.g. apt-get install nodejs npm."
    exit 1
  fi
  if [[ -f $dir/node_modules/.package-lock.json && ! $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
    return 0
  fi
  say "installing npm packages in $dir (npm ci)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || { say "npm ci failed in $dir"; exit 1; }
}
