#!/bin/sh
# pg.sh CMD [ARGS...] runs CMD beside a throwaway PostgreSQL cluster: made
# in a temporary folder with initdb, listening on 127.0.0.1 on a free port
# (and on a socket in that folder), as an office's server would: passwords
# (scram-sha-256) over TCP, and TLS with a certificate for localhost and
# 127.0.0.1 signed by a throwaway CA. CMD finds the server in
# RELANCE_TEST_PG (a postgres:// URL, with the superuser's password) and
# the CA's certificate in RELANCE_TEST_PG_CA. The cluster is stopped
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

password=relance-test
printf '%s\n' "$password" >"$dir/pwfile"
chown "$(stat -c %U "$dir")" "$dir/pwfile"
$as "$bindir/initdb" -D "$dir/data" -U relance --pwfile="$dir/pwfile" --auth-local=trust --auth-host=scram-sha-256 \
	-E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }

# The throwaway CA and the server's certificate (verify-full checks both).
command -v openssl >/dev/null 2>&1 || { echo "pg.sh: openssl is missing (apt-get install openssl)" >&2; exit 1; }
tls="$dir/tls"
mkdir "$tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Relance test CA" \
	-keyout "$tls/ca.key" -out "$tls/ca.crt" >/dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$tls/server.key" -out "$tls/server.csr" >/dev/null 2>&1
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$tls/ext"
openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 2 \
	-extfile "$tls/ext" -out "$tls/server.crt" >/dev/null 2>&1
chmod 600 "$tls/server.key"
[ -z "$as" ] || chown postgres "$tls/server.key" "$tls/server.crt"
chmod 755 "$tls"
# A port taken by something else fails the start: another is tried.
started=""
for _ in 1 2 3 4 5; do
	port=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
	if $as "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c ssl=on -c ssl_cert_file=$tls/server.crt -c ssl_key_file=$tls/server.key" \
		start >/dev/null 2>&1; then
		started=yes
		break
	fi
done
[ -n "$started" ] || { cat "$dir/server.log" >&2; exit 1; }

export RELANCE_TEST_PG="postgres://relance:$password@127.0.0.1:$port/postgres?sslmode=disable"
export RELANCE_TEST_PG_CA="$tls/ca.crt"
set +e
"$@"
status=$?
set -e
exit $status
