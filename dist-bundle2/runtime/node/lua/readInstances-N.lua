--[[
  Read a batch of instances for a snapshot (RedisReads.snapshot): one
  script call instead of two HGETALL commands per instance, so a snapshot
  of 100k instances costs a few hundred commands. Read only; appends no
  event. Loaded by reads.ts (not through SCRIPT_FILES: the number of keys
  varies, N = 2 × instances in the batch).

  KEYS[2i-1]  instance:SERVICE:ID      hash: the instance's fields
  KEYS[2i]    attributes:SERVICE:ID    hash: its attributes

  ARGV        the instance hash fields to read (codec.SNAPSHOT_INSTANCE_FIELDS)

  Returns: one JSON text (cjson): per instance, in KEYS order, the values
  of the ARGV fields (HMGET: false where a field is absent; all false for an
  instance deleted meanwhile), then its attributes as a flat field/value
  array (HGETALL; an empty hash comes out as {}). One string instead of
  nested RESP arrays: the client parses it with its native JSON parser,
  several times faster than a RESP reply of the same strings.
]]
local out = {}
for i = 1, #KEYS, 2 do
  out[i] = redis.call('HMGET', KEYS[i], unpack(ARGV))
  out[i + 1] = redis.call('HGETALL', KEYS[i + 1])
end
return cjson.encode(out)
