-- wrk script: a different user on every request.
-- Arguments (after --): first user number, user count, mode ("cold" or "warm"), path template with
-- %s slots for the zero-padded user number (username, then password).
-- cold: every user is fetched exactly once. Connections that find no user left fetch /healthz every
--       quarter second (counted apart and subtracted), and once the last user's document is in the
--       script prints a line so the runner interrupts wrk (which would otherwise idle until its
--       duration ends).
-- warm: cycles through the users for the whole duration.
-- wrk calls request() once on the first thread before the run to check the request; that call must
-- not use up a user, or the cold run would never fetch it.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local requests = {}
local count = 0
local index = 0
documents = 0
fillers = 0
local filler = nil
local checked = false

function init(args)
  local first = tonumber(args[1])
  count = tonumber(args[2])
  local template = args[4]
  for k = 0, count - 1 do
    local n = string.format("%05d", first + k)
    requests[k + 1] = wrk.format("GET", string.format(template, n, n))
  end
  if args[3] == "cold" then
    filler = wrk.format("GET", "/healthz")
    delay = function()
      if index >= count then return 250 end
      return 0
    end
    response = function(status, headers, body)
      if string.byte(body, 1) == 123 then -- "{": a /healthz answer
        fillers = fillers + 1
        return
      end
      documents = documents + 1
      if documents == count then
        io.write("zprov-bench: cold done\n")
        io.flush()
      end
    end
  end
end

function request()
  if id == 0 and not checked then
    checked = true
    return requests[1]
  end
  index = index + 1
  if index > count then
    if filler ~= nil then return filler end
    index = 1
  end
  return requests[index]
end

function done(summary, latency, requests)
  local e = summary.errors
  local filled = 0
  for _, thread in ipairs(threads) do filled = filled + (thread:get("fillers") or 0) end
  io.write(string.format(
    "zprov-bench: {\"requests\":%d,\"fillers\":%d,\"durationUs\":%d,\"bytes\":%d,\"connect\":%d,\"read\":%d,\"write\":%d,\"status\":%d,\"timeout\":%d,\"p50Us\":%d,\"p90Us\":%d,\"p99Us\":%d,\"maxUs\":%d,\"meanUs\":%.1f}\n",
    summary.requests, filled, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
