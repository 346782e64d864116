--[[
  Create a namespace (Store.createNamespace).

  KEYS[1] ns:<id>             hash, the namespace
  KEYS[2] namespaces          set of namespace ids
  KEYS[3] namespace-names     hash, lowercase name -> id
  KEYS[4] tags:<arn>          hash, tags of the namespace
  KEYS[5] revision            string, store revision
  KEYS[6] events              stream, change events
  KEYS[7] op:<operationId>    hash, the CREATE_NAMESPACE operation
  KEYS[8] operations          sorted set, operation ids by createDate
  KEYS[9] req:CreateNamespace:<token>  hash, the request record (idempotency)

  ARGV[1..8] common (includes/common.lua)
  ARGV[9]  namespace id
  ARGV[10] lowercase name
  ARGV[11] event data: the namespace as JSON
  then counted pairs: namespace fields, tags, operation fields
  then the request block (includes/common.lua)

  Returns {revision} or
    {-20, fingerprint, resourceId, operationId}  the token was used before
    {-2, existingId, existingCreatorRequestId}  name taken (NamespaceAlreadyExists)

  Event: NamespaceUpserted, fields type, namespaceId, data
]]
--- @include "common"

local nsFields, i = readPairs(12)
local tagFields, j = readPairs(i)
local opFields, k = readPairs(j)
local reqRetention, reqFields = readRequest(k)
local prior = priorRequest(KEYS[9], reqFields)
if prior then return prior end

local existing = redis.call('HGET', KEYS[3], ARGV[10])
if existing then
  local creator = redis.call('HGET', ARGV[1] .. 'ns:' .. existing, 'creatorRequestId') or ''
  return {-2, existing, creator}
end

local revision = nextRevision(KEYS[5])
appendEvent(KEYS[5], KEYS[6], revision, {'type', 'NamespaceUpserted', 'namespaceId', ARGV[9], 'data', ARGV[11]})
replaceHash(KEYS[1], nsFields)
redis.call('SADD', KEYS[2], ARGV[9])
redis.call('HSET', KEYS[3], ARGV[10], ARGV[9])
replaceHash(KEYS[4], tagFields)
recordOperation(KEYS[7], KEYS[8], opFields)
recordRequest(KEYS[9], reqRetention, reqFields)
return {revision}
