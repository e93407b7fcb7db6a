/**
 * An error meant for the clerk: `message` is Italian and shown as is;
 * `detail` is English and goes only to the log.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
