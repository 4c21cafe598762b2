// Readers behind the dashboard, approvals, access matrix, /me and person pages: every one is
// scoped by the reader's workspace, checks its permission, and selects explicit fields.
export { ageDays, daysLeft, urgencyOf, type AccessReader, type Urgency } from "./common";
export { customersNeedingAttention, dashboardCounts, expiriesPerDay, lastSyncs, type CustomerAttention, type CustomerSyncState, type DashboardCounts, type ExpiryDay } from "./dashboard";
export { EXPIRY_SORTS, EXPIRY_WINDOWS, upcomingExpiries, type ExpiryQuery, type ExpiryRow, type ExpirySort, type ExpiryWindow } from "./expiries";
export { pendingApprovals, type PendingApproval } from "./approvals";
export { accessMatrix, type AccessMatrix, type MatrixCell, type MatrixQuery } from "./matrix";
export { myAccess, personAccess, type MyAccessEntry, type MyStatus, type PersonAccess } from "./person";
export { csvField, csvStream, expiriesCsv, matrixCsv } from "./csv";
