#!/usr/bin/env bash
# Install (if needed) and start a local PostgreSQL from Debian's packages, with a role and
# database for the tests. Prints the DATABASE_URL to use.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
read -r version cluster port status _ < <(pg_lsclusters -h | head -n 1)
if [ "$status" != "online" ]; then
  pg_ctlcluster "$version" "$cluster" start
fi
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q -p $port" && break
  sleep 1
done
su postgres -c "psql -q -p $port" <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hromada') THEN
    CREATE ROLE hromada LOGIN PASSWORD 'hromada' CREATEDB;
  END IF;
END \$\$;
SQL
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_database WHERE datname = 'hromada'\"" | grep -q 1 \
  || su postgres -c "createdb -p $port -O hromada hromada"
echo "postgres://hromada:hromada@127.0.0.1:$port/hromada"
