// One error type for everything Clippings reports on purpose: a code for machines, a message for people,
// and the HTTP status a user mistake should answer with.

export type ErrorCode =
  | 'bad-parameter'
  | 'not-found'
  | 'unreadable-file'
  | 'unsupported-format'
  | 'corrupt-index'
  | 'usage'

export class ClippingsError extends Error {
  readonly code: ErrorCode
  readonly status: number
  /** For `bad-parameter`: the parameter at fault, so the API can name it. */
  readonly parameter?: string

  constructor(code: ErrorCode, message: string, options: { status?: number; parameter?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause })
    this.name = 'ClippingsError'
    this.code = code
    this.status = options.status ?? (code === 'bad-parameter' || code === 'usage' ? 400 : code === 'not-found' ? 404 : 500)
    this.parameter = options.parameter
  }
}
