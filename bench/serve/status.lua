-- wrk script: counts responses by status class over every thread, and with FRESH=1 in the
-- environment asks for a distinct lab name per request (n<thread>-<i>.<zone>) so every
-- request is a new check (or, under the default limits, a random-subdomain flood).
local threads = {}
local fresh = os.getenv("FRESH") == "1"
local zone = os.getenv("ZONE") or "le.test"
local path = os.getenv("PATH_Q") or "/api/v1/check?name=le.test"

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

function init(args)
   c2, c4, c429, c5, n = 0, 0, 0, 0, 0
end

function request()
   n = n + 1
   if fresh then
      return wrk.format("GET", "/api/v1/check?name=n" .. id .. "-" .. n .. "." .. zone)
   end
   return wrk.format("GET", path)
end

function response(status, headers, body)
   if status == 429 then
      c429 = c429 + 1
   elseif status >= 500 then
      c5 = c5 + 1
   elseif status >= 400 then
      c4 = c4 + 1
   else
      c2 = c2 + 1
   end
end

function done(summary, latency, requests)
   local t = { 0, 0, 0, 0 }
   for _, th in ipairs(threads) do
      t[1] = t[1] + th:get("c2")
      t[2] = t[2] + th:get("c429")
      t[3] = t[3] + th:get("c5")
      t[4] = t[4] + th:get("c4")
   end
   io.write(string.format("STATUS ok=%d limited=%d server_error=%d other_4xx=%d errors=%d\n",
      t[1], t[2], t[3], t[4],
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
   io.write(string.format("LATENCY p50_ms=%.2f p99_ms=%.2f rps=%.0f\n",
      latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      summary.requests / (summary.duration / 1e6)))
end
