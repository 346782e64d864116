#!/bin/sh
# Prints the change stream as it grows (what `cloudmap-dns inspect --follow`
# prints, without it): one XREAD BLOCK per round, starting after revision
# FROM (default: the current one, so only new events).
#   usage: [REDIS_CLI=…] [PREFIX=…] scripts/redis-tail.sh [FROM]
set -eu
cli=${REDIS_CLI:-redis-cli}
b="${PREFIX:-cloudmap:}{cm}:"
last=${1:-$($cli GET "${b}revision")}
last=${last:-0}
while :; do
  out=$($cli --no-raw XREAD COUNT 100 BLOCK 5000 STREAMS "${b}events" "$last-0")
  [ -z "$out" ] || [ "$out" = "(nil)" ] && continue
  printf '%s\n' "$out"
  next=$(printf '%s\n' "$out" | sed -n 's/^.*"\([0-9][0-9]*\)-0"$/\1/p' | tail -n 1)
  [ -n "$next" ] && last=$next
done
