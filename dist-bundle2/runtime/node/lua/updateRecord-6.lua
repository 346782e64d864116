--[[
  Change some fields of a namespace or service hash (Store.updateNamespace,
  Store.updateService) if the fields the caller read are still as it read
  them (compare-and-set), record the UPDATE_* operation and append the
  *Upserted event. Only the named fields are written, so a concurrent write
  of other fields (a registration setting instancesRevision, another update
  of a different field) is never undone.

  KEYS[1] ns:<id> or svc:<id>          hash, the record (must exist)
  KEYS[2] revision                     string, store revision
  KEYS[3] events                       stream, change events
  KEYS[4] op:<operationId>             hash, the UPDATE_NAMESPACE / UPDATE_SERVICE operation
  KEYS[5] operations                   sorted set, operation ids by createDate
  KEYS[6] req:UpdateNamespace:<token>  hash, the request record (idempotency)

  ARGV[1..8] common (includes/common.lua)
  ARGV[9]  code to return when KEYS[1] does not exist (-1 or -3)
  ARGV[10] event data: the whole record after the change as JSON, without
           the field named in ARGV[11]
  ARGV[11] name of a numeric hash field to append to the event data as
           read now (`instancesRevision` for services), or '' for none
  then counted pairs: the event's fields before `data` (type,
           namespaceId[, serviceId]); `data` is appended
  then n, followed by n pairs (field, '1' .. expected value, or '0' for
           absent): the fields as the caller read them
  then counted pairs: fields to set
  then n, followed by n field names to delete
  then counted pairs: operation fields
  then the request block (includes/common.lua)

  Returns {revision, value of the ARGV[11] field appended (0 when none)} or
    {-20, fingerprint, resourceId, operationId}  the token was used before
    {ARGV[9]}  no such record (NamespaceNotFound / ServiceNotFound)
    {-9}       a compared field changed since the caller read it (retry)

  Event: as given (NamespaceUpserted or ServiceUpserted) with `data`
]]
--- @include "common"

local eventFields, i = readPairs(12)
local n = tonumber(ARGV[i])
local setFields, k = readPairs(i + 1 + 2 * n)
local m = tonumber(ARGV[k])
local delFields = {}
for j = k + 1, k + m do delFields[#delFields + 1] = ARGV[j] end
local opFields, r = readPairs(k + 1 + m)
local reqRetention, reqFields = readRequest(r)
local prior = priorRequest(KEYS[6], reqFields)
if prior then return prior end

if redis.call('EXISTS', KEYS[1]) == 0 then return {tonumber(ARGV[9])} end
for j = i + 1, i + 2 * n, 2 do
  local current = redis.call('HGET', KEYS[1], ARGV[j])
  if ARGV[j + 1] == '0' then
    if current then return {-9} end
  elseif current ~= string.sub(ARGV[j + 1], 2) then
    return {-9}
  end
end

local data = ARGV[10]
local appended = 0
if ARGV[11] ~= '' then
  appended = tonumber(redis.call('HGET', KEYS[1], ARGV[11]) or '0')
  data = appendMember(data, ARGV[11], appended)
end
eventFields[#eventFields + 1] = 'data'
eventFields[#eventFields + 1] = data
local revision = nextRevision(KEYS[2])
appendEvent(KEYS[2], KEYS[3], revision, eventFields)
if #setFields > 0 then redis.call('HSET', KEYS[1], unpack(setFields)) end
if #delFields > 0 then redis.call('HDEL', KEYS[1], unpack(delFields)) end
recordOperation(KEYS[4], KEYS[5], opFields)
recordRequest(KEYS[6], reqRetention, reqFields)
return {revision, appended}
