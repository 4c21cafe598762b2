/**
 * The engine's shared vocabulary: what observe() saw, what plan() decided, what apply() did.
 * Pure types, imported by server and client code alike (the UI renders PlanStep).
 */

export type ObjectKind =
  | "group"
  | "connectedOrganization"
  | "catalog"
  | "catalogResource"
  | "accessPackage"
  | "resourceRoleScope"
  | "assignmentPolicy"
  | "defenderRole"
  | "defenderRoleAssignment";

export type StepAction = "create" | "update" | "adopt" | "none" | "manual" | "remove";
export type StepStatus = "pending" | "running" | "succeeded" | "failed" | "skipped" | "needs_manual_action";
export type RunStatus = "queued" | "running" | "succeeded" | "failed" | "needs_attention" | "blocked";

/** One field's difference: `before` absent for a create. */
export interface FieldChange {
  before?: unknown;
  after: unknown;
}

export interface ManualChecklistItem {
  text: string;
  /** a deep link into the customer's Defender portal (GRAPH-API §4.4) */
  href?: string;
}

export interface ManualChecklist {
  /** why the engine could not do it, in plain words */
  reason: string;
  items: ManualChecklistItem[];
}

export interface PlanStep {
  /** stable across runs and blueprint versions: "group:tier1", "policy:approvers" … */
  key: string;
  kind: ObjectKind;
  action: StepAction;
  /** "Create group Tier 1 Analyst" */
  title: string;
  /** why, in plain words */
  reason: string;
  /** the exact fields this step writes (for `none`: empty) */
  change: Record<string, FieldChange>;
  /** keys of steps whose objects this one needs (it waits only for these) */
  dependsOn: string[];
  /** the object's Graph id when it already exists (update, adopt, none) */
  graphId?: string;
  /** for `manual`: what a person has to do */
  manual?: ManualChecklist;
}

export type BlockedReason = { code: "licence"; message: string } | { code: "consent_withdrawn"; message: string } | { code: "tenant_unknown"; message: string };

export interface Plan {
  blocked?: BlockedReason;
  steps: PlanStep[];
}
