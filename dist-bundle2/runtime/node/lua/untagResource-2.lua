--[[
  Remove tags by key from an existing namespace or service
  (Store.untagResource); absent keys are ignored. No revision, no event.

  KEYS[1] ns:<id> or svc:<id>   hash, the resource (must exist with this ARN)
  KEYS[2] tags:<arn>            hash, its tags

  ARGV[1] the resource ARN
  ARGV[2..] tag keys to remove

  Returns {1} or
    {-10}  no such resource (ResourceNotFoundException)
]]
--- @include "common"

if redis.call('HGET', KEYS[1], 'arn') ~= ARGV[1] then return {-10} end
if #ARGV > 1 then redis.call('HDEL', KEYS[2], unpack(ARGV, 2)) end
return {1}
