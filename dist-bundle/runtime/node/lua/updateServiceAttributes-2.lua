--[[
  Add or replace service attributes (Store.updateServiceAttributes).
  Service attributes are not in the change stream: no revision, no event.

  KEYS[1] svc:<serviceId>         hash, the service (must exist)
  KEYS[2] svc-attrs:<serviceId>   hash, its service attributes

  ARGV[1] most attributes the service may have afterwards
  ARGV[2] n, then n pairs (key, value)

  Returns {1} or
    {-3}          no such service (ServiceNotFound)
    {-12, count}  more than ARGV[1] attributes afterwards
                  (ServiceAttributesLimitExceededException)
]]
--- @include "common"

if redis.call('EXISTS', KEYS[1]) == 0 then return {-3} end
local n = tonumber(ARGV[2])
local count = redis.call('HLEN', KEYS[2])
for j = 3, 2 + 2 * n, 2 do
  if redis.call('HEXISTS', KEYS[2], ARGV[j]) == 0 then count = count + 1 end
end
if count > tonumber(ARGV[1]) then return {-12, count} end
if n > 0 then redis.call('HSET', KEYS[2], unpack(ARGV, 3, 2 + 2 * n)) end
return {1}
