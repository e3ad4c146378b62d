import { describe, expect, it } from 'vitest'
import { newInspection, photosToUpload, synced, toBody, withPhoto } from './queue'

const photo = { blob: new Blob(['x']), name: 'p.jpg' }
const record = () =>
  newInspection(
    {
      clientId: 'c1',
      projectId: 1,
      projectName: '洪都新村',
      place: ' 3 栋北侧 ',
      note: '',
      findings: [
        { itemCode: 'civilised', itemName: '文明施工', text: ' 围挡缺失 ', photo, photoFileId: null },
        { itemCode: 'safety', itemName: '施工安全', text: '沟槽无警示灯', photo: null, photoFileId: null },
      ],
    },
    Date.parse('2026-12-03T02:00:00Z'),
  )

describe('the inspection outbox', () => {
  it('starts pending with the time on site', () => {
    expect(record()).toMatchObject({ state: 'pending', serverId: null, place: '3 栋北侧', inspectedAt: '2026-12-03T02:00:00.000Z' })
  })

  it('uploads each waiting photo once', () => {
    const r = record()
    expect(photosToUpload(r)).toEqual([0])
    expect(photosToUpload(withPhoto(r, 0, 12))).toEqual([])
  })

  it('sends the clientId, the findings and their photo ids', () => {
    expect(toBody(withPhoto(record(), 0, 12))).toEqual({
      clientId: 'c1',
      inspectedAt: '2026-12-03T02:00:00.000Z',
      place: '3 栋北侧',
      findings: [
        { itemCode: 'civilised', text: '围挡缺失', photoFileIds: [12] },
        { itemCode: 'safety', text: '沟槽无警示灯' },
      ],
    })
  })

  it('drops the photo blobs once the server has the inspection', () => {
    const done = synced(withPhoto(record(), 0, 12), { id: 9 } as never)
    expect(done).toMatchObject({ state: 'synced', serverId: 9 })
    expect(done.findings.map((f) => [f.photo, f.photoFileId])).toEqual([
      [null, 12],
      [null, null],
    ])
  })
})
