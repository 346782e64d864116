#!/bin/sh
# Namespaces, their services and each service's instances with health,
# read with redis-cli alone (what `cloudmap-dns inspect` prints, without it).
#   REDIS_CLI   redis-cli and its connection flags (default: redis-cli), e.g.
#               REDIS_CLI="redis-cli -u redis://:pw@10.0.0.5:6379"
#   PREFIX      key prefix (default: cloudmap:)
# Key layout: docs/redis-keys.md.
set -eu
cli=${REDIS_CLI:-redis-cli}
b="${PREFIX:-cloudmap:}{cm}:"
echo "revision $($cli GET "${b}revision")  epoch $($cli GET "${b}epoch")"
for ns in $($cli SMEMBERS "${b}namespaces" | sort); do
  echo "namespace $($cli HGET "${b}ns:$ns" name) $ns $($cli HGET "${b}ns:$ns" type)"
  for svc in $($cli SMEMBERS "${b}ns-services:$ns" | sort); do
    echo "  service $($cli HGET "${b}svc:$svc" name) $svc records $($cli HGET "${b}svc:$svc" dnsRecords)"
    $cli SMEMBERS "${b}svc-instances:$svc" | sort | while IFS= read -r id; do
      echo "    instance $id $($cli HGET "${b}inst:$svc:$id" healthStatus) $($cli HGETALL "${b}inst-attrs:$svc:$id" | paste -sd' ' -)"
    done
  done
done
