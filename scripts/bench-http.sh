#!/usr/bin/env bash
# Throughput of the server-rendered gallery next to nginx serving the same HTML
# as a static file, with wrk on 127.0.0.1. Needs a release build:
#
#   cargo leptos build --release --precompress
#   ./scripts/bench-http.sh
#
# It installs wrk and nginx if missing (apt), starts the release server on a
# free port with a fresh SQLite database (demo content: 29 case studies) in a
# temporary directory, saves the rendered gallery HTML there, serves it with
# nginx on another free port, runs wrk against both and prints requests/s,
# latency p50/p99 and the ratio server/nginx. Everything it started is stopped
# on exit.
#
# Settings (environment):
#   SERVER_BIN   release server binary         (default target/release/server)
#   SITE_ROOT    its built assets               (default target/site)
#   DURATION     wrk duration                   (default 15s)
#   CONNECTIONS  wrk connections                (default 50)
#   THREADS      wrk threads                    (default 2)
#   RUNS         runs of each measurement       (default 2)
#   COMPRESSED   also run with Accept-Encoding  (default true)
#   KEEP_TMP     keep the temporary directory   (default false)
#   CE_WORKERS   the server's worker threads    (default one per core)
#   ROWS         pages to measure               (default "gallery filtered study landing")
#
# Rows: the gallery (/case-studies, first page of 12 cards) and a filtered,
# sorted gallery (/case-studies?industry=<first industry>&sort_by=roi_desc);
# the first case study the gallery links to (study);
# a published landing page from a built-in template (/landing/free-consultation;
# wrk sends no User-Agent, which the server counts as a bot, so no view is
# written per request);
# nginx serves each page's HTML as saved from the server. "identity" is wrk's
# default (no Accept-Encoding); "gzip" sends Accept-Encoding: gzip to both
# (the server compresses each response, nginx serves a precompressed .gz with
# gzip_static, its best case); "br" is the server only (Debian's nginx has no
# brotli module).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"

SERVER_BIN="$(realpath -m "${SERVER_BIN:-target/release/server}")"
SITE_ROOT="$(realpath -m "${SITE_ROOT:-target/site}")"
DURATION="${DURATION:-15s}"
CONNECTIONS="${CONNECTIONS:-50}"
THREADS="${THREADS:-2}"
RUNS="${RUNS:-2}"
COMPRESSED="${COMPRESSED:-true}"
KEEP_TMP="${KEEP_TMP:-false}"
ROWS="${ROWS:-gallery filtered study landing}"
LANDING=/landing/free-consultation

[ -x "$SERVER_BIN" ] || { echo "no server binary at $SERVER_BIN (cargo leptos build --release, or set SERVER_BIN)" >&2; exit 1; }
[ -d "$SITE_ROOT/pkg" ] || { echo "no built site at $SITE_ROOT (set SITE_ROOT)" >&2; exit 1; }
command -v wrk >/dev/null || apt_install wrk
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || apt_install nginx
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
command -v curl >/dev/null || apt_install curl

TMP="$(mktemp -d /tmp/ce-bench-http.XXXXXX)"
SERVER_PID="" NGINX_PID=""
cleanup() {
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  if [ "$KEEP_TMP" = true ]; then log "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

wait_for() {
  local url="$1" what="$2" i
  for i in $(seq 1 100); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "$what did not answer at $url" >&2
  [ -f "$TMP/server.log" ] && tail -20 "$TMP/server.log" >&2
  exit 1
}

# --- the server, on a fresh database -----------------------------------------
SERVER_PORT="$(free_port)"
SERVER="http://127.0.0.1:$SERVER_PORT"
log "starting $SERVER_BIN on $SERVER (database in $TMP)"
mkdir -p "$TMP/data"
(
  cd "$TMP"
  export CE_DEMO=true DATABASE_URL="sqlite://$TMP/data/bench.db" CE_MEDIA_DIR="$TMP/data/media"
  export CE_LISTEN_ADDR="127.0.0.1:$SERVER_PORT" RUST_LOG=warn CE_LOG_FORMAT=json
  export LEPTOS_SITE_ROOT="$SITE_ROOT" LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=causal-edge LEPTOS_ENV=PROD
  exec "$SERVER_BIN" serve
) >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
wait_for "$SERVER/ready" "the server"

# --- the same HTML as static files --------------------------------------------
mkdir -p "$TMP/www"
curl -fsS -o "$TMP/www/gallery.html" "$SERVER/case-studies"
INDUSTRY="$(grep -o '<select id="f-industry"[^>]*>.*</select>' "$TMP/www/gallery.html" \
  | grep -o '<option value="[^"]\+"' | head -1 | sed 's/.*value="\([^"]*\)"/\1/')"
