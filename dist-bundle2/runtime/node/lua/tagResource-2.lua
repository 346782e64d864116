--[[
  Add or replace tags of an existing namespace or service
  (Store.tagResource). Tags are not in the change stream: no revision, no
  event, so the script takes none of the common ARGV.

  KEYS[1] ns:<id> or svc:<id>   hash, the resource (must exist with this ARN)
  KEYS[2] tags:<arn>            hash, its tags

  ARGV[1] the resource ARN
  ARGV[2] most tags the resource may have afterwards
  then counted pairs: tags (key, value)

  Returns {1} or
    {-10}         no such resource (ResourceNotFoundException)
    {-11, count}  more than ARGV[2] tags afterwards (TooManyTagsException)
]]
--- @include "common"

if redis.call('HGET', KEYS[1], 'arn') ~= ARGV[1] then return {-10} end
local tags = readPairs(3)
local count = redis.call('HLEN', KEYS[2])
for j = 1, #tags, 2 do
  if redis.call('HEXISTS', KEYS[2], tags[j]) == 0 then count = count + 1 end
end
if count > tonumber(ARGV[2]) then return {-11, count} end
if #tags > 0 then redis.call('HSET', KEYS[2], unpack(tags)) end
return {1}
