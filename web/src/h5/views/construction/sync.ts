// The contractor's report queue on the phone, an outbox (pwa/outbox-sync.ts) of its own
// database: the photo first (POST …/progress/photos), then the report with its clientId
// (POST …/progress; the same clientId again answers the first report). The pages' data
// (projects, steps) is kept offline by the check-up app's cache (checkup/data.ts `cached`).
import { reportProgress, uploadProgressPhoto } from '@/shared/api/construction/progress'
import { createOutbox } from '../../pwa/outbox-sync'
import { synced, toBody, type QueuedReport } from './queue'

const outbox = createOutbox<QueuedReport>({
  dbName: 'hx-construction',
  store: 'reports',
  async send(record, save) {
    let r = record
    if (r.photo && r.photoFileId === null) {
      const stored = await uploadProgressPhoto(r.projectId, r.photo.blob, r.photo.name, { silent: true })
      r = { ...r, photoFileId: stored.id }
      await save(r)
    }
    return synced(r, await reportProgress(r.projectId, toBody(r), { silent: true }))
  },
})

export const queueState = outbox.state
export const allReports = outbox.all
export const startQueue = outbox.start
export const kick = outbox.kick
export const enqueue = outbox.enqueue
export const retryFailed = outbox.retryFailed
