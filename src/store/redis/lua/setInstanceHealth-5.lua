--[[
  Set the health status of an existing instance (Store.setInstanceHealth).
  Writes only the `healthStatus` and `updateDate` fields of the instance
  hash, and the same two members of its JSON in KEYS[5] (when it has one):
  the attributes hash and every other field stay as the last registration
  wrote them. The service's instancesRevision does not change and no
  operation is recorded.

  When the hash already has the status but the JSON does not (a replica of
  an earlier build, which did not know KEYS[5], wrote the status), only the
  JSON is corrected: no revision, no event, and the reply is {0}. An entry
  that is not a JSON object is deleted rather than rewritten.

  KEYS[1] svc:<serviceId>                 hash, the service (must exist)
  KEYS[2] inst:<serviceId>:<instanceId>   hash, the instance (must exist)
  KEYS[3] revision                        string, store revision
  KEYS[4] events                          stream, change events
  KEYS[5] svc-instances-json:<serviceId>  hash, instance id -> the instance as JSON

  ARGV[1..3] common (includes/common.lua)
  ARGV[4] instance id
  ARGV[5] service id
  ARGV[6] health status (HEALTHY, UNHEALTHY or UNKNOWN)
  ARGV[7] updateDate, epoch ms

  Returns {revision} or
    {0}   the instance already has this status (nothing written, no event)
    {-3}  no such service (ServiceNotFound)
    {-5}  no such instance in the service (InstanceNotFound)

  Event: InstanceHealthChanged, fields type, serviceId, instanceId,
  healthStatus, updateDate
]]
--- @include "common"

if redis.call('EXISTS', KEYS[1]) == 0 then return {-3} end
local current = redis.call('HGET', KEYS[2], 'healthStatus')
if not current then return {-5} end
-- The instance's JSON entry, decoded before anything is written (a script
-- that fails halfway keeps what it wrote); an entry that is not a JSON object
-- (written by hand) is deleted instead, which leaves the service to be read
-- from the instance hashes (docs/redis-keys.md, "Snapshots").
local json = redis.call('HGET', KEYS[5], ARGV[4])
local record
if json then
  local ok, decoded = pcall(cjson.decode, json)
  if ok and type(decoded) == 'table' then record = decoded end
end
-- Writes the entry with this health status and `updateDate` (cjson: key order
-- and escaping may change, the JSON value does not; epoch-ms numbers keep
-- their 13 digits).
local function writeJson(updateDate)
  if record then
    record['healthStatus'] = ARGV[6]
    record['updateDate'] = tonumber(updateDate)
    redis.call('HSET', KEYS[5], ARGV[4], cjson.encode(record))
  elseif json then
    redis.call('HDEL', KEYS[5], ARGV[4])
  end
end
if current == ARGV[6] then
  -- The hash's updateDate: when that status was written.
  if json and not (record and record['healthStatus'] == ARGV[6]) then
    writeJson(redis.call('HGET', KEYS[2], 'updateDate') or ARGV[7])
  end
  return {0}
end

local revision = nextRevision(KEYS[3])
appendEvent(KEYS[3], KEYS[4], revision, {'type', 'InstanceHealthChanged', 'serviceId', ARGV[5], 'instanceId', ARGV[4],
  'healthStatus', ARGV[6], 'updateDate', ARGV[7]})
redis.call('HSET', KEYS[2], 'healthStatus', ARGV[6], 'updateDate', ARGV[7])
writeJson(ARGV[7])
return {revision}
