// One ECharts instance on an element, for the portal's map and the admin's big screen: registers
// the chart kinds both draw and the region outlines as maps (`outline-<code>`), resizes with the
// window and is disposed with the component.
import { onBeforeUnmount, onMounted, type Ref } from 'vue'
import * as echarts from 'echarts/core'
import { BarChart, GaugeChart, MapChart, PieChart, ScatterChart } from 'echarts/charts'
import { GeoComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import { REGION_OUTLINES, type RegionOutline } from './region-outlines'

echarts.use([
  BarChart, GaugeChart, MapChart, PieChart, ScatterChart,
  GeoComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer,
])

/** Registers the outline, with the outlines inside it, as an ECharts map once; returns its map name. */
export function registerOutline(outline: RegionOutline): string {
  const code = outline.properties.code
  const name = `outline-${code}`
  if (!echarts.getMap(name)) {
    // Wider regions first: ECharts paints in order, and a later fill would hide an inner outline.
    const features = REGION_OUTLINES.features
      .filter((f) => f === outline || f.properties.code.startsWith(code))
      .sort((a, b) => a.properties.code.length - b.properties.code.length)
    // ECharts' GeoJSON type is stricter than ours; the shape is the standard one.
    echarts.registerMap(name, { type: 'FeatureCollection', features } as unknown as Parameters<typeof echarts.registerMap>[1])
  }
  return name
}

export { REGION_OUTLINES }

export function useEcharts(el: Ref<HTMLElement | undefined | null>) {
  let chart: echarts.ECharts | null = null

  function draw(option: Record<string, unknown>) {
    if (!el.value) return
    if (chart && chart.getDom() !== el.value) {
      chart.dispose()
      chart = null
    }
    chart ??= echarts.init(el.value)
    chart.setOption(option, true)
  }

  // A window resize can pass through a zero-sized container (a phone's full-page screenshot
  // re-lays the page out); a geo chart laid out in no room fails on a singular transform, so
  // such a resize waits for the next one.
  const onResize = () => {
    const dom = chart?.getDom()
    if (chart && dom && dom.clientWidth > 0 && dom.clientHeight > 0) chart.resize()
  }
  onMounted(() => window.addEventListener('resize', onResize))
  onBeforeUnmount(() => {
    window.removeEventListener('resize', onResize)
    chart?.dispose()
    chart = null
  })
  return { draw, resize: onResize }
}
