import type { Route } from "../context.ts";
import type { Lifecycle } from "../entitlement/lifecycle.ts";
import { batchRoutes } from "./batch.ts";
import { defenderRoutes } from "./defender.ts";
import { directoryReadRoutes } from "./directory-reads.ts";
import { emAssignmentRoutes } from "./em-assignments.ts";
import { emCatalogRoutes } from "./em-catalogs.ts";
import { emPackageRoutes } from "./em-packages.ts";
import { groupRoutes } from "./groups.ts";

export function allRoutes(lifecycle: Lifecycle): Route[] {
  return [...batchRoutes, ...directoryReadRoutes, ...groupRoutes, ...emCatalogRoutes, ...emPackageRoutes, ...emAssignmentRoutes(lifecycle), ...defenderRoutes];
}
