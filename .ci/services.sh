#!/usr/bin/env bash
# Starts (or stops) a throwaway Prometheus and Alertmanager from Debian's packages on loopback, for the
# connector and webhook tests. Prometheus scrapes itself and evaluates an always-firing alert, which it
# sends to Alertmanager, whose one receiver posts to pfa's webhook on $PFA_TEST_WEBHOOK_PORT.
# The daemons are run directly (never through systemd), with data in a temporary directory.
# Usage: source .ci/services.sh start   -> exports PFA_TEST_PROMETHEUS_URL, PFA_TEST_ALERTMANAGER_URL,
#                                          PFA_TEST_WEBHOOK_PORT and PFA_SERVICES_DIR
#        .ci/services.sh stop [DIR]     (DIR defaults to $PFA_SERVICES_DIR)
set -euo pipefail

PFA_SERVICES_READY_TIMEOUT=${PFA_SERVICES_READY_TIMEOUT:-60}

pfa_services_install() {
  if command -v prometheus >/dev/null && command -v prometheus-alertmanager >/dev/null; then return 0; fi
  echo "installing Prometheus and Alertmanager from Debian packages..." >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus prometheus-alertmanager >/dev/null
}

# A port nobody listens on (a connection to it is refused), below the kernel's ephemeral range (32768+)
# so that no test's port-0 socket takes it before the webhook test binds it. Racy, as any probe is.
pfa_free_port() {
  local port taken=" $* " i
  for i in $(seq 1 200); do
    port=$((20000 + RANDOM % 12000))
    case "$taken" in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# Whether GET http://127.0.0.1:PORT/PATH answers 200 (plain bash, so no curl is needed).
pfa_http_ok() {
  local port=$1 path=$2
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" "$2" >&3
    IFS=" " read -r _ status _ <&3
    [ "$status" = 200 ]' _ "$port" "$path" 2>/dev/null
}

pfa_wait_ready() {
  local name=$1 port=$2 pidfile=$3 log=$4 deadline=$((SECONDS + PFA_SERVICES_READY_TIMEOUT))
  until pfa_http_ok "$port" /-/ready; do
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "$name exited during start-up; its log:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$name not ready on 127.0.0.1:$port after ${PFA_SERVICES_READY_TIMEOUT}s; its log:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    sleep 0.2
  done
}

pfa_services_start() {
  pfa_services_install
  local dir prom_port am_port hook_port
  dir=$(mktemp -d /tmp/pfa-services.XXXXXX)
  # Exported first, so the caller's EXIT trap cleans up even if start-up fails below.
  export PFA_SERVICES_DIR="$dir"
  prom_port=$(pfa_free_port)
  am_port=$(pfa_free_port "$prom_port")
  hook_port=$(pfa_free_port "$prom_port" "$am_port")
  mkdir -p "$dir/prometheus" "$dir/alertmanager"

  cat >"$dir/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: ['$dir/rules.yml']
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['127.0.0.1:$am_port']
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:$prom_port']
EOF
  cat >"$dir/rules.yml" <<'EOF'
groups:
  - name: pfa-test
    rules:
      - alert: PfaTestAlwaysFiring
        expr: vector(1) > 0
        labels:
          severity: critical
          service: application
        annotations:
          summary: always firing, for the pfa tests
EOF
  # repeat_interval is short so the webhook sees the same alert more than once (no second incident).
  cat >"$dir/alertmanager.yml" <<EOF
route:
  receiver: pfa
  group_by: ['alertname']
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 2s
receivers:
  - name: pfa
    webhook_configs:
      - url: 'http://127.0.0.1:$hook_port/api/v1/webhooks/alertmanager'
        send_resolved: true
EOF

  nohup prometheus-alertmanager --config.file="$dir/alertmanager.yml" --storage.path="$dir/alertmanager" \
    --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address= >"$dir/alertmanager.log" 2>&1 &
  echo $! >"$dir/alertmanager.pid"
  # The first evaluation may precede discovery of the Alertmanager; resend each second rather than after 1m.
  nohup prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/prometheus" \
    --web.listen-address="127.0.0.1:$prom_port" --rules.alert.resend-delay=1s >"$dir/prometheus.log" 2>&1 &
  echo $! >"$dir/prometheus.pid"

  pfa_wait_ready Alertmanager "$am_port" "$dir/alertmanager.pid" "$dir/alertmanager.log"
  pfa_wait_ready Prometheus "$prom_port" "$dir/prometheus.pid" "$dir/prometheus.log"
  export PFA_TEST_PROMETHEUS_URL="http://127.0.0.1:$prom_port"
  export PFA_TEST_ALERTMANAGER_URL="http://127.0.0.1:$am_port"
  export PFA_TEST_WEBHOOK_PORT="$hook_port"
  echo "Prometheus on 127.0.0.1:$prom_port, Alertmanager on 127.0.0.1:$am_port, webhook port $hook_port (data in $dir)" >&2
}

pfa_services_stop() {
  local dir=${1:-${PFA_SERVICES_DIR:-}} pid f
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  for f in "$dir/prometheus.pid" "$dir/alertmanager.pid"; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    kill "$pid" 2>/dev/null || continue
    # Both shut down cleanly on SIGTERM within a second or two; do not wait forever.
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$dir"
}

case "${1:-}" in
  start) pfa_services_start ;;
  stop) pfa_services_stop "${2:-}" ;;
  *) echo "usage: source .ci/services.sh start | .ci/services.sh stop [DIR]" >&2; return 2 2>/dev/null || exit 2 ;;
esac
