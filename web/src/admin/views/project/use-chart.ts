// One ECharts instance on an element of the page: created on first use, resized with the
// window, disposed with the component. The project pages register the chart kinds they draw.
import { onBeforeUnmount, onMounted, type Ref } from 'vue'
import * as echarts from 'echarts/core'
import { BarChart, GaugeChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, GaugeChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export function useChart(el: Ref<HTMLElement | undefined | null>) {
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

  const onResize = () => chart?.resize()
  onMounted(() => window.addEventListener('resize', onResize))
  onBeforeUnmount(() => {
    window.removeEventListener('resize', onResize)
    chart?.dispose()
    chart = null
  })
  return { draw, resize: onResize }
}
