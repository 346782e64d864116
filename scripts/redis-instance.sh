#!/bin/sh
# One instance as Redis holds it: its hash, its attributes and the health
# checker's last check (if any).
#   usage: [REDIS_CLI=…] [PREFIX=…] scripts/redis-instance.sh SERVICE_ID INSTANCE_ID
set -eu
[ $# -eq 2 ] || { echo "usage: $0 SERVICE_ID INSTANCE_ID" >&2; exit 2; }
cli=${REDIS_CLI:-redis-cli}
b="${PREFIX:-cloudmap:}{cm}:"
echo "# ${b}inst:$1:$2"; $cli HGETALL "${b}inst:$1:$2" | paste -d' ' - -
echo "# ${b}inst-attrs:$1:$2"; $cli HGETALL "${b}inst-attrs:$1:$2" | paste -d' ' - -
echo "# ${b}health:$1:$2"; $cli HGETALL "${b}health:$1:$2" | paste -d' ' - -
