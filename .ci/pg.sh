#!/bin/sh
# pg.sh CMD [ARGS...] runs CMD beside a throwaway PostgreSQL cluster: made
# in a temporary folder with initdb, listening on 127.0.0.1 on a free port
# (and on a socket in that folder), trusted for the local test user; CMD
# finds it in RELANCE_TEST_PG (a postgres:// URL). The cluster is stopped
# and its folder removed when CMD ends, whatever its outcome; pg.sh exits
# with CMD's status. The server's programs come from Debian's postgresql
# package (.ci/deps.sh installs it); PostgreSQL refuses to run as root, so
# as root the cluster runs as the postgres user.
set -eu

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bindir" ] && [ -x "$bindir/initdb" ] || { echo "pg.sh: PostgreSQL's initdb is missing (apt-get install postgresql)" >&2; exit 1; }

dir=$(mktemp -d /tmp/relance-pg.XXXXXX)
as=""
if [ "$(id -u)" = 0 ]; then
	chown postgres "$dir"
	as="runuser -u postgres --"
fi

stop() {
	$as "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$dir"
}
trap stop EXIT INT TERM

$as "$bindir/initdb" -D "$dir/data" -U relance --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
	|| { cat "$dir/initdb.log" >&2; exit 1; }
# A port taken by something else fails the start: another is tried.
started=""
for _ in 1 2 3 4 5; do
	port=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
	if $as "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null 2>&1; then
		started=yes
		break
	fi
done
[ -n "$started" ] || { cat "$dir/server.log" >&2; exit 1; }

export RELANCE_TEST_PG="postgres://relance@127.0.0.1:$port/postgres?sslmode=disable"
set +e
"$@"
status=$?
set -e
exit $status
