// A search's timeline as a bar chart drawn on the server in SVG: one bar per period, each a link that narrows
// the search to it, with the chart's content said in words beside it and on every bar for screen readers.
// Sizes are SVG attributes, never inline styles (the Content-Security-Policy forbids those).
import type { TimelineView } from '../src/server/timeline-view-model.ts'

/** The chart's drawing box; the SVG stretches to the column's width. */
const WIDTH = 600
const HEIGHT = 80
/** A bar with any match is at least this tall, so a single passage still shows. */
const MIN_BAR = 2

/** htmx attributes for a bar: SVG links are not boosted, so each asks for the swap itself. */
function swapTo(href: string) {
  return { 'hx-get': href, 'hx-target': '#search-page', 'hx-push-url': 'true', 'hx-swap': 'innerHTML show:none' }
}

export function TimelineChart(props: { timeline: TimelineView; title?: string; id?: string }) {
  const { timeline } = props
  const id = props.id ?? 'timeline'
  const count = Math.max(1, timeline.bars.length)
  const slot = WIDTH / count
  const gap = count > 1 ? Math.min(slot * 0.2, 4) : 0
  const noun = (value: number) => (value === 1 ? 'passage' : 'passages')
  return (
    <figure class="timeline" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h2 id={`${id}-title`} class="timeline-title">
          {props.title ?? 'Timeline'}
        </h2>
        <p class="timeline-summary" id={`${id}-summary`}>
          {timeline.summary}
          {timeline.undated ? (
            <>
              {' '}
              <a class="timeline-undated" href={timeline.undated.href} {...swapTo(timeline.undated.href)}>
                Show the undated
              </a>
            </>
          ) : (
            ''
          )}
        </p>
      </figcaption>
      {timeline.bars.length > 0 ? (
        <>
          <svg
            class="timeline-chart"
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            preserveAspectRatio="none"
            role="group"
            aria-label={`Matching passages per ${timeline.unit}; each bar is a link to that ${timeline.unit}`}
            aria-describedby={`${id}-summary`}
          >
            {timeline.bars.map((bar, index) => {
              const height = bar.count === 0 ? 0 : Math.max(MIN_BAR, (bar.count / Math.max(1, timeline.max)) * HEIGHT)
              const x = index * slot + gap / 2
              const width = Math.max(0.5, slot - gap)
              const text = `${bar.label}: ${bar.count.toLocaleString('en-US')} ${noun(bar.count)}`
              if (bar.count === 0) {
                return <rect class="timeline-empty" x={x.toFixed(2)} y={HEIGHT - 1} width={width.toFixed(2)} height={1} aria-hidden="true" />
              }
              return (
                <a href={bar.href} class={`timeline-bar${bar.current ? ' is-current' : ''}`} aria-label={text} aria-current={bar.current ? 'true' : undefined} {...swapTo(bar.href)}>
                  <title>{text}</title>
                  <rect class="timeline-hit" x={x.toFixed(2)} y={0} width={width.toFixed(2)} height={HEIGHT} />
                  <rect class="timeline-fill" x={x.toFixed(2)} y={(HEIGHT - height).toFixed(2)} width={width.toFixed(2)} height={height.toFixed(2)} />
                </a>
              )
            })}
          </svg>
          <div class="timeline-axis" aria-hidden="true">
            {timeline.bars.map((bar) => (
              <span>{bar.tick}</span>
            ))}
          </div>
        </>
      ) : (
        ''
      )}
    </figure>
  )
}
