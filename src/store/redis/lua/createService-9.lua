--[[
  Create a service in an existing namespace (Store.createService).

  KEYS[1] ns:<namespaceId>                hash, the namespace (must exist)
  KEYS[2] svc:<id>                        hash, the service
  KEYS[3] services                        set of all service ids
  KEYS[4] ns-services:<namespaceId>       set, service ids of the namespace
  KEYS[5] ns-service-names:<namespaceId>  hash, lowercase service name -> id
  KEYS[6] tags:<arn>                      hash, tags of the service
  KEYS[7] revision                        string, store revision
  KEYS[8] events                          stream, change events
  KEYS[9] req:CreateService:<token>       hash, the request record (idempotency)

  ARGV[1..3] common (includes/common.lua)
  ARGV[4] service id
  ARGV[5] lowercase name
  ARGV[6] namespace id
  ARGV[7] event data: the service as JSON without instancesRevision
  then counted pairs: service fields without instancesRevision, tags
  then the request block (includes/common.lua)

  Sets instancesRevision to the new revision, in the hash and the event.

  Returns {revision} or
    {-20, fingerprint, resourceId, operationId}  the token was used before
    {-1}  no such namespace (NamespaceNotFound)
    {-4, existingId, existingArn, existingCreatorRequestId}  name taken in
          this namespace (ServiceAlreadyExists)

  Event: ServiceUpserted, fields type, namespaceId, serviceId, data
]]
--- @include "common"

local svcFields, i = readPairs(8)
local tagFields, j = readPairs(i)
local reqRetention, reqFields = readRequest(j)
local prior = priorRequest(KEYS[9], reqFields)
if prior then return prior end

if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
local existing = redis.call('HGET', KEYS[5], ARGV[5])
if existing then
  local found = redis.call('HMGET', ARGV[1] .. 'svc:' .. existing, 'arn', 'creatorRequestId')
  return {-4, existing, found[1] or '', found[2] or ''}
end

local revision = nextRevision(KEYS[7])
local data = appendMember(ARGV[7], 'instancesRevision', revision)
appendEvent(KEYS[7], KEYS[8], revision, {'type', 'ServiceUpserted', 'namespaceId', ARGV[6], 'serviceId', ARGV[4], 'data', data})
replaceHash(KEYS[2], svcFields)
-- instancesJsonRevision: its svc-instances-json: hash (none yet) holds every instance (registerInstance-11.lua).
redis.call('HSET', KEYS[2], 'instancesRevision', revision, 'instancesJsonRevision', revision)
redis.call('SADD', KEYS[3], ARGV[4])
redis.call('SADD', KEYS[4], ARGV[4])
redis.call('HSET', KEYS[5], ARGV[5], ARGV[4])
replaceHash(KEYS[6], tagFields)
recordRequest(KEYS[9], reqRetention, reqFields)
return {revision}
