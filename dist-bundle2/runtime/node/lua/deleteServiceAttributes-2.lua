--[[
  Remove service attributes by key (Store.deleteServiceAttributes); absent
  keys are ignored. No revision, no event.

  KEYS[1] svc:<serviceId>         hash, the service (must exist)
  KEYS[2] svc-attrs:<serviceId>   hash, its service attributes

  ARGV[1..] attribute keys to remove

  Returns {1} or
    {-3}  no such service (ServiceNotFound)
]]
--- @include "common"

if redis.call('EXISTS', KEYS[1]) == 0 then return {-3} end
if #ARGV > 0 then redis.call('HDEL', KEYS[2], unpack(ARGV)) end
return {1}
