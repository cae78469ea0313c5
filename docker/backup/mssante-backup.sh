#!/usr/bin/env bash
# Backs up an MSSanté platform into one encrypted file (docs/operations/backup.md, ADR 0027):
#   - the whole PostgreSQL database, pg_dump --format=custom (message bodies are bytea in `blob`; large
#     objects, should any exist, are included with --blobs),
#   - the Keycloak realm (default `mssante`) with its users, password hashes and federated identities,
#     exported by `kc.sh export --users realm_file` (the admin REST API never returns password hashes),
#   - manifest.txt: format, date, schema version, application version, server/tool versions and the
#     SHA-256 of each part,
# packed with tar and encrypted with gpg --symmetric (AES-256, integrity-protected) under the key file.
#
# usage: mssante-backup.sh [output-file]      (default ./mssante-backup-<UTC date>.tar.gpg)
#
# Environment:
#   PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD   the platform database, as its OWNER role (MSSANTE_DB_OWNER_USER)
#   MSSANTE_BACKUP_KEY_FILE    file holding the encryption passphrase (e.g. `openssl rand -base64 32`); required
#   MSSANTE_APP_VERSION        version of the running application, recorded in the manifest (default: unknown)
#   MSSANTE_PG_BINDIR          folder of pg_dump (default: from PATH); its major version must be >= the server's
#   KEYCLOAK_HOME              a Keycloak distribution of the server's version, whose kc.sh reads Keycloak's
#                              database from the usual KC_DB, KC_DB_URL, KC_DB_USERNAME, KC_DB_PASSWORD variables
#   MSSANTE_KEYCLOAK_REALM     realm to export (default mssante)
#   MSSANTE_BACKUP_KEYCLOAK    'export' (default) or 'none' to back up the database only (the manifest says so)
set -euo pipefail
umask 077

die() { echo "mssante-backup: $*" >&2; exit 1; }

output=${1:-mssante-backup-$(date -u +%Y%m%dT%H%M%SZ).tar.gpg}
key_file=${MSSANTE_BACKUP_KEY_FILE:-}
realm=${MSSANTE_KEYCLOAK_REALM:-mssante}
keycloak_mode=${MSSANTE_BACKUP_KEYCLOAK:-export}
bin=${MSSANTE_PG_BINDIR:+$MSSANTE_PG_BINDIR/}

# Refused rather than written in clear: a backup holds every message of every establishment.
[[ -n $key_file ]] || die "MSSANTE_BACKUP_KEY_FILE is not set: refusing to write an unencrypted backup"
[[ -s $key_file ]] || die "MSSANTE_BACKUP_KEY_FILE=$key_file is missing or empty"
[[ $keycloak_mode == export || $keycloak_mode == none ]] || die "MSSANTE_BACKUP_KEYCLOAK must be export or none, not '$keycloak_mode'"
[[ -e $output ]] && die "$output already exists"
for tool in "${bin}pg_dump" "${bin}pg_restore" psql gpg tar sha256sum; do
  command -v "$tool" > /dev/null || die "$tool not found (Debian: postgresql-client-15, gnupg)"
done

work=$(mktemp -d)
trap 'rm -rf "$work" "$output.partial"' EXIT
mkdir "$work/backup"

sql() { psql -X -q -v ON_ERROR_STOP=1 -At -c "$1"; }

# pg_dump refuses a server newer than itself; an older server is fine (PostgreSQL docs, pg_dump Notes).
server_major=$(( $(sql "SHOW server_version_num") / 10000 ))
dump_major=$("${bin}pg_dump" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)?.*/\1/')
(( dump_major >= server_major )) || die "pg_dump $dump_major is older than the server ($server_major): set MSSANTE_PG_BINDIR"

schema_version=$(sql "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL
                      ORDER BY installed_rank DESC LIMIT 1") || die "no flyway_schema_history: is this the MSSanté database?"

echo "Dumping database ${PGDATABASE:-?} (schema version $schema_version)..."
"${bin}pg_dump" --format=custom --blobs --file="$work/backup/database.dump"
# A dump pg_restore cannot list is no backup.
"${bin}pg_restore" --list "$work/backup/database.dump" > /dev/null

keycloak_version=none
if [[ $keycloak_mode == export ]]; then
  [[ -x ${KEYCLOAK_HOME:-}/bin/kc.sh ]] || die "KEYCLOAK_HOME must point at a Keycloak distribution (or MSSANTE_BACKUP_KEYCLOAK=none)"
  keycloak_version=$(sed -n 's/^Keycloak - Version //p' "$KEYCLOAK_HOME/version.txt" 2>/dev/null || true)
  keycloak_version=${keycloak_version:-unknown}
  echo "Exporting Keycloak realm $realm with its users..."
  # --users realm_file: users (hashes, federated identities) inside the realm file, which the restore
  # posts whole to the admin API.
  "$KEYCLOAK_HOME/bin/kc.sh" export --dir "$work/keycloak-export" --realm "$realm" --users realm_file \
      > "$work/keycloak-export.log" 2>&1 \
    || { cat "$work/keycloak-export.log" >&2; die "kc.sh export failed"; }
  [[ -s $work/keycloak-export/$realm-realm.json ]] || { cat "$work/keycloak-export.log" >&2; die "kc.sh export wrote no $realm-realm.json"; }
  mv "$work/keycloak-export/$realm-realm.json" "$work/backup/keycloak-realm.json"
fi

{
  echo "format=mssante-backup/1"
  echo "created_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "schema_version=$schema_version"
  echo "app_version=${MSSANTE_APP_VERSION:-unknown}"
  echo "postgresql_server=$(sql "SHOW server_version")"
  echo "pg_dump=$("${bin}pg_dump" --version)"
  echo "database=${PGDATABASE:-}"
  echo "keycloak_realm=$([[ $keycloak_mode == export ]] && echo "$realm" || echo none)"
  echo "keycloak_version=$keycloak_version"
  (cd "$work/backup" && for part in *; do echo "sha256.$part=$(sha256sum "$part" | cut -d' ' -f1)"; done)
} > "$work/manifest.txt"
mv "$work/manifest.txt" "$work/backup/manifest.txt"

# gpg --symmetric: AES-256 with its modification detection code, which decryption checks (RFC 4880
# section 5.13): a tampered or truncated file fails to decrypt instead of restoring altered data.
tar -C "$work/backup" -cf - . \
  | gpg --batch --yes --quiet --pinentry-mode loopback --passphrase-file "$key_file" \
        --symmetric --cipher-algo AES256 --s2k-digest-algo SHA512 --s2k-count 65011712 \
        --compress-algo none --output "$output.partial"
mv "$output.partial" "$output"
echo "Backup written to $output"
sed 's/^/  /' "$work/backup/manifest.txt"
