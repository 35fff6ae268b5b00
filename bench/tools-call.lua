-- wrk script: an MCP tools/call of "echo" on an initialized Streamable HTTP session.
-- Environment: MCP_SESSION (the Mcp-Session-Id), MCP_TOKEN (optional bearer token).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["Mcp-Session-Id"] = os.getenv("MCP_SESSION")
wrk.headers["MCP-Protocol-Version"] = "2025-06-18"
local token = os.getenv("MCP_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
wrk.body = '{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hello"}}}'

local failures = 0
function response(status, headers, body)
  if status ~= 200 or not string.find(body, "hello", 1, true) then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("checked: %d responses not a successful echo\n", failures))
end
