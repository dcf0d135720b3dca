# Start the machine's Debian PostgreSQL 15 for the translation-memory tests.
#
# Source it (`source .ci/postgres.sh`) so CONCORD_TEST_PG_DSN reaches pytest; it
# installs nothing. It starts the cluster `15 main` (installed, not running), creates
# the role and database `concord`/`concord_test` if they are missing, makes sure
# pg_trgm can be created, and exports the DSN. Run as root (CI is) or as postgres.
# A failure is reported and returns non-zero; it never exits the sourcing shell.

_concord_pg_setup() {
    local version=15 cluster=main port=5432
    local role=concord password=concord database=concord_test
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        echo "postgres.sh: pg_ctlcluster not found; install Debian's postgresql-15 package" >&2
        return 1
    fi
    if ! pg_lsclusters -h 2>/dev/null | awk -v v="$version" -v c="$cluster" '$1==v && $2==c' | grep -q online; then
        pg_ctlcluster "$version" "$cluster" start || {
            echo "postgres.sh: cannot start PostgreSQL $version/$cluster; see /var/log/postgresql/postgresql-$version-$cluster.log" >&2
            return 1
        }
    fi
    local -x PGOPTIONS="--client-min-messages=warning"
    local psql=(runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtA)
    if [ "$(id -u)" != 0 ]; then psql=(psql -p "$port" -v ON_ERROR_STOP=1 -qtA); fi
    local tries=0
    until "${psql[@]}" -c 'SELECT 1' >/dev/null 2>&1; do
        tries=$((tries + 1))
        if [ "$tries" -ge 30 ]; then
            echo "postgres.sh: PostgreSQL did not accept connections within 30 s" >&2
            return 1
        fi
        sleep 1
    done
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname='$role'")" != 1 ]; then
        "${psql[@]}" -c "CREATE ROLE $role LOGIN PASSWORD '$password'" || return 1
    fi
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname='$database'")" != 1 ]; then
        "${psql[@]}" -c "CREATE DATABASE $database OWNER $role" || return 1
    fi
    "${psql[@]}" -d "$database" -c "CREATE EXTENSION IF NOT EXISTS pg_trgm" || return 1
    export CONCORD_TEST_PG_DSN="postgresql://$role:$password@127.0.0.1:$port/$database"
    echo "postgres.sh: PostgreSQL $version ready: CONCORD_TEST_PG_DSN=$CONCORD_TEST_PG_DSN"
}

_concord_pg_setup
