// Expected failures. Their messages are safe to show; anything else is logged and replaced by a
// generic message (see lib/auth/action.ts and lib/auth/route.ts).
export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends AppError {
  constructor() {
    super("Sign in to continue.", 401, "unauthenticated");
  }
}

export class ForbiddenError extends AppError {
  constructor(readonly permission?: string) {
    super("You do not have permission to do this.", 403, "forbidden");
  }
}

/** Also used for records of another workspace, so their existence is never revealed. */
export class NotFoundError extends AppError {
  constructor(what = "The item") {
    super(`${what} was not found.`, 404, "not_found");
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 409, "conflict");
  }
}

export class InvalidInputError extends AppError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message, 422, "invalid_input");
  }
}
