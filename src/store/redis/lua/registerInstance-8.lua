--[[
  Register an instance, or replace an existing one with the same id
  (Store.registerInstance, AWS RegisterInstance semantics): the attributes
  are replaced as a whole, the first registration's createDate is kept.

  KEYS[1] svc:<serviceId>                    hash, the service (must exist)
  KEYS[2] svc-instances:<serviceId>          set, instance ids of the service
  KEYS[3] inst:<serviceId>:<instanceId>      hash, the instance
  KEYS[4] inst-attrs:<serviceId>:<instanceId> hash, its attributes
  KEYS[5] revision                           string, store revision
  KEYS[6] events                             stream, change events
  KEYS[7] op:<operationId>                   hash, the REGISTER_INSTANCE operation
  KEYS[8] operations                         sorted set, operation ids by createDate

  ARGV[1..7] common (includes/common.lua)
  ARGV[8]  instance id
  ARGV[9]  service id
  ARGV[10] event data: the instance as JSON without createDate
  ARGV[11] createDate (epoch ms) for a new instance
  then counted pairs: instance fields without createDate, attributes,
  operation fields

  Sets the service's instancesRevision to the new revision.

  Returns {revision, createDate as stored} or
    {-3}  no such service (ServiceNotFound)

  Event: InstanceUpserted, fields type, serviceId, instanceId, data
]]
--- @include "common"

if redis.call('EXISTS', KEYS[1]) == 0 then return {-3} end

local instFields, i = readPairs(12)
local attrFields, j = readPairs(i)
local opFields = readPairs(j)

local createDate = redis.call('HGET', KEYS[3], 'createDate') or ARGV[11]
local revision = nextRevision(KEYS[5])
local data = appendMember(ARGV[10], 'createDate', createDate)
appendEvent(KEYS[5], KEYS[6], revision, {'type', 'InstanceUpserted', 'serviceId', ARGV[9], 'instanceId', ARGV[8], 'data', data})
replaceHash(KEYS[3], instFields)
redis.call('HSET', KEYS[3], 'createDate', createDate)
replaceHash(KEYS[4], attrFields)
redis.call('SADD', KEYS[2], ARGV[8])
redis.call('HSET', KEYS[1], 'instancesRevision', revision)
recordOperation(KEYS[7], KEYS[8], opFields)
return {revision, createDate}
