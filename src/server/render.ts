// Rendering helpers shared by the page routes: a JSX tree to a full HTML document or fragment, and the test
// for whether htmx asked for a fragment (a history restore always gets the full page).
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'

/** True for an htmx request that will swap the answer into the page, so a fragment is enough. */
export function wantsFragment(c: Context): boolean {
  return c.req.header('HX-Request') === 'true' && c.req.header('HX-History-Restore-Request') !== 'true'
}

async function toHtml(node: Child): Promise<string> {
  return String(await (node as unknown as { toString(): string | Promise<string> }).toString())
}

export async function htmlPage(c: Context, node: Child, status: 200 | 400 | 404 | 500 = 200): Promise<Response> {
  return c.html(`<!DOCTYPE html>${await toHtml(node)}`, status)
}

export async function htmlFragment(c: Context, node: Child, status: 200 | 400 | 404 | 500 = 200): Promise<Response> {
  return c.html(await toHtml(node), status)
}
