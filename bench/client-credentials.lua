-- wrk script: the token endpoint's client_credentials grant with client_secret_basic.
-- Environment: CLIENT_BASIC (base64 of "client_id:client_secret"), RESOURCE.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("CLIENT_BASIC")
wrk.body = "grant_type=client_credentials&resource=" .. os.getenv("RESOURCE"):gsub("[^%w]", function(c)
  return string.format("%%%02X", string.byte(c))
end)
