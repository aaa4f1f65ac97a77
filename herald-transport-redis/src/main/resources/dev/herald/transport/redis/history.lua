-- Herald's history in Redis, changed only through this script so that every change is atomic.
--
-- KEYS[1] the stream of updates: entry id "<sequence>-0", fields i (update id), t (Redis time
--         in ms when stored), u (the packed update)
-- KEYS[2] the last sequence assigned (sequences count up by one; a stream trimmed empty keeps it)
-- KEYS[3] the id index: a hash of update id -> its retained sequences, ascending, comma-separated
--         (a publisher may reuse an id; the first is the earliest retained occurrence)
--
-- ARGV[1] "append" or "trim"; ARGV[2] retention count; ARGV[3] retention age in ms (0: none);
-- ARGV[4] at most this many entries are trimmed in this call (bounded work per call).
-- append: ARGV[5] the caller's floor, the highest sequence it has seen: sequences continue above
--         it even if Redis lost its data, so they never go backwards for a hub that keeps running;
--         ARGV[6], ARGV[7], ... the id and packed form of each update, in order.
--         Returns the first update's sequence (the others follow it one by one) and the last
--         sequence Redis had assigned before, which is below the floor only if it lost data.
-- trim:   returns the number of entries trimmed.
local stream, lastSequence, index = KEYS[1], KEYS[2], KEYS[3]
local retentionCount, retentionAgeMs, budget = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)

-- Integers as plain digits: tostring would switch to exponent notation past 1e14.
local function digits(n)
  return string.format('%.0f', n)
end

local function forget(id, sequence)
  local known = redis.call('HGET', index, id)
  if not known then
    return
  end
  if known == sequence then
    redis.call('HDEL', index, id)
  elseif string.sub(known, 1, #sequence + 1) == sequence .. ',' then
    -- Trimming goes oldest first, so the trimmed sequence is the first one listed.
    redis.call('HSET', index, id, string.sub(known, #sequence + 2))
  end
end

-- Removes entries from the front while there are more than the retention count or they are
-- older than the retention age, together with their index entries; at most `limit` of them.
local function trim(limit)
  local length = redis.call('XLEN', stream)
  local cutoff = retentionAgeMs > 0 and now - retentionAgeMs or nil
  local removed = 0
  while removed < limit do
    local entries = redis.call('XRANGE', stream, '-', '+', 'COUNT', math.min(limit - removed, 100))
    local lastRemoved = nil
    local done = #entries == 0
    for _, entry in ipairs(entries) do
      local fields = entry[2] -- i, id, t, time, u, packed: the order XADD below writes them
      local tooMany = length - removed > retentionCount
      local tooOld = cutoff ~= nil and tonumber(fields[4]) < cutoff
      if not (tooMany or tooOld) then
        done = true
        break
      end
      lastRemoved = tonumber(string.match(entry[1], '^(%d+)'))
      forget(fields[2], digits(lastRemoved))
      removed = removed + 1
    end
    if lastRemoved then
      redis.call('XTRIM', stream, 'MINID', digits(lastRemoved + 1)) -- exact: no '~'
    end
    if done then
      break
    end
  end
  return removed
end

if ARGV[1] == 'trim' then
  return trim(budget)
end

local count = (#ARGV - 5) / 2
local assigned = tonumber(redis.call('GET', lastSequence) or '0')
local last = math.max(assigned, tonumber(ARGV[5]))
redis.call('SET', lastSequence, digits(last + count))
for i = 1, count do
  local sequence = digits(last + i)
  local id = ARGV[4 + 2 * i]
  redis.call('XADD', stream, sequence .. '-0', 'i', id, 't', digits(now), 'u', ARGV[5 + 2 * i])
  local known = redis.call('HGET', index, id)
  redis.call('HSET', index, id, known and known .. ',' .. sequence or sequence)
end
trim(budget)
return {last + 1, assigned}
