// The consultation a page is about, fetched by id: `load` (again after a change), `loading`
// while it runs. Errors are shown by the request client; the page keeps what it had.
import { ref } from 'vue'
import { getConsultation } from '@/shared/api/consultation'
import type { Consultation } from '@/shared/api/consultation-types'

export function useConsultation(id: () => number) {
  const consultation = ref<Consultation | null>(null)
  const loading = ref(false)

  async function load() {
    loading.value = true
    try {
      consultation.value = await getConsultation(id())
    } catch {
      // shown by the request client
    } finally {
      loading.value = false
    }
  }

  return { consultation, loading, load }
}

/** Opens a printable PDF (ballots, visit sheets) in a new tab. */
export function openPdf(url: string) {
  window.open(url, '_blank', 'noopener')
}
