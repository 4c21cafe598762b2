import type { World } from "../store/world.ts";
import type { createGraph, Handler } from "../graph/handler.ts";

// Placeholder so the server compiles while the control API is being built.
export function createControlHandler(_world: World, _graph: ReturnType<typeof createGraph>): Handler {
  return async (_req, res) => {
    res.writeHead(501, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "NotImplemented", message: "control API is being built" } }));
  };
}
