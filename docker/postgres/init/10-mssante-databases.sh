#!/usr/bin/env bash
# First start of the PostgreSQL container only (docker-entrypoint-initdb.d): the platform's two roles
# (docs/adr/0011: the owner runs Flyway, the application role owns nothing so row-level security applies
# to it) and Keycloak's database. Passwords come from the container's environment (compose.yml).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username postgres --dbname postgres \
  -v owner_password="$MSSANTE_DB_OWNER_PASSWORD" \
  -v app_password="$MSSANTE_DB_PASSWORD" \
  -v keycloak_password="$KEYCLOAK_DB_PASSWORD" <<'SQL'
CREATE ROLE mssante LOGIN PASSWORD :'owner_password';
CREATE ROLE mssante_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
CREATE DATABASE mssante OWNER mssante ENCODING 'UTF8';
CREATE ROLE keycloak LOGIN PASSWORD :'keycloak_password';
CREATE DATABASE keycloak OWNER keycloak ENCODING 'UTF8';
SQL
