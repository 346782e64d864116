--[[
  Delete a service that has no instances (Store.deleteService).
  The caller reads the service's namespace id, name and ARN first to name
  KEYS[3], KEYS[4] and KEYS[6]; none of them changes for a given id.

  KEYS[1] svc:<id>                        hash, the service
  KEYS[2] services                        set of all service ids
  KEYS[3] ns-services:<namespaceId>       set, service ids of the namespace
  KEYS[4] ns-service-names:<namespaceId>  hash, lowercase service name -> id
  KEYS[5] svc-instances:<id>              set, its instance ids (must be empty)
  KEYS[6] tags:<arn>                      hash, tags of the service
  KEYS[7] revision                        string, store revision
  KEYS[8] events                          stream, change events
  KEYS[9] svc-attrs:<id>                  hash, its service attributes

  ARGV[1..3] common (includes/common.lua)
  ARGV[4] service id
  ARGV[5] lowercase name
  ARGV[6] namespace id

  Returns {revision} or
    {-3}  no such service (ServiceNotFound)
    {-7}  it still has instances (ResourceInUse)

  Event: ServiceDeleted, fields type, namespaceId, serviceId
]]
--- @include "common"

if redis.call('EXISTS', KEYS[1]) == 0 then return {-3} end
if redis.call('SCARD', KEYS[5]) > 0 then return {-7} end

local revision = nextRevision(KEYS[7])
appendEvent(KEYS[7], KEYS[8], revision, {'type', 'ServiceDeleted', 'namespaceId', ARGV[6], 'serviceId', ARGV[4]})
redis.call('DEL', KEYS[1], KEYS[5], KEYS[6], KEYS[9])
redis.call('SREM', KEYS[2], ARGV[4])
redis.call('SREM', KEYS[3], ARGV[4])
if redis.call('HGET', KEYS[4], ARGV[5]) == ARGV[4] then redis.call('HDEL', KEYS[4], ARGV[5]) end
return {revision}
