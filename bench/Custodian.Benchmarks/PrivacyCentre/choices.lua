-- wrk script: each request records one cookie choice (same origin, JSON), as consent.js posts it.
-- The policy version is passed as the first script argument: wrk ... -s choices.lua -- 2023-06-09
local version = "2023-06-09"
function init(args)
  if args[1] then version = args[1] end
end
function request()
  local body = '{"policyVersion":"' .. version .. '","categories":["statistics"]}'
  return wrk.format("POST", "/api/v1/cookie-consent/choices", {
    ["Content-Type"] = "application/json",
    ["Origin"] = "http://127.0.0.1:5099",
    ["User-Agent"] = "wrk consent load",
  }, body)
end
