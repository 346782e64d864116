--[[
  Hold, renew, rebalance or give up the shard leases of one lease group
  (ShardLeases in ../shard-leases.ts). Every holder runs it every renew
  period; time is the Redis server's clock (TIME), so holders' clocks do not
  need to agree.

  A holder holds at most its fair share, ceil(shards / live holders): it
  renews the shards it holds up to that share, releases the rest (so a
  holder that joins finds free shards at its next call), then takes free
  or expired shards until it has its share. A holder whose heartbeat ran
  out is no longer counted; its shards are free once their expiry passed.

  KEYS[1] lease-shards:GROUP   hash: `SHARD` → holder id, `SHARD:until` → expiry (epoch ms)
  KEYS[2] lease-holders:GROUP  sorted set: holder id scored by its heartbeat expiry (epoch ms)

  ARGV[1] holder id
  ARGV[2] lease time to live, ms (leases and heartbeat expire this long after the call)
  ARGV[3] number of shards (shards are 0 .. n-1; every holder of a group passes the same n)
  ARGV[4] 'hold' (renew, rebalance, acquire) or 'release' (give up every shard and leave)

  Returns {now, shard, shard, ...}: the Redis time of the call (epoch ms)
  and the shards the holder holds afterwards (each until now + ttl).
  Nothing is published on the change stream.
]]

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local me = ARGV[1]
local ttl = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local expires = now + ttl

-- Holders whose heartbeat ran out are gone.
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)

local fields = {}
for s = 0, n - 1 do
  fields[#fields + 1] = tostring(s)
  fields[#fields + 1] = s .. ':until'
end
local values = redis.call('HMGET', KEYS[1], unpack(fields))

if ARGV[4] == 'release' then
  redis.call('ZREM', KEYS[2], me)
  for s = 0, n - 1 do
    if values[2 * s + 1] == me then redis.call('HDEL', KEYS[1], tostring(s), s .. ':until') end
  end
  return {now}
end

redis.call('ZADD', KEYS[2], expires, me)
local share = math.ceil(n / redis.call('ZCARD', KEYS[2]))

local held = {}
local free = {}
for s = 0, n - 1 do
  local holder = values[2 * s + 1]
  local valid = holder and tonumber(values[2 * s + 2] or '0') > now
  if valid and holder == me then
    held[#held + 1] = s
  elseif not valid then
    free[#free + 1] = s
    -- an expired entry of a holder that is gone: drop it so HGETALL shows only live leases
    if holder then redis.call('HDEL', KEYS[1], tostring(s), s .. ':until') end
  end
end

local result = {now}
for i, s in ipairs(held) do
  if i <= share then
    redis.call('HSET', KEYS[1], tostring(s), me, s .. ':until', expires)
    result[#result + 1] = s
  else
    redis.call('HDEL', KEYS[1], tostring(s), s .. ':until')
  end
end
for _, s in ipairs(free) do
  if #result - 1 >= share then break end
  redis.call('HSET', KEYS[1], tostring(s), me, s .. ':until', expires)
  result[#result + 1] = s
end

-- Both keys vanish once no holder renews them.
for _, key in ipairs(KEYS) do
  if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
end
return result
