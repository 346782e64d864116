--[[
  Read a chunk of services and their instance counts for a snapshot
  (RedisReads.snapshotInBatches): one script call per chunk instead of an
  HGETALL and an SCARD per service. Read only; appends no event. Loaded
  by reads.ts (not through SCRIPT_FILES: the number of keys varies,
  N = 2 × services in the chunk).

  KEYS[2i-1]  service:ID        hash: the service's fields
  KEYS[2i]    svc-instances:ID  set: its instance ids

  Returns: one JSON text (cjson): per service, in KEYS order, its hash as a
  flat field/value array (HGETALL; a service deleted meanwhile has none; an
  empty hash comes out as {}), then its number of instances (SCARD), which
  the reader uses to group services into readInstances-N.lua calls. One
  string instead of nested RESP arrays: the client parses it with its native
  JSON parser.
]]
local out = {}
for i = 1, #KEYS, 2 do
  out[i] = redis.call('HGETALL', KEYS[i])
  out[i + 1] = redis.call('SCARD', KEYS[i + 1])
end
return cjson.encode(out)
