import "server-only";

/** Offboarding (issue 11): the public API pages, jobs and the CLI use. */
export { offboardCustomer, confirmationMatches, OFFBOARD_TRIGGER, type OffboardInput, type OffboardDeps } from "./run";
export { readReport, reportText, type OffboardingReport, type ReportItem } from "./report";
export { planRemoval, REMOVAL_ORDER, type Removal, type RemovalKind } from "./order";
