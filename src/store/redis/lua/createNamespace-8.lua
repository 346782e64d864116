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

  ARGV[1..7] common (includes/common.lua)
  ARGV[8]  namespace id
  ARGV[9]  lowercase name
  ARGV[10] event data: the namespace as JSON
  then counted pairs: namespace fields, tags, operation fields

  Returns {revision} or
    {-2, existingId, existingCreatorRequestId}  name taken (NamespaceAlreadyExists)

  Event: NamespaceUpserted, fields type, namespaceId, data
]]
--- @include "common"

local existing = redis.call('HGET', KEYS[3], ARGV[9])
if existing then
  local creator = redis.call('HGET', ARGV[1] .. 'ns:' .. existing, 'creatorRequestId') or ''
  return {-2, existing, creator}
end

local nsFields, i = readPairs(11)
local tagFields, j = readPairs(i)
local opFields = readPairs(j)

local revision = nextRevision(KEYS[5])
appendEvent(KEYS[5], KEYS[6], revision, {'type', 'NamespaceUpserted', 'namespaceId', ARGV[8], 'data', ARGV[10]})
replaceHash(KEYS[1], nsFields)
redis.call('SADD', KEYS[2], ARGV[8])
redis.call('HSET', KEYS[3], ARGV[9], ARGV[8])
replaceHash(KEYS[4], tagFields)
recordOperation(KEYS[7], KEYS[8], opFields)
return {revision}
