-- Runs an Argo CD health script on a fixture, as Argo CD does: the resource is the global `obj`.
-- Usage: lua5.4 harness.lua <health.lua> <fixture.lua>
-- A fixture returns { obj = <the resource as a Lua table> }.
-- Prints "status=<status>" and "message=<message>".
local script, fixturePath = arg[1], arg[2]
local fixture = dofile(fixturePath)
assert(type(fixture) == "table" and type(fixture.obj) == "table", "fixture must return { obj = ... }")
local chunk = assert(loadfile(script, "t", setmetatable({ obj = fixture.obj }, { __index = _G })))
local hs = chunk()
assert(type(hs) == "table", "the health script must return a table")
print("status=" .. tostring(hs.status))
print("message=" .. tostring(hs.message))
