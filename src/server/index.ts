// The server's public face: the app (for tests and embedding) and serve() (for `clippings serve`).
export { createApp, type AppOptions } from './app.tsx'
export { serve, resolvePort, type ServeOptions, type RunningServer } from './serve.ts'
export { parseSearchParams } from './params.ts'
export { CSV_HEADER, toCsvLine, toExportRow, toJsonLine, type ExportRow } from './export-format.ts'
