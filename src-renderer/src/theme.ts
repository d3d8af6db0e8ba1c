/** The theme actually shown: the analyst's choice, or the system's when "system". */
import { useEffect, useState } from 'react'
import { DARK, LIGHT, type ChartTheme } from './charts/options'
import { useStore } from './stores/store'

const query = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)')

export function useResolvedTheme(): 'light' | 'dark' {
  const choice = useStore((state) => state.theme)
  const [systemDark, setSystemDark] = useState(() => query().matches)
  useEffect(() => {
    const media = query()
    const listener = (event: MediaQueryListEvent): void => setSystemDark(event.matches)
    media.addEventListener('change', listener)
    return () => media.removeEventListener('change', listener)
  }, [])
  if (choice === 'system') return systemDark ? 'dark' : 'light'
  return choice
}

export function useChartTheme(): ChartTheme {
  return useResolvedTheme() === 'dark' ? DARK : LIGHT
}
