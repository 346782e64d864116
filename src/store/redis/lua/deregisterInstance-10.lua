--[[
  Deregister an instance (Store.deregisterInstance).

  KEYS[1] svc:<serviceId>                    hash, the service (must exist)
  KEYS[2] svc-instances:<serviceId>          set, instance ids of the service
  KEYS[3] inst:<serviceId>:<instanceId>      hash, the instance
  KEYS[4] inst-attrs:<serviceId>:<instanceId> hash, its attributes
  KEYS[5] revision                           string, store revision
  KEYS[6] events                             stream, change events
  KEYS[7] op:<operationId>                   hash, the DEREGISTER_INSTANCE operation
  KEYS[8] operations                         sorted set, operation ids by createDate
  KEYS[9] svc-hosts:<serviceId>              hash, lowercase instance id -> instance id
  KEYS[10] svc-instances-json:<serviceId>    hash, instance id -> the instance as JSON

  ARGV[1..8] common (includes/common.lua)
  ARGV[9]  instance id
  ARGV[10] service id
  ARGV[11] the instance id in lowercase (its entry in KEYS[9], if any, is removed)
  then counted pairs: operation fields

  Sets the service's instancesRevision and instancesJsonRevision to the new
  revision (see registerInstance-11.lua).

  Returns {revision} or
    {-3}  no such service (ServiceNotFound)
    {-5}  no such instance in the service (InstanceNotFound)

  Event: InstanceDeleted, fields type, serviceId, instanceId
]]
--- @include "common"

if redis.call('EXISTS', KEYS[1]) == 0 then return {-3} end
if redis.call('SISMEMBER', KEYS[2], ARGV[9]) == 0 then return {-5} end

local opFields = readPairs(12)

local revision = nextRevision(KEYS[5])
appendEvent(KEYS[5], KEYS[6], revision, {'type', 'InstanceDeleted', 'serviceId', ARGV[10], 'instanceId', ARGV[9]})
redis.call('DEL', KEYS[3], KEYS[4])
redis.call('SREM', KEYS[2], ARGV[9])
redis.call('HDEL', KEYS[10], ARGV[9])
if redis.call('HGET', KEYS[9], ARGV[11]) == ARGV[9] then redis.call('HDEL', KEYS[9], ARGV[11]) end
redis.call('HSET', KEYS[1], 'instancesRevision', revision, 'instancesJsonRevision', revision)
recordOperation(KEYS[7], KEYS[8], opFields)
return {revision}
