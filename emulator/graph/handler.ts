import type { IncomingMessage, ServerResponse } from "node:http";
import type { World } from "../store/world.ts";
import type { GraphPrincipal } from "../entra/tokens.ts";

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export interface GraphHandlerOptions {
  world: World;
  authenticate: (authorizationHeader: string | undefined) => Promise<GraphPrincipal | null>;
  pageSize: number;
  trafficLogPath?: string;
  baseUrl: string;
}

// Placeholder so the server compiles while the Graph surface is being built.
export function createGraph(options: GraphHandlerOptions): { handle: Handler; options: GraphHandlerOptions } {
  const handle: Handler = async (_req, res) => {
    res.writeHead(501, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "NotImplemented", message: "Graph emulator is being built" } }));
  };
  return { handle, options };
}
