import "server-only";
import { db } from "@/lib/db";
import { getBlueprint, previewPlan, type EngineDeps } from "@/lib/provisioning";
import { ROLLOUT_CUSTOMER_WHERE } from "./policy";

/**
 * What the active blueprint would change in each customer's tenant, one page at a time: a page
 * observes its customers (reads only, a few at once) and nothing is stored, so the request costs
 * one page's reads however many customers there are, and the page stays usable at 1,000.
 */

export const PREVIEW_PAGE_SIZE = 20;
const PREVIEW_CONCURRENCY = 8;

export interface CustomerPreview {
  customerId: string;
  displayName: string;
  primaryDomain: string;
  /** each step that would write; empty: nothing changes there */
  changes: { key: string; action: string; title: string; fields: string[] }[];
  blocked?: string;
  error?: string;
}

export interface PreviewPage {
  blueprintVersion: number;
  /** every customer a rollout would cover */
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  customers: CustomerPreview[];
}

async function inParallel<T, R>(items: readonly T[], concurrency: number, each: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await each(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}

async function previewOne(workspaceId: string, customer: { id: string; displayName: string; primaryDomain: string }, deps: EngineDeps): Promise<CustomerPreview> {
  const base = { customerId: customer.id, displayName: customer.displayName, primaryDomain: customer.primaryDomain };
  try {
    const plan = await previewPlan({ workspaceId, customerId: customer.id }, deps);
    return {
      ...base,
      changes: plan.steps.filter((s) => s.action !== "none").map((s) => ({ key: s.key, action: s.action, title: s.title, fields: Object.keys(s.change) })),
      ...(plan.blocked ? { blocked: plan.blocked.message } : {}),
    };
  } catch (error) {
    return { ...base, changes: [], error: error instanceof Error ? error.message : String(error) };
  }
}

export async function previewRolloutPage(input: { workspaceId: string; page: number; pageSize?: number }, deps: EngineDeps = {}): Promise<PreviewPage> {
  const pageSize = input.pageSize ?? PREVIEW_PAGE_SIZE;
  const where = { workspaceId: input.workspaceId, ...ROLLOUT_CUSTOMER_WHERE };
  const [blueprint, total] = await Promise.all([getBlueprint(input.workspaceId), db.customer.count({ where })]);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, input.page), pages);
  const customers = await db.customer.findMany({ where, orderBy: [{ displayName: "asc" }, { id: "asc" }], skip: (page - 1) * pageSize, take: pageSize, select: { id: true, displayName: true, primaryDomain: true } });
  return { blueprintVersion: blueprint.version, total, page, pageSize, pages, customers: await inParallel(customers, PREVIEW_CONCURRENCY, (c) => previewOne(input.workspaceId, c, deps)) };
}
