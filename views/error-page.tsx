// The page for a bad request, a missing page or a server fault: the message and a search box, never a stack trace.
import { Layout } from './layout.tsx'

const HEADINGS: Record<number, string> = {
  400: 'That request could not be understood',
  404: 'Not found',
  500: 'Something went wrong',
}

export function ErrorPage(props: { status: number; message: string }) {
  const heading = HEADINGS[props.status] ?? 'Something went wrong'
  return (
    <Layout title={`${heading} – Clippings`} skipTarget="content" autofocus>
      <main id="content" class="page error-page">
        <h1>{heading}</h1>
        <p class="error-message">{props.message}</p>
        <p>
          Try a search above, or <a href="/">browse every passage</a>.
        </p>
      </main>
    </Layout>
  )
}
