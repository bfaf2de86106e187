#!/usr/bin/env bash
# Sets up a local PostgreSQL for storydiff's tests and benchmarks (Debian/Ubuntu, run as root):
# installs postgresql-15 when missing, starts the cluster as the postgres user, creates the role
# and database `storydiff` (password `storydiff`), and prints the URL. Idempotent.
#
#   eval "$(scripts/pg-local.sh --export)"   # sets STORYDIFF_TEST_DATABASE_URL and STORYDIFF_TEST_PG_RESTART
#   scripts/pg-local.sh --tune               # also applies the benchmark settings (see docs/SCALING.md)
set -euo pipefail

VERSION=15
CLUSTER=main
URL="postgres://storydiff:storydiff@127.0.0.1:5432/storydiff"
export_mode=0
tune=0
for a in "$@"; do
  case "$a" in
    --export) export_mode=1 ;;
    --tune) tune=1 ;;
    *) echo "usage: $0 [--export] [--tune]" >&2; exit 64 ;;
  esac
done

log() { echo "pg-local: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d "/usr/lib/postgresql/$VERSION" ]; then
  if [ "$(id -u)" != "0" ]; then log "postgresql-$VERSION is missing and this is not root"; exit 69; fi
  log "installing postgresql-$VERSION"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$VERSION" >&2
fi
if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$VERSION/$CLUSTER"; then
  log "creating cluster $VERSION/$CLUSTER"
  pg_createcluster "$VERSION" "$CLUSTER" >&2
fi

psql_admin() { su postgres -c "psql -X -q -v ON_ERROR_STOP=1 $*"; }

if [ "$tune" = "1" ]; then
  # Bulk-ingest settings for a 2-core, 24 GiB machine; durability is unchanged (fsync and
  # synchronous_commit stay on).
  pg_ctlcluster "$VERSION" "$CLUSTER" start >&2 2>/dev/null || true
  psql_admin "-c \"ALTER SYSTEM SET shared_buffers = '4GB'\" -c \"ALTER SYSTEM SET max_wal_size = '16GB'\" -c \"ALTER SYSTEM SET checkpoint_timeout = '30min'\" -c \"ALTER SYSTEM SET wal_compression = 'on'\" -c \"ALTER SYSTEM SET maintenance_work_mem = '1GB'\" -c \"ALTER SYSTEM SET work_mem = '64MB'\" -c \"ALTER SYSTEM SET effective_cache_size = '16GB'\"" >&2
  pg_ctlcluster "$VERSION" "$CLUSTER" restart >&2
fi

pg_ctlcluster "$VERSION" "$CLUSTER" start >&2 2>/dev/null || true
for _ in $(seq 1 50); do
  if su postgres -c "pg_isready -q -h 127.0.0.1 -p 5432"; then break; fi
  sleep 0.2
done
su postgres -c "pg_isready -h 127.0.0.1 -p 5432" >&2

psql_admin "-c \"DO \\\$\\\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'storydiff') THEN CREATE ROLE storydiff LOGIN PASSWORD 'storydiff'; END IF; END\\\$\\\$\""
if ! su postgres -c "psql -X -tAc \"SELECT 1 FROM pg_database WHERE datname = 'storydiff'\"" | grep -q 1; then
  su postgres -c "createdb -O storydiff storydiff"
fi

if [ "$export_mode" = "1" ]; then
  echo "export STORYDIFF_TEST_DATABASE_URL='$URL'"
  # A checkpoint first, so the crash recovery after the immediate stop replays only the test's WAL.
  echo "export STORYDIFF_TEST_PG_RESTART='su postgres -c \"psql -Xqc CHECKPOINT\" && pg_ctlcluster $VERSION $CLUSTER restart -m immediate'"
else
  echo "$URL"
fi
