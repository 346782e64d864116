#!/bin/sh
# Ids from names through the name indexes: a namespace id, or with a service
# name the service id and its instance ids.
#   usage: [REDIS_CLI=…] [PREFIX=…] scripts/redis-find.sh NAMESPACE_NAME [SERVICE_NAME]
set -eu
[ $# -ge 1 ] || { echo "usage: $0 NAMESPACE_NAME [SERVICE_NAME]" >&2; exit 2; }
cli=${REDIS_CLI:-redis-cli}
b="${PREFIX:-cloudmap:}{cm}:"
lower() { printf '%s' "$1" | tr '[:upper:]' '[:lower:]'; }
ns=$($cli HGET "${b}namespace-names" "$(lower "$1")")
[ -n "$ns" ] || { echo "no namespace named $1" >&2; exit 1; }
echo "namespace $ns"
[ $# -ge 2 ] || exit 0
svc=$($cli HGET "${b}ns-service-names:$ns" "$(lower "$2")")
[ -n "$svc" ] || { echo "no service named $2 in $1" >&2; exit 1; }
echo "service $svc"
$cli SMEMBERS "${b}svc-instances:$svc" | sort | sed 's/^/instance /'
