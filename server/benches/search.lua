-- wrk script: full-text searches through the home page, cycling through the queries that
-- seed.py --queries wrote to target/bench/queries.txt (words of the seeded text).
local queries = {}
for line in io.lines("target/bench/queries.txt") do
  queries[#queries + 1] = line:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/?q=" .. queries[(i % #queries) + 1])
end
