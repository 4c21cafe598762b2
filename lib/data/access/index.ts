// Readers behind the dashboard, approvals, access matrix, /me and person pages and their
// exports: every one checks its permission, is scoped by the reader's workspace and selects
// explicit fields. Pages, route handlers and the benchmark all call these.
export { ageDays, daysLeft, EXPIRY_WINDOWS, urgencyOf, type AccessReader, type ExpiryWindow, type Urgency } from "./common";
export { customersNeedingAttention, dashboardCounts, expiriesPerWeek, lastSyncs, type CustomerAttention, type CustomerSyncState, type DashboardCounts, type ExpiryWeek } from "./dashboard";
export { dashboardView, type DashboardView } from "./dashboard-view";
export { EXPIRY_SORTS, parseExpirySort, upcomingExpiries, type ExpiryQuery, type ExpiryRow, type ExpirySort } from "./expiries";
export { approvalCursorParam, parseApprovalCursor, pendingApprovals, type ApprovalCursor, type ApprovalPage, type PendingApproval } from "./approvals";
export { accessMatrix, MATRIX_FILTERS, type AccessMatrix, type MatrixCell, type MatrixFilter, type MatrixQuery } from "./matrix";
export { myAccess, personAccess, type MyAccessEntry, type MyStatus, type PersonAccess } from "./person";
export { csvField, csvResponse, csvStream } from "./csv";
export { EXPIRY_CSV_HEADER, expiriesCsv, MATRIX_CSV_HEADER, matrixCsv } from "./exports";
