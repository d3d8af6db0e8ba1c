/**
 * The info button of a KPI tile and the popover it opens: the tile's definition (what is counted,
 * by which timestamp, over which window, in which scope and unit) from
 * src-shared/domain/kpi-definitions. A disclosure: a real button (Enter and Space open it),
 * `aria-expanded` and `aria-controls` on it, the text right after it in the reading order;
 * Escape, a click elsewhere or focus leaving it closes it, and Escape gives focus back to the
 * button. Styled by classes only: the console's CSP allows no inline style.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import {
  describeKpi,
  type ChosenDays,
  type KpiDefinition,
} from '../../../src-shared/domain/kpi-definitions'

export function KpiInfo(props: {
  definition: KpiDefinition
  chosen?: ChosenDays
  /** True when the tile shows a change against the days before. */
  compared?: boolean
}) {
  const { definition } = props
  const [open, setOpen] = useState(false)
  const id = useId()
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const popover = useRef<HTMLDivElement>(null)
  // Opens below the tile from its left edge; a tile near the window's right edge opens it from
  // its right edge instead, so it is never cut off.
  const [alignEnd, setAlignEnd] = useState(false)
  useLayoutEffect(() => {
    if (!open) {
      setAlignEnd(false)
      return
    }
    const box = popover.current?.getBoundingClientRect()
    if (box !== undefined && box.right > document.documentElement.clientWidth - 8) setAlignEnd(true)
  }, [open])

  useEffect(() => {
    if (!open) return
    const closeOutside = (event: PointerEvent) => {
      if (!(event.target instanceof Node) || !root.current?.contains(event.target)) setOpen(false)
    }
    const closeOnEscape = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setOpen(false)
      if (root.current?.contains(document.activeElement) === true) button.current?.focus()
    }
    document.addEventListener('pointerdown', closeOutside)
    document.addEventListener('keydown', closeOnEscape)
    return () => {
      document.removeEventListener('pointerdown', closeOutside)
      document.removeEventListener('keydown', closeOnEscape)
    }
  }, [open])

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      // Handled here so a surrounding handler (a dialog) does not also act on it.
      event.stopPropagation()
      setOpen(false)
      button.current?.focus()
    }
  }

  return (
    <div
      className="kpi-info"
      ref={root}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (!(event.relatedTarget instanceof Node) || !root.current?.contains(event.relatedTarget))
          setOpen(false)
      }}
    >
      <button
        ref={button}
        type="button"
        className="kpi-info-button"
        aria-label={`About ${definition.label}`}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((value) => !value)}
      >
        <span aria-hidden="true">i</span>
      </button>
      {open && (
        <div
          ref={popover}
          className={`kpi-popover${alignEnd ? ' end' : ''}`}
          id={id}
          data-kpi-popover={definition.id}
        >
          <p className="kpi-popover-title">{definition.label}</p>
          <dl>
            {describeKpi(definition, props.chosen, props.compared === true).map((line) => (
              <div key={line.term}>
                <dt>{line.term}</dt>
                <dd>{line.text}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </div>
  )
}
