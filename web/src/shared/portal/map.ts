// The estates' map: picks the outline for a region and turns the estates that have coordinates
// into scatter points. Pure, so the choice of outline and the points are unit-tested; the pages
// hand the result to ECharts (use-echarts.ts registers the outline as a map).
import { REGION_OUTLINES, type OutlineCollection, type RegionOutline } from './region-outlines'

export interface MappableEstate {
  id: number
  name: string
  lat?: number | null
  lng?: number | null
}

/**
 * The outline to draw for a region: the most precise outline whose code prefixes the region's
 * code (a street 360104002 → the district 360104; the city 3601 → 3601); for a region above every
 * outline (the province 36), the widest outline inside it; null when none relates.
 */
export function outlineFor(regionCode: string | null | undefined, outlines: OutlineCollection = REGION_OUTLINES): RegionOutline | null {
  const code = regionCode ?? ''
  const containing = outlines.features
    .filter((f) => code.startsWith(f.properties.code))
    .sort((a, b) => b.properties.code.length - a.properties.code.length)
  if (containing.length) return containing[0]
  const inside = outlines.features
    .filter((f) => code !== '' && f.properties.code.startsWith(code))
    .sort((a, b) => a.properties.code.length - b.properties.code.length)
  if (inside.length) return inside[0]
  return code === '' ? (outlines.features.slice().sort((a, b) => a.properties.code.length - b.properties.code.length)[0] ?? null) : null
}

function validCoordinate(lat: unknown, lng: unknown): boolean {
  return (
    typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng) &&
    Math.abs(lat) <= 90 && Math.abs(lng) <= 180
  )
}

/** Scatter points [lng, lat] with the estate's id and name; estates without coordinates are left out. */
export function estatePoints(estates: MappableEstate[]): { name: string; id: number; value: [number, number] }[] {
  return estates
    .filter((e) => validCoordinate(e.lat, e.lng))
    .map((e) => ({ name: e.name, id: e.id, value: [e.lng as number, e.lat as number] }))
}

/** The ECharts option of the map: the outline as a `geo` and the points on it. */
export function mapOption(
  mapName: string,
  estates: MappableEstate[],
  opts: { dark?: boolean; label?: (name: string) => string } = {},
): Record<string, unknown> {
  const dark = opts.dark ?? false
  return {
    tooltip: { trigger: 'item', formatter: (p: { name: string }) => (opts.label ? opts.label(p.name) : p.name) },
    geo: {
      map: mapName,
      roam: true,
      silent: true,
      itemStyle: {
        areaColor: dark ? '#0b2a4a' : '#e8f3ff',
        borderColor: dark ? '#3fa7ff' : '#1989fa',
        borderWidth: 1.5,
      },
    },
    series: [
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        symbolSize: 10,
        itemStyle: { color: dark ? '#ffd666' : '#ee0a24' },
        data: estatePoints(estates),
      },
    ],
  }
}
