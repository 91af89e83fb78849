-- Argo CD health check for bridge.netra.io/WebSocketBridge.
--
-- Install it in argocd-cm (see docs/install.md):
--   resource.customizations.health.bridge.netra.io_WebSocketBridge: |
--     <this file>
--
-- Healthy:     Ready=True, and status describes the current metadata.generation.
-- Progressing: status not yet written for this generation, or Reconciling=True (a rollout).
-- Degraded:    Stalled=True (RolledBack, RolloutFailed, InvalidSpec: the desired revision is not running
--              and will not be retried by itself), or phase Degraded (the serving revision lost
--              readiness outside a rollout).
-- Suspended:   spec.paused (phase Paused): the operator changes nothing.

local function condition(status, conditionType)
  if status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == conditionType then
      return c
    end
  end
  return nil
end

local function describe(c, fallback)
  if c == nil then
    return fallback
  end
  local text = c.reason or fallback
  if c.message ~= nil and c.message ~= "" then
    text = text .. ": " .. c.message
  end
  return text
end

local function health(obj)
  local generation = obj.metadata and obj.metadata.generation
  local status = obj.status
  if status == nil or status.observedGeneration == nil then
    return "Progressing", "Waiting for the operator to observe the bridge"
  end
  if generation ~= nil and status.observedGeneration < generation then
    return "Progressing",
      "Waiting for the operator to observe generation " .. tostring(generation) ..
      " (status describes " .. tostring(status.observedGeneration) .. ")"
  end

  local ready = condition(status, "Ready")
  local reconciling = condition(status, "Reconciling")
  local stalled = condition(status, "Stalled")

  if status.phase == "Paused" or (obj.spec ~= nil and obj.spec.paused == true) then
    return "Suspended", describe(ready, "Paused")
  end
  if stalled ~= nil and stalled.status == "True" then
    return "Degraded", describe(stalled, "Stalled")
  end
  if status.phase == "Degraded" then
    return "Degraded", describe(ready, "Degraded")
  end
  if ready ~= nil and ready.status == "True" then
    if ready.observedGeneration ~= nil and generation ~= nil and ready.observedGeneration < generation then
      return "Progressing", "Ready describes an older generation"
    end
    return "Healthy", describe(ready, "Ready")
  end
  if reconciling ~= nil and reconciling.status == "True" then
    return "Progressing", describe(reconciling, "Rolling out")
  end
  return "Progressing", describe(ready, "Waiting for the bridge to become Ready")
end

local hs = {}
hs.status, hs.message = health(obj)
return hs
