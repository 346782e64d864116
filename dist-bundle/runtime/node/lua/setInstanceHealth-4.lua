--[[
  Set the health status of an existing instance (Store.setInstanceHealth).
  Writes only the `healthStatus` and `updateDate` fields of the instance
  hash: the attributes hash and every other field stay as the last
  registration wrote them. The service's instancesRevision does not change
  and no operation is recorded.

  KEYS[1] svc:<serviceId>                 hash, the service (must exist)
  KEYS[2] inst:<serviceId>:<instanceId>   hash, the instance (must exist)
  KEYS[3] revision                        string, store revision
  KEYS[4] events                          stream, change events

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
if current == ARGV[6] then return {0} end

local revision = nextRevision(KEYS[3])
appendEvent(KEYS[3], KEYS[4], revision, {'type', 'InstanceHealthChanged', 'serviceId', ARGV[5], 'instanceId', ARGV[4],
  'healthStatus', ARGV[6], 'updateDate', ARGV[7]})
redis.call('HSET', KEYS[2], 'healthStatus', ARGV[6], 'updateDate', ARGV[7])
return {revision}
