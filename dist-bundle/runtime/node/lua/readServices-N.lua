--[[
  Read a chunk of services and their instance ids for a snapshot
  (RedisReads.snapshotInBatches): one script call per chunk instead of an
  HGETALL and an SMEMBERS per service. Read only; appends no event. Loaded
  by reads.ts (not through SCRIPT_FILES: the number of keys varies,
  N = 2 × services in the chunk).

  KEYS[2i-1]  service:ID        hash: the service's fields
  KEYS[2i]    instances:ID      set: its instance ids

  Returns: one JSON text (cjson): per service, in KEYS order, its hash as a
  flat field/value array (HGETALL; a service deleted meanwhile has none),
  then its instance ids (SMEMBERS). An empty hash or set comes out as {}.
  One string instead of nested RESP arrays: 10k instance ids in RESP kept
  the client's event loop parsing for over 30 ms in one turn; its native
  JSON parser reads the same in a few.
]]
local out = {}
for i = 1, #KEYS, 2 do
  out[i] = redis.call('HGETALL', KEYS[i])
  out[i + 1] = redis.call('SMEMBERS', KEYS[i + 1])
end
return cjson.encode(out)
