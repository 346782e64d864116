--[[
  Helpers shared by every script. The loader (../../scripts.ts) pastes this
  file where a script has the include line for "common", so each script stays one
  self-contained EVAL body.

  Common ARGV of every script:
    ARGV[1] key base, `<prefix>{cm}:` (only for reading an existing record
            named in an *AlreadyExists reply)
    ARGV[2] stream max length (entries)
    ARGV[3] stream trim mode: '~' (approximate, cheap) or '=' (exact)
  Scripts that record an operation also take:
    ARGV[4] operation id
    ARGV[5] operation createDate, epoch ms (its score in the operations index)
    ARGV[6] operation retention, ms (PEXPIRE of the operation hash)
    ARGV[7] cutoff, epoch ms: index entries scored below it are dropped
    ARGV[8] most operations kept: beyond it the oldest are deleted
  Scripts that take an idempotency token (CreatorRequestId,
  UpdaterRequestId) end their ARGV with a request block (readRequest): the
  retention of the request record in ms, then counted pairs of its fields
  (fingerprint, resourceId, operationId); no pairs when the caller sent no
  token. Its key (req:<operation>:<token>) is one of the script's KEYS.
]]

-- Reads the counted field/value list at ARGV[i] (ARGV[i] = n, then 2n
-- strings). Returns the flat list and the index just after it.
local function readPairs(i)
  local n = tonumber(ARGV[i])
  local list = {}
  for j = i + 1, i + 2 * n do list[#list + 1] = ARGV[j] end
  return list, i + 1 + 2 * n
end

-- Replaces the hash at `key` with the fields of `list` (no key when empty).
local function replaceHash(key, list)
  redis.call('DEL', key)
  if #list > 0 then redis.call('HSET', key, unpack(list)) end
end

-- Adds `"name":raw` as the last member of the JSON object text `json`;
-- `raw` is already JSON (a number here). The caller leaves `name` out.
local function appendMember(json, name, raw)
  if json == '{}' then return '{"' .. name .. '":' .. raw .. '}' end
  return string.sub(json, 1, -2) .. ',"' .. name .. '":' .. raw .. '}'
end

-- The revision the current write will get (read only).
local function nextRevision(revisionKey)
  return tonumber(redis.call('GET', revisionKey) or '0') + 1
end

-- Appends the change event `<revision>-0` (trimming the stream) and then
-- stores the revision. XADD goes first: it is the one write that can fail
-- on valid input (an id not above the stream's last id), and a failing
-- script must leave nothing written.
local function appendEvent(revisionKey, streamKey, revision, fields)
  redis.call('XADD', streamKey, 'MAXLEN', ARGV[3], ARGV[2], revision .. '-0', unpack(fields))
  redis.call('SET', revisionKey, revision)
end

-- Stores the operation hash (list from readPairs), lets it expire after the
-- retention, indexes it by createDate and prunes old index entries.
local function recordOperation(opKey, indexKey, list)
  replaceHash(opKey, list)
  redis.call('PEXPIRE', opKey, ARGV[6])
  redis.call('ZADD', indexKey, ARGV[5], ARGV[4])
  redis.call('ZREMRANGEBYSCORE', indexKey, '-inf', '(' .. ARGV[7])
  local excess = redis.call('ZCARD', indexKey) - tonumber(ARGV[8])
  if excess > 0 then
    for _, id in ipairs(redis.call('ZRANGE', indexKey, 0, excess - 1)) do redis.call('DEL', ARGV[1] .. 'op:' .. id) end
    redis.call('ZREMRANGEBYRANK', indexKey, 0, excess - 1)
  end
end

-- Reads the request block at ARGV[i]: retention ms and the record's fields
-- (empty without a token).
local function readRequest(i)
  local fields = readPairs(i + 1)
  return tonumber(ARGV[i]), fields
end

-- The refusal to return when the request key already holds a record (a
-- retry of a request that was applied, or a reuse of its token):
-- {-20, fingerprint, resourceId, operationId}; nil when there is no token
-- or no record yet.
local function priorRequest(key, fields)
  if #fields == 0 then return nil end
  local prior = redis.call('HMGET', key, 'fingerprint', 'resourceId', 'operationId')
  if prior[1] then return {-20, prior[1], prior[2] or '', prior[3] or ''} end
  return nil
end

-- Stores the request record (if there is a token) for `retention` ms.
local function recordRequest(key, retention, fields)
  if #fields == 0 then return end
  replaceHash(key, fields)
  redis.call('PEXPIRE', key, retention)
end
