-- The cluster's active subscriptions in Redis, changed only through this script so that every
-- change is atomic: an entry is removed exactly once, by its node or by the survivor claiming it.
--
-- KEYS[1] nodes: sorted set of node id -> lease expiry (Redis time in ms)
-- KEYS[2] ids: sorted set of subscription ids, every score 0, so ZRANGEBYLEX pages them in id order
-- KEYS[3] docs: hash of subscription id -> the subscription as the hub encodes it (opaque here)
-- KEYS[4] counts: hash of 'all' | 'matcher:<matcher path>' | 'match:<encoded match>' -> live count
-- KEYS[5] types: hash of encoded matcher type -> live count (the collections a 0.x topic spans)
-- Each node's ids are in a set named ARGV[2] .. node id (same hash tag as the keys).
--
-- ARGV[1] the command:
-- write: ARGV[3] node, ARGV[4] lease in ms, then triples of op ('a' add, 'r' remove), id, document.
--        Renews the node's lease, then applies the ops in order. Returns {lost, result...}: lost is
--        1 when the lease had lapsed (others may have claimed the node's entries), each result 1
--        when the op changed the list.
-- sweep: ARGV[3] this node, ARGV[4] at most this many entries. Takes entries of one node whose
--        lease lapsed off the list and returns their documents (whoever gets one announces it).
-- leave: ARGV[3] node. Drops the node's lease if it holds no entries (else they expire with it).
-- page:  ARGV[3] after ('' from the first), ARGV[4] limit, ARGV[5] the counts field of the scope,
--        ARGV[6] a prefix, or with ARGV[7] the encoded match, the collection path under which every
--        type's '<collection>/<type>/<match>/' prefix is listed. Returns {more, total, document...}.
local nodes, ids, docs, counts, types = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local command, nodeSetPrefix = ARGV[1], ARGV[2]
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)

local function bump(hash, field, delta)
  if redis.call('HINCRBY', hash, field, delta) <= 0 then
    redis.call('HDEL', hash, field)
  end
end

-- An id is '<collection>/<type>/<match>/<subscriber>', each variable encoded without '/': the
-- counters it belongs to follow from it.
local function count(id, delta)
  local matcher, encodedType, encodedMatch = string.match(id, '^(.*/([^/]*)/([^/]*))/[^/]*$')
  bump(counts, 'all', delta)
  bump(counts, 'matcher:' .. matcher, delta)
  bump(counts, 'match:' .. encodedMatch, delta)
  bump(types, encodedType, delta)
end

local function insert(node, id, doc)
  if redis.call('HSETNX', docs, id, doc) == 0 then
    return 0
  end
  redis.call('ZADD', ids, 0, id)
  redis.call('SADD', nodeSetPrefix .. node, id)
  count(id, 1)
  return 1
end

local function delete(id)
  if redis.call('HDEL', docs, id) == 0 then
    return 0
  end
  redis.call('ZREM', ids, id)
  count(id, -1)
  return 1
end

if command == 'write' then
  local node, lease = ARGV[3], tonumber(ARGV[4])
  local expiry = redis.call('ZSCORE', nodes, node)
  local lost = (not expiry or tonumber(expiry) < now) and 1 or 0
  redis.call('ZADD', nodes, now + lease, node)
  local out = {lost}
  for i = 5, #ARGV, 3 do
    local id = ARGV[i + 1]
    if ARGV[i] == 'a' then
      out[#out + 1] = insert(node, id, ARGV[i + 2])
    else
      redis.call('SREM', nodeSetPrefix .. node, id)
      out[#out + 1] = delete(id)
    end
  end
  return out
end

if command == 'sweep' then
  local self, budget = ARGV[3], tonumber(ARGV[4])
  for _, node in ipairs(redis.call('ZRANGEBYSCORE', nodes, '-inf', '(' .. now, 'LIMIT', 0, 2)) do
    if node ~= self then
      local set = nodeSetPrefix .. node
      local out = {}
      for _, id in ipairs(redis.call('SPOP', set, budget)) do
        local doc = redis.call('HGET', docs, id)
        if doc and delete(id) == 1 then
          out[#out + 1] = doc
        end
      end
      if redis.call('SCARD', set) == 0 then
        redis.call('ZREM', nodes, node)
      end
      return out
    end
  end
  return {}
end

if command == 'leave' then
  local node = ARGV[3]
  if redis.call('SCARD', nodeSetPrefix .. node) > 0 then
    return 0
  end
  redis.call('ZREM', nodes, node)
  return 1
end

-- page
local after, limit, countField = ARGV[3], tonumber(ARGV[4]), ARGV[5]
local prefixes = {}
if ARGV[7] then
  local found = redis.call('HKEYS', types)
  table.sort(found)
  for _, encodedType in ipairs(found) do
    prefixes[#prefixes + 1] = ARGV[6] .. '/' .. encodedType .. '/' .. ARGV[7] .. '/'
  end
else
  prefixes[1] = ARGV[6]
end
local listed = {}
for _, prefix in ipairs(prefixes) do
  local room = limit + 1 - #listed
  if room <= 0 then
    break
  end
  local first = (after ~= '' and after >= prefix) and ('(' .. after) or ('[' .. prefix)
  -- '0' follows '/': every id starting with the prefix sorts before the prefix with '0' instead.
  local past = '(' .. string.sub(prefix, 1, -2) .. '0'
  for _, id in ipairs(redis.call('ZRANGEBYLEX', ids, first, past, 'LIMIT', 0, room)) do
    listed[#listed + 1] = id
  end
end
local more = 0
if #listed > limit then
  more = 1
  listed[#listed] = nil
end
local out = {more, tonumber(redis.call('HGET', counts, countField) or '0')}
-- In chunks: Lua unpacks a few thousand values at most.
for i = 1, #listed, 500 do
  for _, doc in ipairs(redis.call('HMGET', docs, unpack(listed, i, math.min(i + 499, #listed)))) do
    out[#out + 1] = doc
  end
end
return out
