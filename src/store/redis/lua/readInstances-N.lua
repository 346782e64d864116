--[[
  Read instances for a snapshot (RedisReads.snapshotInBatches): the
  instances named by services' `svc-instances:` sets, so a snapshot of 100k
  instances costs a few hundred calls and the client never sends the
  instance ids. Read only; appends no event. Loaded by reads.ts (not
  through SCRIPT_FILES: the number of keys varies, N = services in the call).

  KEYS[i]     svc-instances:SERVICE_i   set: the instance ids of service i

  ARGV[1]     '' to read every instance of every KEYS set (SMEMBERS), or an
              SSCAN cursor ('0' to start) to read one step of KEYS[1] only
              (a service too big for one call; steps may repeat an id, and
              every id in the set for the whole scan comes at least once)
  ARGV[2]     SSCAN COUNT
  ARGV[3]     F, the number of instance hash fields to read
  ARGV[4..3+F]  the fields (codec.SNAPSHOT_INSTANCE_FIELDS)
  then per KEYS[i], two ARGV: the key prefix of its instance hashes and of
  their attributes hashes (RedisKeys.instancePrefix / attributesPrefix;
  key = prefix .. id).

  The instance and attributes hashes are not in KEYS: their names come from
  the set's members. They carry the same hash tag as KEYS (RedisKeys: every
  key of a store is in one Cluster slot), so Redis Cluster routes the call
  by KEYS[1] to the node that holds them.

  Returns: {cursor, json}: the next SSCAN cursor ('0' when done, always '0'
  when reading whole sets) and one JSON text (cjson): per KEYS set, in
  order, the number of ids read from it, then per id: the id, the values of
  the ARGV fields (HMGET: false where absent) and its attributes as a flat
  field/value array (HGETALL). An empty hash or list comes out as {}. One
  string instead of nested RESP arrays: the client parses it with its
  native JSON parser, several times faster than a RESP reply of the same
  strings.
]]
local nfields = tonumber(ARGV[3])
local fields = {}
for i = 1, nfields do fields[i] = ARGV[3 + i] end
local prefixes = 3 + nfields
local out = {}
local n = 0
local function read(ids, instancePrefix, attributesPrefix)
  out[n + 1] = #ids
  n = n + 1
  for _, id in ipairs(ids) do
    out[n + 1] = id
    out[n + 2] = redis.call('HMGET', instancePrefix .. id, unpack(fields))
    out[n + 3] = redis.call('HGETALL', attributesPrefix .. id)
    n = n + 3
  end
end
if ARGV[1] == '' then
  for i = 1, #KEYS do
    read(redis.call('SMEMBERS', KEYS[i]), ARGV[prefixes + 2 * i - 1], ARGV[prefixes + 2 * i])
  end
  return {'0', cjson.encode(out)}
end
local step = redis.call('SSCAN', KEYS[1], ARGV[1], 'COUNT', ARGV[2])
read(step[2], ARGV[prefixes + 1], ARGV[prefixes + 2])
return {step[1], cjson.encode(out)}
