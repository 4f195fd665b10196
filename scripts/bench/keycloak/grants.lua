-- wrk script of scripts/bench/peer-keycloak: password and refresh grants against Keycloak's token
-- endpoint or this suite's /auth/login and /auth/refresh, with the same load on both.
--
--   wrk ... -s grants.lua URL -- KIND FLAVOR FILE THREADS
--   KIND     login: FILE has one "username<TAB>password" a line, used in turn
--            refresh: FILE has one refresh token a line; each thread keeps a pool of its share and puts
--            every answer's new refresh token back (a token is sent once). Give each thread more tokens
--            than connections: wrk calls request() once before the run to check for pipelining, and
--            that token is never sent.
--   FLAVOR   keycloak (form-encoded OAuth 2.0 grants, client "bench") or ours (the suite's JSON)
--   THREADS  wrk's -t, so that each thread takes every THREADS-th line
-- The summary goes to stdout as one "WRKRESULT key=value ..." line.

local threads = {}
local counter = 0

function setup(thread)
	thread:set("index", counter)
	counter = counter + 1
	table.insert(threads, thread)
end

local function urlencode(s)
	return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
	kind, flavor = args[1], args[2]
	local file, nthreads = args[3], tonumber(args[4])
	items = {}
	local n = 0
	for line in io.lines(file) do
		if n % nthreads == index then
			table.insert(items, line)
		end
		n = n + 1
	end
	nextItem = 0
	wrk.method = "POST"
	if flavor == "ours" then
		wrk.headers["Content-Type"] = "application/json"
		tokenPattern = '"refreshToken"%s*:%s*"([^"]+)"'
	else
		wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
		tokenPattern = '"refresh_token"%s*:%s*"([^"]+)"'
	end
end

local function loginBody()
	local line = items[(nextItem % #items) + 1]
	nextItem = nextItem + 1
	local user, password = line:match("^([^\t]+)\t(.+)$")
	if flavor == "ours" then
		return '{"email":"' .. user .. '","password":"' .. password .. '"}'
	end
	return "grant_type=password&client_id=bench&username=" .. urlencode(user) .. "&password=" .. urlencode(password)
end

local function refreshBody()
	-- An empty pool means a grant failed and its chain ended: the request is sent anyway and fails.
	local token = table.remove(items, 1) or "spent"
	if flavor == "ours" then
		return '{"refreshToken":"' .. token .. '"}'
	end
	return "grant_type=refresh_token&client_id=bench&refresh_token=" .. urlencode(token)
end

function request()
	local body = (kind == "login") and loginBody() or refreshBody()
	return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
	if status ~= 200 and not reported then
		reported = true
		io.write("WRKERROR " .. status .. " " .. body:sub(1, 200):gsub("%s", " ") .. "\n")
	end
	if kind == "refresh" and status == 200 then
		local token = body:match(tokenPattern)
		if token then
			table.insert(items, token)
		end
	end
end

function done(summary, latency, requests)
	io.write(string.format("WRKRESULT requests=%d duration_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d p50_us=%d p99_us=%d\n",
		summary.requests, summary.duration, summary.errors.status, summary.errors.connect, summary.errors.read,
		summary.errors.write, summary.errors.timeout, latency:percentile(50), latency:percentile(99)))
end
