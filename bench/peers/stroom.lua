-- wrk script of bench/peers.py: a stream of aanleverenInschrijvingVO requests, every one
-- a real change. The data file (the script argument after `--`) holds:
--   line 1: the run's UUID prefix (24 characters: 8-4-4-4-)
--   line 2: the run's opleidingskenmerk prefix
--   then one request body per person (one line each) with the slots @@CODE@@ (the
--   identificatiecodeBedrijfsdocument) and @@KENMERK@@ (the third period's opleidingskenmerk).
-- Request n goes to person n mod P with code = prefix .. thread (2 hex) .. n (10 hex) and
-- kenmerk = kenmerkprefix .. n (10 hex): a fresh code (never answered from the idempotency
-- store) and a kenmerk the stand never had (the stand is rewritten), at a constant body size.
--
--   wrk -t1 -c4 -d10s --latency -s stroom.lua http://127.0.0.1:8080/rod/vo -- DATA_FILE

local delen = {} -- per person: {before code, between code and kenmerk, after kenmerk}
local code_prefix, kenmerk_prefix, draad
local n = 0
local headers = {
  ["Content-Type"] = "text/xml; charset=utf-8",
  ["SOAPAction"] = '"urn:rod-service:vo:v1:RegisterOnderwijsdeelnemersVO:aanleverenInschrijvingVO"',
}

local volgende_draad = 0
function setup(thread)
  thread:set("draad_nummer", volgende_draad)
  volgende_draad = volgende_draad + 1
end

function init(args)
  local f = assert(io.open(args[1], "rb"))
  code_prefix = f:read("*l")
  kenmerk_prefix = f:read("*l")
  draad = string.format("%02x", tonumber(draad_nummer) or 0)
  for regel in f:lines() do
    local a, b = regel:find("@@CODE@@", 1, true)
    local c, d = regel:find("@@KENMERK@@", 1, true)
    assert(a and c and b < c, "a body line needs @@CODE@@ before @@KENMERK@@")
    local voor, tussen, na = regel:sub(1, a - 1), regel:sub(b + 1, c - 1), regel:sub(d + 1)
    -- the request line and headers (Content-Length included) are the same for every
    -- request of a person: format them once, with a stand-in body of the final length
    local lengte = #voor + 36 + #tussen + #kenmerk_prefix + 10 + #na
    local verzoek = wrk.format("POST", nil, headers, string.rep("x", lengte))
    delen[#delen + 1] = { verzoek:sub(1, #verzoek - lengte) .. voor .. code_prefix .. draad, tussen .. kenmerk_prefix, na }
  end
  f:close()
  assert(#delen > 0, "no request bodies in " .. args[1])
end

function request()
  local t = delen[(n % #delen) + 1]
  local teller = string.format("%010x", n)
  n = n + 1
  return t[1] .. teller .. t[2] .. teller .. t[3]
end
