// The supervisor's inspection outbox on the phone (pwa/outbox-sync.ts, like the contractor's
// progress reports): each finding's photo first (POST …/inspections/photos), then the
// inspection with its clientId (POST …/inspections; a resend answers the first, 200).
import { recordInspection, uploadSupervisionPhoto } from '@/shared/api/supervision/supervision'
import { createOutbox } from '../../pwa/outbox-sync'
import { photosToUpload, synced, toBody, withPhoto, type QueuedInspection } from './queue'

export const inspections = createOutbox<QueuedInspection>({
  dbName: 'hx-supervision',
  store: 'inspections',
  async send(record, save) {
    let r = record
    for (const i of photosToUpload(r)) {
      const photo = r.findings[i].photo!
      const stored = await uploadSupervisionPhoto(r.projectId, photo.blob, photo.name, { silent: true })
      r = withPhoto(r, i, stored.id)
      await save(r)
    }
    return synced(r, await recordInspection(r.projectId, toBody(r), { silent: true }))
  },
})
