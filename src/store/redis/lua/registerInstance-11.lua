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
  KEYS[9] req:RegisterInstance:<token>       hash, the request record (idempotency)
  KEYS[10] svc-hosts:<serviceId>             hash, lowercase instance id -> instance id
                                             (services with an SRV record)
  KEYS[11] svc-instances-json:<serviceId>    hash, instance id -> the instance as
                                             JSON (what a snapshot reads)

  ARGV[1..8] common (includes/common.lua)
  ARGV[9]  instance id
  ARGV[10] service id
  ARGV[11] event data: the instance as JSON without createDate
  ARGV[12] createDate (epoch ms) for a new instance
  ARGV[13] the instance id in lowercase (its DNS host label)
  then counted pairs: instance fields without createDate, attributes,
  operation fields
  then the request block (includes/common.lua)

  Sets the service's instancesRevision, and instancesJsonRevision (KEYS[11]
  holds every instance of the set, see docs/redis-keys.md), to the new
  revision. KEYS[11] gets the event's data: the instance as JSON.

  Returns {revision, createDate as stored} or
    {-20, fingerprint, resourceId, operationId}  the token was used before
    {-3}  no such service (ServiceNotFound)
    {-13, otherId}  another instance's id differs from this one only in
          case: both would have one DNS host name (InvalidInput)

  Event: InstanceUpserted, fields type, serviceId, instanceId, data
]]
--- @include "common"

local instFields, i = readPairs(14)
local attrFields, j = readPairs(i)
local opFields, k = readPairs(j)
local reqRetention, reqFields = readRequest(k)
local prior = priorRequest(KEYS[9], reqFields)
if prior then return prior end

if redis.call('EXISTS', KEYS[1]) == 0 then return {-3} end
-- Only a service with an SRV record gives its instances host names (dnsRecords is `A:60,SRV:60`).
local hasSrv = string.find(',' .. (redis.call('HGET', KEYS[1], 'dnsRecords') or ''), ',SRV:', 1, true) ~= nil
if hasSrv then
  local owner = redis.call('HGET', KEYS[10], ARGV[13])
  if owner and owner ~= ARGV[9] then return {-13, owner} end
end

local createDate = redis.call('HGET', KEYS[3], 'createDate') or ARGV[12]
local revision = nextRevision(KEYS[5])
local data = appendMember(ARGV[11], 'createDate', createDate)
appendEvent(KEYS[5], KEYS[6], revision, {'type', 'InstanceUpserted', 'serviceId', ARGV[10], 'instanceId', ARGV[9], 'data', data})
replaceHash(KEYS[3], instFields)
redis.call('HSET', KEYS[3], 'createDate', createDate)
replaceHash(KEYS[4], attrFields)
redis.call('SADD', KEYS[2], ARGV[9])
redis.call('HSET', KEYS[11], ARGV[9], data)
if hasSrv then redis.call('HSET', KEYS[10], ARGV[13], ARGV[9]) end
redis.call('HSET', KEYS[1], 'instancesRevision', revision, 'instancesJsonRevision', revision)
recordOperation(KEYS[7], KEYS[8], opFields)
recordRequest(KEYS[9], reqRetention, reqFields)
return {revision, createDate}
