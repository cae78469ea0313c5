#!/usr/bin/env bash
# Restores a backup of mssante-backup.sh (docs/operations/backup.md, ADR 0027). Everything is checked
# before anything is touched: decryption and its integrity check, the SHA-256 of each part against the
# manifest, that pg_restore can read the dump, that the backup's schema is not newer than the
# application's, that the target database is empty (or --wipe given), that Keycloak accepts the admin
# credentials. Then the database is replaced in ONE transaction (a failure leaves it as it was), then
# the realm is replaced through Keycloak's admin API.
#
# usage: mssante-restore.sh <backup-file> [--wipe] [--no-keycloak]
#   --wipe          the target database holds data: drop it (schema public and large objects) and restore
#   --no-keycloak   restore the database only, even if the backup holds a realm
#
# Environment:
#   PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD   the target database, as its OWNER role; the application role
#                              (MSSANTE_DB_USER, e.g. mssante_app) must already exist: the dump grants it
#   MSSANTE_BACKUP_KEY_FILE    the passphrase file the backup was made with
#   MSSANTE_RESTORE_SCHEMA_VERSION  newest schema version the installed application knows (its last Flyway
#                              migration); default: the target database's current version (refused if empty)
#   MSSANTE_PG_BINDIR          folder of pg_restore (default: from PATH)
#   KEYCLOAK_URL               e.g. https://auth.example.fr/auth (with the relative path, if any)
#   KEYCLOAK_ADMIN_USER KEYCLOAK_ADMIN_PASSWORD   an administrator of the master realm
set -euo pipefail
umask 077

die() { echo "mssante-restore: $*" >&2; exit 1; }

file='' wipe=false keycloak=true
for arg in "$@"; do
  case "$arg" in
    --wipe) wipe=true ;;
    --no-keycloak) keycloak=false ;;
    -*) die "unknown option $arg (usage: mssante-restore.sh <backup-file> [--wipe] [--no-keycloak])" ;;
    *) [[ -z $file ]] || die "one backup file only"; file=$arg ;;
  esac
done
[[ -n $file ]] || die "usage: mssante-restore.sh <backup-file> [--wipe] [--no-keycloak]"
[[ -f $file ]] || die "$file: no such file"
key_file=${MSSANTE_BACKUP_KEY_FILE:-}
[[ -n $key_file && -s $key_file ]] || die "MSSANTE_BACKUP_KEY_FILE must name the backup's key file"
bin=${MSSANTE_PG_BINDIR:+$MSSANTE_PG_BINDIR/}
for tool in "${bin}pg_restore" psql gpg tar sha256sum curl; do
  command -v "$tool" > /dev/null || die "$tool not found (Debian: postgresql-client-15, gnupg, curl)"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/backup"

echo "Decrypting $file..."
# gpg exits non-zero on a wrong key or a failed integrity check (the MDC is checked at the end of the
# stream, hence pipefail): nothing extracted so far is used then.
gpg --batch --quiet --pinentry-mode loopback --passphrase-file "$key_file" --decrypt "$file" \
  | tar -C "$work/backup" -xf - \
  || die "cannot decrypt $file: wrong key, or the file is damaged or was altered"

manifest=$work/backup/manifest.txt
[[ -f $manifest ]] || die "no manifest.txt in $file"
value() { sed -n "s/^$1=//p" "$manifest"; }
[[ $(value format) == mssante-backup/1 ]] || die "unknown backup format '$(value format)'"

