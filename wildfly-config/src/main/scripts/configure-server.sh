#!/usr/bin/env bash
# Builds a configured WildFly from the pristine distribution: copy, then apply every CLI script of
# src/main/cli in name order, offline (embed-server). Never hand-edit the resulting XML: change a script.
# src/main/cli/cluster is then applied to a copy, standalone-full-cluster.xml: the configuration of a
# node that has a peer (WildFlyServer picks it when given one); standalone-full.xml stays single-node.
#   configure-server.sh <pristine-wildfly-dir> <target-server-dir> <postgresql-jdbc-jar>
set -euo pipefail
dist=$1 server=$2 pgjdbc=$3
cli_dir="$(cd "$(dirname "$0")/../cli" && pwd)"

rm -rf "$server"
cp -a "$dist" "$server"

props=$(mktemp)
trap 'rm -f "$props"' EXIT
printf 'pgjdbc.jar=%s\n' "$pgjdbc" > "$props"

script=$(mktemp --suffix=.cli)
trap 'rm -f "$props" "$script"' EXIT
{
  echo 'embed-server --server-config=standalone-full.xml --std-out=discard'
  for f in "$cli_dir"/*.cli; do
    cat "$f"
    echo
  done
  echo 'stop-embedded-server'
} > "$script"

JAVA_OPTS="${JAVA_OPTS:-} -Djava.net.preferIPv4Stack=true" \
  "$server/bin/jboss-cli.sh" --properties="$props" --file="$script"

config="$server/standalone/configuration"
cp "$config/standalone-full.xml" "$config/standalone-full-cluster.xml"
{
  echo 'embed-server --server-config=standalone-full-cluster.xml --std-out=discard'
  for f in "$cli_dir"/cluster/*.cli; do
    cat "$f"
    echo
  done
  echo 'stop-embedded-server'
} > "$script"
JAVA_OPTS="${JAVA_OPTS:-} -Djava.net.preferIPv4Stack=true" \
  "$server/bin/jboss-cli.sh" --properties="$props" --file="$script"
# Offline runs leave history and tmp state we don't want in the template.
rm -rf "$server/standalone/data" "$server/standalone/log" "$server/standalone/tmp" \
       "$server/standalone/configuration/standalone_xml_history"
echo "configured WildFly in $server"
