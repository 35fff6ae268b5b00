-- wrk script: the token endpoint's refresh_token grant, each pre-minted refresh token used exactly once.
-- Environment: REFRESH_TOKENS (file: one "client_id refresh_token" per line), TOKEN_OFFSET (first line to use).
-- Rotation is on, so reusing a token would be refused (and revoke its family): the script never wraps around;
-- when the tokens run out it sends an empty refresh_token, which shows as non-2xx responses in wrk's summary.
local tokens = {}
local next_index = tonumber(os.getenv("TOKEN_OFFSET") or "0") + 1

function init(args)
  for line in io.lines(os.getenv("REFRESH_TOKENS")) do
    local client, token = line:match("^(%S+) (%S+)$")
    tokens[#tokens + 1] = "grant_type=refresh_token&client_id=" .. client .. "&refresh_token=" .. token
  end
end

function request()
  local body = tokens[next_index] or "grant_type=refresh_token&client_id=exhausted"
  next_index = next_index + 1
  return wrk.format("POST", "/token", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