# Every part listed, every listed part present and intact.
parts=0
while IFS='=' read -r name digest; do
  part=${name#sha256.}
  [[ -f $work/backup/$part ]] || die "part $part of the manifest is missing"
  [[ $(sha256sum "$work/backup/$part" | cut -d' ' -f1) == "$digest" ]] || die "checksum mismatch on $part"
  parts=$((parts + 1))
done < <(grep '^sha256\.' "$manifest")
(( parts == $(find "$work/backup" -type f ! -name manifest.txt | wc -l) )) || die "a part is not in the manifest"
"${bin}pg_restore" --list "$work/backup/database.dump" > /dev/null || die "pg_restore cannot read the dump"
echo "Checksums verified ($parts parts); backup of $(value created_at), schema $(value schema_version), application $(value app_version)"

sql() { psql -X -q -v ON_ERROR_STOP=1 -At -c "$1"; }
# Two statements: a query naming a missing table fails at parse time, even in an untaken CASE branch.
history=$(sql "SELECT to_regclass('public.flyway_schema_history') IS NOT NULL") || die "cannot connect to the target database"
current=''
if [[ $history == t ]]; then
  current=$(sql "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL
                 ORDER BY installed_rank DESC LIMIT 1")
fi
supported=${MSSANTE_RESTORE_SCHEMA_VERSION:-$current}
[[ -n $supported ]] || die "the target database is empty: set MSSANTE_RESTORE_SCHEMA_VERSION to the installed application's last migration"
backup_schema=$(value schema_version)
# The application refuses (Flyway validate) a schema newer than its migrations: never restore one.
if [[ $(printf '%s\n%s\n' "$backup_schema" "$supported" | sort -V | tail -1) != "$supported" ]]; then
  die "the backup's schema version $backup_schema is newer than the application's $supported: upgrade the application first"
fi

objects=$(sql "SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname = 'public') + (SELECT count(*) FROM pg_largeobject_metadata)")
if (( objects > 0 )) && ! $wipe; then
  die "database ${PGDATABASE:-?} is not empty ($objects objects): stop the application and add --wipe to replace it"
fi

realm=$(value keycloak_realm)
$keycloak && [[ $realm == none ]] && { echo "The backup holds no Keycloak realm: database only."; keycloak=false; }
if $keycloak; then
  [[ -n ${KEYCLOAK_URL:-} && -n ${KEYCLOAK_ADMIN_PASSWORD:-} ]] || die "KEYCLOAK_URL and KEYCLOAK_ADMIN_PASSWORD are needed to restore realm $realm (or --no-keycloak)"
  token=$(curl -sS --fail -d grant_type=password -d client_id=admin-cli \
               --data-urlencode "username=${KEYCLOAK_ADMIN_USER:-admin}" --data-urlencode "password=$KEYCLOAK_ADMIN_PASSWORD" \
               "$KEYCLOAK_URL/realms/master/protocol/openid-connect/token" | sed -nE 's/.*"access_token":"([^"]+)".*/\1/p') \
    || die "Keycloak at $KEYCLOAK_URL refused the administrator's credentials"
  [[ -n $token ]] || die "no access token from $KEYCLOAK_URL"
  admin() { curl -sS -o "$work/keycloak.out" -w '%{http_code}' -H "Authorization: Bearer $token" "$@"; }
fi

echo "Restoring database ${PGDATABASE:-?} (one transaction)..."
# One transaction from the wipe to the last row: pg_restore --single-transaction writes BEGIN first (its
# only one: the large objects get no BEGIN/COMMIT of their own then) and COMMIT last; its BEGIN is replaced
# by ours, opened before the wipe. A failure, or a stream cut short, ends psql without COMMIT: rolled back.
{
  echo "BEGIN;"
  if $wipe; then
    # What the dump recreates: schema public and the large objects (PostgreSQL 15: public belongs to
    # pg_database_owner, so the database owner may drop it; USAGE to PUBLIC is its default).
    cat <<'SQL'
DROP SCHEMA public CASCADE;
CREATE SCHEMA public AUTHORIZATION pg_database_owner;
GRANT USAGE ON SCHEMA public TO PUBLIC;
SELECT lo_unlink(oid) FROM pg_largeobject_metadata;
SQL
  fi
  # --no-owner: everything belongs to the restoring owner role, whatever the source's role was named.
  "${bin}pg_restore" --no-owner --single-transaction --file=- "$work/backup/database.dump" | sed '0,/^BEGIN;$/{/^BEGIN;$/d}'
} | psql -X -q -v ON_ERROR_STOP=1 -o /dev/null 2> "$work/psql.log" \
  || { cat "$work/psql.log" >&2; die "database restore failed and was rolled back: the database is as it was"; }

if $keycloak; then
  echo "Restoring Keycloak realm $realm..."
  status=$(admin -X DELETE "$KEYCLOAK_URL/admin/realms/$realm")
  [[ $status == 204 || $status == 404 ]] || die "deleting realm $realm answered $status: $(cat "$work/keycloak.out")"
  # Creating a realm from a full representation imports its users with their credentials (hashes) and
  # federated identities, as `kc.sh import` would, on the running servers.
  status=$(admin -X POST -H 'Content-Type: application/json' --data-binary "@$work/backup/keycloak-realm.json" \
                 "$KEYCLOAK_URL/admin/realms")
  [[ $status == 201 ]] || die "creating realm $realm answered $status: $(cat "$work/keycloak.out")"
fi
echo "Restore done. Start the application; it checks the schema (Flyway) and GET /api/v1/audit/chain verifies the audit trail."
