# Shared helpers for the project scripts: each installs only what is missing,
# so a second run is quick. Sourced, not executed.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CARGO_LEPTOS_VERSION=0.3.11
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132.0.0
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\033[1;36m==>\033[0m %s\n' "$*" >&2; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    log "apt-get update"
    apt-get update -qq >/dev/null
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_rust_tools() {
  if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
    log "adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    log "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 16 minutes on 2 cores, once per machine)"
    # --ignore-rust-version: one locked dependency asks for a newer rustc than the machine's.
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --ignore-rust-version
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (must match the crate exactly)"
    # Not --locked: a dependency in its lock file is missing from the registry mirror.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
  # Debian's binaryen (108) silently breaks the wasm; use npm's.
  if ! wasm-opt --version 2>/dev/null | grep -q "version_${BINARYEN_VERSION%%.*}"; then
    log "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
    npm install -g --silent "binaryen@$BINARYEN_VERSION"
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null; then
    apt_install chromium
  fi
}

ensure_e2e_deps() {
  if [ ! -x "$ROOT/end2end/node_modules/.bin/playwright" ]; then
    log "installing Playwright (uses Debian's Chromium; downloads no browser)"
    (cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund)
  fi
}

# Starts the local PostgreSQL cluster if needed and makes sure the test role
# exists; prints nothing but exports CE_TEST_POSTGRES_URL.
ensure_postgres() {
  if [ -n "${CE_TEST_POSTGRES_URL:-}" ]; then
    return
  fi
  if ! command -v pg_ctlcluster >/dev/null; then
    apt_install postgresql
  fi
  local version
  version="$(pg_lsclusters -h | awk 'NR==1 {print $1}')"
  if [ -z "$version" ]; then
    version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
    log "creating PostgreSQL $version cluster"
    pg_createcluster "$version" main >/dev/null
  fi
  if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
    log "starting PostgreSQL $version"
    pg_ctlcluster "$version" main start
  fi
  local port
  port="$(pg_lsclusters -h | awk 'NR==1 {print $3}')"
  su postgres -c "psql -q -p $port -v ON_ERROR_STOP=1" >/dev/null <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'causal_edge') THEN
    CREATE ROLE causal_edge LOGIN CREATEDB PASSWORD 'causal_edge';
  END IF;
END
$$;
SQL
  export CE_TEST_POSTGRES_URL="postgres://causal_edge:causal_edge@127.0.0.1:$port/postgres"
}
