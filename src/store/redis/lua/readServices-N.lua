--[[
  Read a chunk of services and their instance counts for a snapshot
  (RedisReads.snapshotInBatches): one script call per chunk instead of an
  HGETALL, an SCARD and an HLEN per service. Read only; appends no event.
  Loaded by reads.ts (not through SCRIPT_FILES: the number of keys varies,
  N = 3 × services in the chunk).

  KEYS[3i-2]  svc:ID                 hash: the service's fields
  KEYS[3i-1]  svc-instances:ID       set: its instance ids
  KEYS[3i]    svc-instances-json:ID  hash: instance id -> the instance as JSON

  Returns: one JSON text (cjson): per service, in KEYS order, its hash as a
  flat field/value array (HGETALL; a service deleted meanwhile has none; an
  empty hash comes out as {}), its number of instances (SCARD) and of
  instance JSON entries (HLEN). The reader uses the counts to group services
  into instance reads, and to tell whether the JSON hash holds every
  instance (docs/redis-keys.md). One string instead of nested RESP arrays:
  the client parses it with its native JSON parser.
]]
local out = {}
for i = 1, #KEYS, 3 do
  out[i] = redis.call('HGETALL', KEYS[i])
  out[i + 1] = redis.call('SCARD', KEYS[i + 1])
  out[i + 2] = redis.call('HLEN', KEYS[i + 2])
end
return cjson.encode(out)
