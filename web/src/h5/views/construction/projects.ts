// The projects the server lets a site user see (the contractor's, the supervisor's), kept on the
// phone by the check-up app's cache (checkup/data.ts `cached`) for offline use.
import { onMounted, ref } from 'vue'
import { cached } from '../checkup/data'
import { listProjects } from '@/shared/api/project/project'
import type { ProjectSummary } from '@/shared/api/project/types'

/** Loads on mount under `cacheKey`; `fromCache` tells the page to say the list may be old. */
export function useSiteProjects(cacheKey: string) {
  const projects = ref<ProjectSummary[]>([])
  const loading = ref(true)
  const fromCache = ref(false)
  onMounted(async () => {
    try {
      const loaded = await cached(cacheKey, async () => (await listProjects({ page: 1, pageSize: 100 })).items)
      projects.value = loaded.value
      fromCache.value = loaded.fromCache
    } catch {
      // shown by the request client
    } finally {
      loading.value = false
    }
  })
  return { projects, loading, fromCache }
}
