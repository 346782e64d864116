--[[
  Read instances for a snapshot (RedisReads.snapshotInBatches) from the
  services' `svc-instances-json:` hashes, which hold each instance as the
  JSON text its registration wrote: one HVALS per service, and the texts
  are joined, never decoded. Read only; appends no event. Loaded by
  reads.ts (not through SCRIPT_FILES: the number of keys varies, N =
  services in the call). The reader calls it only for services whose JSON
  hash is complete (readServices-N.lua); readInstances-N.lua reads the
  others from the instance hashes.

  KEYS[i]  svc-instances-json:SERVICE_i   hash: instance id -> JSON

  ARGV[1]  '' to read every instance of every KEYS hash (HVALS), or an
           HSCAN cursor ('0' to start) to read one step of KEYS[1] only
           (a service too big for one call; steps may repeat an instance,
           and every instance in the hash for the whole scan comes at
           least once)
  ARGV[2]  HSCAN COUNT

  Returns: {cursor, json}: the next HSCAN cursor ('0' when done, always '0'
  when reading whole hashes) and one JSON text: an array with, per KEYS
  hash in order, the array of its instances (objects as
  src/model/types.ts Instance).
]]
local out = {}
if ARGV[1] == '' then
  for i = 1, #KEYS do out[i] = '[' .. table.concat(redis.call('HVALS', KEYS[i]), ',') .. ']' end
  return {'0', '[' .. table.concat(out, ',') .. ']'}
end
local step = redis.call('HSCAN', KEYS[1], ARGV[1], 'COUNT', ARGV[2])
local entries = step[2]
for i = 2, #entries, 2 do out[#out + 1] = entries[i] end
return {step[1], '[[' .. table.concat(out, ',') .. ']]'}
