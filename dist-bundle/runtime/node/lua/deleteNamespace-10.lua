--[[
  Delete a namespace that has no services (Store.deleteNamespace).
  The caller reads the namespace's name and ARN first to name KEYS[3]'s
  field and KEYS[6]; both never change for a given id.

  KEYS[1]  ns:<id>                 hash, the namespace
  KEYS[2]  namespaces              set of namespace ids
  KEYS[3]  namespace-names         hash, lowercase name -> id
  KEYS[4]  ns-services:<id>        set, its service ids (must be empty)
  KEYS[5]  ns-service-names:<id>   hash, its service name index
  KEYS[6]  tags:<arn>              hash, tags of the namespace
  KEYS[7]  revision                string, store revision
  KEYS[8]  events                  stream, change events
  KEYS[9]  op:<operationId>        hash, the DELETE_NAMESPACE operation
  KEYS[10] operations              sorted set, operation ids by createDate

  ARGV[1..8] common (includes/common.lua)
  ARGV[9]  namespace id
  ARGV[10] lowercase name
  then counted pairs: operation fields

  Returns {revision} or
    {-1}  no such namespace (NamespaceNotFound)
    {-6}  it still has services (ResourceInUse)

  Event: NamespaceDeleted, fields type, namespaceId
]]
--- @include "common"

if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
if redis.call('SCARD', KEYS[4]) > 0 then return {-6} end

local opFields = readPairs(11)

local revision = nextRevision(KEYS[7])
appendEvent(KEYS[7], KEYS[8], revision, {'type', 'NamespaceDeleted', 'namespaceId', ARGV[9]})
redis.call('DEL', KEYS[1], KEYS[4], KEYS[5], KEYS[6])
redis.call('SREM', KEYS[2], ARGV[9])
if redis.call('HGET', KEYS[3], ARGV[10]) == ARGV[9] then redis.call('HDEL', KEYS[3], ARGV[10]) end
recordOperation(KEYS[9], KEYS[10], opFields)
return {revision}
