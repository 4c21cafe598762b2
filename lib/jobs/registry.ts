import "server-only";
import { nextUnfinishedRun } from "@/lib/data/provisioning";
import { executeRun } from "@/lib/provisioning";
import { provisioningApplyJob, type JobDefinition } from "./definitions";
import { customerOffboard } from "./offboarding";

/** The engine as the apply job needs it; the job layer itself knows no engine. */
export const provisioningApply = provisioningApplyJob({ nextUnfinishedRun, executeRun });

/** Every job this deployment runs; workers serve all of them. */
export const jobDefinitions: readonly JobDefinition[] = [provisioningApply as unknown as JobDefinition, customerOffboard as unknown as JobDefinition];
