// One ECharts instance on an element of the page (created on first use, resized with the window,
// disposed with the component): the shared one, which registers every chart kind the admin draws.
export { useEcharts as useChart } from '@/shared/portal/use-echarts'
