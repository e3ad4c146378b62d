// The capture pages in one chunk: once the list has loaded, the estate page and the checklist
// open without the network (the service worker also keeps the chunk for the next start).
export { default as CaptureIndex } from './index.vue'
export { default as CaptureEstate } from './estate.vue'
export { default as CaptureChecklist } from './checklist.vue'
