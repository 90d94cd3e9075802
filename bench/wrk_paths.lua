-- Prepended to wrk_summary.lua when a run is given a file of paths
-- (`wrk … URL -- FILE THREADS START`): each request asks for the next path from START on,
-- the wrk threads taking turns, so that no path is asked for twice while the file lasts
-- (pages drawn anew). Apart from it, because a script with a `request` function makes wrk build every
-- request in Lua, which would slow the runs of a single URL too.
local threads_started = 0

setup = function(thread)
  threads_started = threads_started + 1
  thread:set("turn", threads_started)
end

local paths, step, index = {}, 1, 0

init = function(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  step = tonumber(args[2])
  index = tonumber(args[3]) + turn - step
end

request = function()
  index = index + step
  return wrk.format(nil, paths[(index - 1) % #paths + 1])
end