[ -n "$INDUSTRY" ] || { echo "no industry in the gallery's filter (is there demo content?)" >&2; exit 1; }
FILTERED="/case-studies?industry=$INDUSTRY&sort_by=roi_desc"
curl -fsS -o "$TMP/www/filtered.html" "$SERVER$FILTERED"
curl -fsS -o "$TMP/www/landing.html" "$SERVER$LANDING"
STUDY="$(grep -o 'href="/case-studies/[^"?]*"' "$TMP/www/gallery.html" | head -1 | sed 's/href="\([^"]*\)"/\1/')"
[ -n "$STUDY" ] || { echo "no case study linked from the gallery" >&2; exit 1; }
curl -fsS -o "$TMP/www/study.html" "$SERVER$STUDY"
for f in gallery filtered study landing; do gzip -k -9 "$TMP/www/$f.html"; done
chmod 755 "$TMP" "$TMP/www" && chmod 644 "$TMP"/www/*   # nginx workers may run as nobody
cards="$(grep -o 'href="/case-studies/[^"?]*"' "$TMP/www/gallery.html" | sort -u | wc -l)"
cards_f="$(grep -o 'href="/case-studies/[^"?]*"' "$TMP/www/filtered.html" | sort -u | wc -l)"
if curl -fsS -D - -o /dev/null "$SERVER/case-studies" | grep -qi '^set-cookie'; then
  cookie_note="the server sets a cookie on the gallery"
else
  cookie_note="the server sets no cookie on the gallery"
fi

NGINX_PORT="$(free_port)"
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
mkdir -p "$TMP/nginx"
cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $TMP/nginx/body;
  proxy_temp_path $TMP/nginx/proxy;
  fastcgi_temp_path $TMP/nginx/fastcgi;
  uwsgi_temp_path $TMP/nginx/uwsgi;
  scgi_temp_path $TMP/nginx/scgi;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  gzip_static on;
  gzip_vary on;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $TMP/www;
    default_type text/html;
    location = /case-studies { try_files /gallery.html =404; }
    location = /case-studies-filtered { try_files /filtered.html =404; }
    location = /landing-page { try_files /landing.html =404; }
    location = /case-study { try_files /study.html =404; }
  }
}
EOF
log "starting nginx on $NGINX_URL"
"$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" &
NGINX_PID=$!
wait_for "$NGINX_URL/case-studies" "nginx"
cmp -s <(curl -fsS "$NGINX_URL/case-studies") "$TMP/www/gallery.html" || { echo "nginx does not serve the saved HTML" >&2; exit 1; }

size() { curl -fsS -o /dev/null -w '%{size_download}' ${2:+-H "Accept-Encoding: $2"} "$1"; }

# --- wrk ------------------------------------------------------------------------
to_ms() {  # wrk prints 812.00us, 41.94ms or 1.02s
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else print v }'
}
# run_wrk URL [ENCODING] -> "rps p50 p99" (exits if any response was not 2xx/3xx or a socket failed)
run_wrk() {
  local url="$1" enc="${2:-}" out
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency ${enc:+-H "Accept-Encoding: $enc"} "$url")"
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then
    echo "wrk reported errors for $url:" >&2
    echo "$out" >&2
    exit 1
  fi
  local rps p50 p99
  rps="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")"
  p50="$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
  echo "$rps $p50 $p99"
}

rows=()
measure() {  # label server_path nginx_path encoding
  local label="$1" spath="$2" npath="$3" enc="$4" run s n ratio hdr=""
  [ "$enc" = identity ] || hdr="$enc"
  for run in $(seq 1 "$RUNS"); do
    log "wrk $label, $enc, run $run/$RUNS: server"
    s="$(run_wrk "$SERVER$spath" "$hdr")"
    if [ -n "$npath" ]; then
      log "wrk $label, $enc, run $run/$RUNS: nginx"
      n="$(run_wrk "$NGINX_URL$npath" "$hdr")"
      ratio="$(awk -v a="${s%% *}" -v b="${n%% *}" 'BEGIN {printf "%.3f", a / b}')"
    else
      n="– – –" ratio="–"
    fi
    read -r s_rps s_p50 s_p99 <<<"$s"
    read -r n_rps n_p50 n_p99 <<<"$n"
    rows+=("| $label | $enc | $run | $s_rps | $s_p50 / $s_p99 | $n_rps | $n_p50 / $n_p99 | $ratio |")
  done
}

encodings=(identity)
[ "$COMPRESSED" = true ] && encodings+=(gzip br)
for enc in "${encodings[@]}"; do
  npath_g=/case-studies npath_f=/case-studies-filtered npath_l=/landing-page npath_s=/case-study
  [ "$enc" = br ] && npath_g="" npath_f="" npath_l="" npath_s=""
  for row in $ROWS; do
    case "$row" in
      gallery) measure "gallery" /case-studies "$npath_g" "$enc" ;;
      filtered) measure "filtered" "$FILTERED" "$npath_f" "$enc" ;;
      study) measure "study" "$STUDY" "$npath_s" "$enc" ;;
      landing) measure "landing" "$LANDING" "$npath_l" "$enc" ;;
      *) echo "unknown row $row (gallery, filtered, study, landing)" >&2; exit 1 ;;
    esac
  done
done

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $(nproc) CPUs, load average before the last run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server: $SERVER_BIN ($(basename "$SITE_ROOT") assets); nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///'), worker_processes auto, access_log off"
echo "gallery: /case-studies, $cards cards, $(size "$SERVER/case-studies") bytes (gzip $(size "$SERVER/case-studies" gzip), br $(size "$SERVER/case-studies" br); nginx's .gz $(stat -c %s "$TMP/www/gallery.html.gz"))"
echo "filtered: $FILTERED, $cards_f cards, $(size "$SERVER$FILTERED") bytes (gzip $(size "$SERVER$FILTERED" gzip), br $(size "$SERVER$FILTERED" br))"
echo "study: $STUDY, $(size "$SERVER$STUDY") bytes (gzip $(size "$SERVER$STUDY" gzip), br $(size "$SERVER$STUDY" br))"
echo "landing: $LANDING, $(size "$SERVER$LANDING") bytes (gzip $(size "$SERVER$LANDING" gzip), br $(size "$SERVER$LANDING" br))"
echo "$cookie_note"
echo
echo "| page | encoding | run | server req/s | server p50 / p99 (ms) | nginx req/s | nginx p50 / p99 (ms) | server / nginx |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
