-- wrk script: each request takes the next /api/search path of the query mix
-- (paths.txt, written by convoca_bench --paths-out), cycling.
--
-- It also times each request itself and prints the percentiles of those raw
-- latencies when wrk is done ("raw latency ms: ..."). wrk's own percentiles
-- are corrected for coordinated omission (stats_correct adds a made-up sample
-- for every mean interval a slow response held the connection), so a few slow
-- queries weigh many times over in wrk's p99; the raw figures are measured
-- the way convoca_bench times in-process searches. Needs one connection per
-- thread (run.sh passes -t N -c N): request() then runs just before the
-- request is written and response() when its answer is complete.
local ffi = require("ffi")
ffi.cdef [[
  struct convoca_timespec { long tv_sec; long tv_nsec; };
  int clock_gettime(int clock, struct convoca_timespec* now);
]]
local CLOCK_MONOTONIC = 1
local now_buffer = ffi.new("struct convoca_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, now_buffer)
  return tonumber(now_buffer.tv_sec) * 1000 + tonumber(now_buffer.tv_nsec) / 1e6
end

local paths = {}
local next_index = 1
local started = nil
samples = {} -- global: done() reads it from each thread with thread:get

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  started = now_ms()
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if started then
    samples[#samples + 1] = now_ms() - started
    started = nil
  end
end

-- Nearest-rank percentile of sorted samples, as convoca_bench computes it.
local function percentile(sorted, p)
  local rank = math.ceil(p / 100 * #sorted)
  if rank < 1 then rank = 1 end
  return sorted[rank]
end

function done(summary, latency, requests)
  local all = {}
  for _, thread in ipairs(threads) do
    for _, sample in ipairs(thread:get("samples")) do all[#all + 1] = sample end
  end
  if #all == 0 then return end
  table.sort(all)
  local sum = 0
  for _, sample in ipairs(all) do sum = sum + sample end
  io.write(string.format("raw latency ms: p50 %.3f p95 %.3f p99 %.3f max %.3f mean %.3f n %d\n",
    percentile(all, 50), percentile(all, 95), percentile(all, 99), all[#all], sum / #all, #all))
end
