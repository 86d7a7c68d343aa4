# Shared by bin/run and bin/test: makes sure a JDK, PostgreSQL and PostGIS are installed and
# running, and that a database with the postgis, pg_trgm and unaccent extensions exists.
# Usage (sourced): ensure_database NAME USER PASSWORD [fresh]

say() { printf 'saknad: %s\n' "$*" >&2; }

can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

apt_install() {
  if [ -z "${SAKNAD_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    SAKNAD_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

need() {
  say "missing: $1"
  say "install it (on Debian 12: apt-get install -y $2) and run this again"
  exit 1
}

ensure_java() {
  if command -v java >/dev/null 2>&1 &&
    java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])'; then
    return
  fi
  if can_install; then
    say "installing a JDK"
    apt_install openjdk-17-jdk-headless
  else
    need "a JDK 17 or newer" "openjdk-17-jdk-headless"
  fi
}

# The browser tests drive Debian's Chromium through its ChromeDriver; never a downloaded browser.
ensure_browser() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    return
  fi
  if can_install; then
    say "installing Chromium and ChromeDriver for the browser tests"
    apt_install chromium chromium-driver
  else
    need "Chromium and ChromeDriver" "chromium chromium-driver"
  fi
}

pg_major() {
  if command -v pg_lsclusters >/dev/null 2>&1 && [ -n "$(pg_lsclusters -h 2>/dev/null)" ]; then
    pg_lsclusters -h | awk 'NR==1 {print $1}'
  else
    ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1
  fi
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 "$@"
  else
    psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres "$@"
  fi
}

ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(pg_major)" ]; then
    if can_install; then
      say "installing PostgreSQL"
      apt_install postgresql postgresql-contrib
    else
      need "PostgreSQL 15 or newer" "postgresql postgresql-contrib postgresql-15-postgis-3"
    fi
  fi
  local major
  major=$(pg_major)
  # A plain file test: "ls | grep -q" fails now and then under pipefail (grep stops reading, ls
  # gets SIGPIPE), and PostGIS was then "installed" again on every start.
  if [ ! -f "/usr/share/postgresql/$major/extension/postgis.control" ]; then
    if can_install; then
      say "installing PostGIS for PostgreSQL $major"
      apt_install "postgresql-$major-postgis-3"
    else
      need "PostGIS for PostgreSQL $major" "postgresql-$major-postgis-3"
    fi
  fi
  if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    if can_install; then
      say "creating a PostgreSQL $major cluster"
      pg_createcluster "$major" main >/dev/null
    else
      need "a PostgreSQL cluster" "postgresql"
    fi
  fi
  local cluster
  cluster=$(pg_lsclusters -h | awk 'NR==1 {print $2}')
  if ! pg_lsclusters -h | awk 'NR==1 {print $4}' | grep -q online; then
    say "starting PostgreSQL $major/$cluster"
    if [ "$(id -u)" = 0 ]; then
      pg_ctlcluster --skip-systemctl-redirect "$major" "$cluster" start
    else
      pg_ctlcluster "$major" "$cluster" start
    fi
  fi
  for _ in $(seq 1 30); do
    as_postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1 && return
    sleep 1
  done
  say "PostgreSQL did not answer within 30 s"
  exit 1
}

ensure_database() {
  local name=$1 user=$2 password=$3 fresh=${4:-}
  ensure_java
  ensure_postgres
  as_postgres -d postgres <<SQL
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', '$user', '$password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$user') \gexec
SQL
  if [ -n "$fresh" ]; then
    as_postgres -d postgres -c "SET client_min_messages = warning" \
      -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
  fi
  as_postgres -d postgres <<SQL
SELECT format('CREATE DATABASE %I OWNER %I', '$name', '$user')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$name') \gexec
SQL
  # Run again on every start: "already exists, skipping" is expected, not worth a line.
  as_postgres -d "$name" <<SQL
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
SQL
}
