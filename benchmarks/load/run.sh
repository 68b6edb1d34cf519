#!/usr/bin/env bash
# Load test: 50 concurrent users against `hromada serve` with 2 workers on PostgreSQL.
# Usage: [RATE=2] [THREADS=4] bash benchmarks/load/run.sh [users=50] [seconds=60]   (RATE: users started per second)
# Prints locust's statistics (p50, p95, p99, failures); targets: p95 < 300 ms, 0 errors.
set -euo pipefail
cd "$(dirname "$0")/../.."
USERS=${1:-50}
SECONDS_=${2:-60}
.venv/bin/python -m pip install --quiet "locust>=2.20"
export DATABASE_URL="$(bash .ci/postgres.sh | tail -n 1)"
export HROMADA_HOME="$(mktemp -d)" SECRET_KEY="load-test-secret-key-not-for-production-0123456789"
export LOG_LEVEL=WARNING
CODES=$(.venv/bin/python benchmarks/load/seed.py | tail -n 1)
.venv/bin/hromada serve --port 8765 --workers 2 --threads "${THREADS:-4}" >/tmp/hromada-load-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs http://127.0.0.1:8765/health/ >/dev/null && break; sleep 1; done
LOAD_CODES=$CODES .venv/bin/locust -f benchmarks/load/locustfile.py --headless \
  -u "$USERS" -r "${RATE:-2}" -t "${SECONDS_}s" --host http://127.0.0.1:8765 --only-summary \
  --csv /tmp/hromada-load
python3 - <<'PY'
import csv
rows = list(csv.DictReader(open("/tmp/hromada-load_stats.csv")))
total = [r for r in rows if r["Name"] == "Aggregated"][0]
print(f"requests {total['Request Count']}, failures {total['Failure Count']}, "
      f"p50 {total['50%']} ms, p95 {total['95%']} ms, p99 {total['99%']} ms")
PY
