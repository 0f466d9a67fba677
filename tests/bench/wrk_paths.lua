-- wrk script: each request takes the next /api/search path of the query mix
-- (paths.txt, written by convoca_bench --paths-out), cycling.
local paths = {}
local next_index = 1

function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end
