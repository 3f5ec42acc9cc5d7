// The active filters as removable chips (excluded ones struck through), with "clear all".
import type { ChipView } from '../src/server/search-view-model.ts'
import { FACET_LINKS } from './facets.tsx'

export function FilterChips(props: { chips: ChipView[]; clearAllHref?: string }) {
  if (props.chips.length === 0) return <></>
  return (
    <div class="chips" {...FACET_LINKS}>
      <h2 class="visually-hidden">Active filters</h2>
      <ul>
        {props.chips.map((chip) => (
          <li class={`chip${chip.excluded ? ' is-excluded' : ''}`}>
            <span class="chip-facet">{chip.excluded ? `Not ${chip.facetTitle.toLowerCase()}` : chip.facetTitle}:</span>{' '}
            {chip.excluded ? <s>{chip.label}</s> : <span>{chip.label}</span>}
            {chip.removeHref ? (
              <a class="chip-remove" href={chip.removeHref} aria-label={`Remove filter ${chip.facetTitle}: ${chip.label}`} title="Remove this filter">
                <span aria-hidden="true">×</span>
              </a>
            ) : (
              ''
            )}
          </li>
        ))}
      </ul>
      {props.clearAllHref ? (
        <a class="chips-clear" href={props.clearAllHref}>
          Clear all
        </a>
      ) : (
        ''
      )}
    </div>
  )
}
