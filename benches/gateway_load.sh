#!/usr/bin/env bash
# Gateway load test on loopback: client -> mock upstream directly vs client -> gateway -> mock,
# same run, non-streaming, a ~2 KB clinical note (the corpora/sample note closest to 2,048
# bytes) as the prompt. Needs `wrk` (apt-get install wrk) and a release build.
# Usage: [FILTER=off|flag] [MODEL=off|gated] benches/gateway_load.sh [SECONDS_PER_RUN]
#        (default 8 s per run; bounded: 8 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
D=${1:-8}
B=$PWD/target/release/phiscrub
T=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$T"' EXIT
MOCK_PORT=${MOCK_PORT:-18101}
GW_PORT=${GW_PORT:-18180}
FILTER=${FILTER:-flag}
cat > "$T/gw.toml" <<TOML
[server]
listen = "127.0.0.1:$GW_PORT"
[deid]
output_filter = "$FILTER"
[store]
path = "gw.db"
[[upstreams]]
name = "mock"
protocol = "openai"
base_url = "http://127.0.0.1:$MOCK_PORT/v1"
[[models]]
name = "gpt-test"
routes = [{ upstream = "mock" }]
TOML
"$B" mock-upstream --listen 127.0.0.1:$MOCK_PORT > "$T/mock.log" 2>&1 &
"$B" serve --config "$T/gw.toml" --model "${MODEL:-off}" > "$T/serve.log" 2>&1 &
KEY=$("$B" keys create --config "$T/gw.toml" --name load 2>/dev/null)
RAW=$("$B" keys create --config "$T/gw.toml" --name raw --no-deid 2>/dev/null)
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
notes = [json.loads(l)["text"] for l in open("corpora/sample/gold.jsonl")]
n = min(notes, key=lambda x: abs(len(x.encode()) - 2048))
json.dump({"model": "gpt-test", "messages": [{"role": "user", "content": n}]}, open(t + "/body.json", "w"))
print(f"prompt: {len(n.encode())} bytes")
PY
lua() { # key, session header (optional)
  echo 'wrk.method = "POST"'
  echo 'wrk.headers["Content-Type"] = "application/json"'
  echo "wrk.headers[\"Authorization\"] = \"Bearer $1\""
  [ -n "${2:-}" ] && echo "wrk.headers[\"x-phiscrub-session\"] = \"$2\""
  echo "local f = io.open(\"$T/body.json\"); wrk.body = f:read(\"*a\"); f:close()"
}
lua "$KEY" > "$T/new.lua"; lua "$KEY" bench-session > "$T/same.lua"; lua "$RAW" > "$T/raw.lua"
for i in $(seq 50); do curl -sf localhost:$GW_PORT/readyz > /dev/null && break; sleep 0.2; done
curl -sf -o /dev/null -H "Authorization: Bearer $KEY" -H 'content-type: application/json' \
  -d @"$T/body.json" localhost:$GW_PORT/v1/chat/completions
run() { # name url lua conns
  local out; out=$(wrk -t1 -c"$4" -d"${D}s" --latency -s "$3" "$2")
  local p50 p99 rps non2xx
  p50=$(echo "$out" | awk '$1=="50%"{print $2}'); p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}'); non2xx=$(echo "$out" | awk '/Non-2xx/{print $NF}')
  printf '| %-44s | %3s | %9s | %9s | %9s | %s |\n' "$1" "$4" "$p50" "$p99" "$rps" "${non2xx:-0}"
}
echo "output filter: $FILTER; model: ${MODEL:-off}; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
echo "| path | conns | p50 | p99 | req/s | non-2xx |"
echo "|---|---|---|---|---|---|"
for c in 1 16; do
  run "client -> mock (direct)" "http://127.0.0.1:$MOCK_PORT/v1/chat/completions" "$T/new.lua" $c
  run "gateway, de-identification off (BAA key)" "http://127.0.0.1:$GW_PORT/v1/chat/completions" "$T/raw.lua" $c
  run "gateway, tokens, one conversation" "http://127.0.0.1:$GW_PORT/v1/chat/completions" "$T/same.lua" $c
  run "gateway, tokens, new session per request" "http://127.0.0.1:$GW_PORT/v1/chat/completions" "$T/new.lua" $c
done
