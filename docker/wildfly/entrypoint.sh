#!/usr/bin/env bash
# Starts one MSSanté node from its environment (ADR 0025).
#
#  - WILDFLY_SERVER_CONFIG: standalone-full.xml (single node, default) or standalone-full-cluster.xml
#    (a node with a peer: Artemis cluster connection to MSSANTE_CLUSTER_PEER_HOST:MSSANTE_CLUSTER_PEER_PORT,
#    wildfly-config/src/main/cli/cluster/60-cluster.cli).
#  - The CLI scripts read their settings from the environment themselves (MSSANTE_DB_*, MSSANTE_CLUSTER_*,
#    MSSANTE_OIDC_PROVIDER_URL, MSSANTE_OIDC_SSL_REQUIRED, MSSANTE_NODE_ID).
#  - Every other setting is a system property (the connector's ironjacamar.xml reads no environment):
#    for each name of system-properties.list whose environment variable is set (mssante.tls.private-key
#    <- MSSANTE_TLS_PRIVATE_KEY), the value goes to a properties file given to WildFly with -P, so
#    that no value shows in the process list.
#  - MSSANTE_NODE_ID (transaction manager node identifier, unique per node and stable across restarts,
#    at most 23 characters) defaults to the host name: the pod name in a StatefulSet.
#  - WILDFLY_PEER_SERVICE (Kubernetes): when MSSANTE_CLUSTER_PEER_HOST is unset, a StatefulSet pod
#    <name>-<n> names the first other pod of <name>-0, <name>-1 as its peer (<name>-<p>.<service>): each
#    broker reaching one other is enough for the mesh (60-cluster.cli). With WILDFLY_CLUSTER_SIZE >= 3
#    (the StatefulSet's replicas) it also names a second one as MSSANTE_CLUSTER_PEER2_HOST, among
#    <name>-0..2, so that a pod restarting while one of its peers is down still finds the cluster
#    (the cluster profile's second static connector, ADR 0024).
set -euo pipefail

JBOSS_HOME=${JBOSS_HOME:-/opt/mssante/wildfly}
properties_list=${WILDFLY_PROPERTIES_LIST:-/opt/mssante/system-properties.list}
config=${WILDFLY_SERVER_CONFIG:-standalone-full.xml}

case "$config" in
  standalone-full.xml | standalone-full-cluster.xml) ;;
  *) echo "WILDFLY_SERVER_CONFIG must be standalone-full.xml or standalone-full-cluster.xml, not '$config'" >&2
     exit 64 ;;
esac

host=${HOSTNAME:-$(hostname)}
export MSSANTE_NODE_ID=${MSSANTE_NODE_ID:-$host}
if (( ${#MSSANTE_NODE_ID} > 23 )); then
  echo "MSSANTE_NODE_ID '$MSSANTE_NODE_ID' is longer than 23 characters (transaction node identifier): set a shorter one" >&2
  exit 64
fi

if [[ $config == standalone-full-cluster.xml && -z ${MSSANTE_CLUSTER_PEER_HOST:-} ]]; then
  if [[ -n ${WILDFLY_PEER_SERVICE:-} && $host =~ ^(.+)-([0-9]+)$ ]]; then
    statefulset=${BASH_REMATCH[1]} ordinal=${BASH_REMATCH[2]}
    if [[ ! ${WILDFLY_CLUSTER_SIZE:-2} =~ ^[0-9]+$ ]]; then
      echo "WILDFLY_CLUSTER_SIZE must be the StatefulSet's number of replicas, not '$WILDFLY_CLUSTER_SIZE'" >&2
      exit 64
    fi
    candidates=(0 1)
    if (( ${WILDFLY_CLUSTER_SIZE:-2} >= 3 )); then candidates=(0 1 2); fi
    others=()
    for candidate in "${candidates[@]}"; do
      if (( candidate != ordinal )); then others+=("$candidate"); fi
    done
    export MSSANTE_CLUSTER_PEER_HOST=$statefulset-${others[0]}.$WILDFLY_PEER_SERVICE
    if (( ${#others[@]} > 1 )) && [[ -z ${MSSANTE_CLUSTER_PEER2_HOST:-} ]]; then
      export MSSANTE_CLUSTER_PEER2_HOST=$statefulset-${others[1]}.$WILDFLY_PEER_SERVICE
    fi
  else
    echo "the cluster profile needs MSSANTE_CLUSTER_PEER_HOST (or WILDFLY_PEER_SERVICE in a StatefulSet)" >&2
    exit 64
  fi
fi

# Java properties format: backslash escapes, so double them in values.
properties_file=$(mktemp /tmp/mssante-XXXXXX.properties)
chmod 600 "$properties_file"
while IFS= read -r name; do
  [[ -z $name || $name == \#* ]] && continue
  variable=$(tr 'a-z.-' 'A-Z__' <<< "$name")
  if [[ -n ${!variable+set} ]]; then
    value=${!variable}
    printf '%s=%s\n' "$name" "${value//\\/\\\\}" >> "$properties_file"
  fi
done < "$properties_list"

exec "$JBOSS_HOME/bin/standalone.sh" \
  -c "$config" \
  -b 0.0.0.0 -bmanagement 0.0.0.0 \
  -Djboss.node.name="$MSSANTE_NODE_ID" \
  -Djava.net.preferIPv4Stack=true \
  -P "$properties_file" \
  "$@"
