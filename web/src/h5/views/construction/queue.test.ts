import { describe, expect, it } from 'vitest'
import { counts, failed, isPermanent, newReport, prune, synced, toBody, toSend, todayBeijing, type QueuedReport } from './queue'

const report = (clientId: string, createdAt: number, extra: Partial<QueuedReport> = {}): QueuedReport => ({
  ...newReport({ clientId, projectId: 7, stepCode: 'E1.rain.lay', stepName: '敷设', percent: 40, on: '2026-05-06', note: '', photo: null }, createdAt),
  ...extra,
})

describe('the progress report queue', () => {
  it('clamps the percent and starts pending', () => {
    const r = newReport({ clientId: 'c', projectId: 1, stepCode: 's', stepName: '', percent: 140, on: '2026-05-06', note: '', photo: null }, 5)
    expect(r).toMatchObject({ percent: 100, state: 'pending', photoFileId: null, serverId: null, createdAt: 5 })
  })

  it('sends pending reports oldest first, never synced or failed ones', () => {
    const all = [report('b', 20), report('a', 10), report('c', 5, { state: 'synced' }), report('d', 1, { state: 'error' })]
    expect(toSend(all).map((r) => r.clientId)).toEqual(['a', 'b'])
    expect(counts(all)).toEqual({ pending: 2, failed: 1 })
  })

  it('sends the clientId for idempotency and the photo once uploaded', () => {
    expect(toBody(report('a', 1))).toEqual({ stepCode: 'E1.rain.lay', percent: 40, on: '2026-05-06', clientId: 'a' })
    expect(toBody(report('a', 1, { photoFileId: 9, note: ' 管道已就位 ' }))).toEqual({
      stepCode: 'E1.rain.lay',
      percent: 40,
      on: '2026-05-06',
      clientId: 'a',
      photoFileId: 9,
      note: '管道已就位',
    })
  })

  it('drops the photo blob once the server has the report', () => {
    const withPhoto = report('a', 1, { photo: { blob: new Blob(['x']), name: 'p.jpg' }, photoFileId: 9 })
    const done = synced(withPhoto, { id: 44, stepCode: 'E1.rain.lay', percent: 40, on: '2026-05-06', photoFileId: 9, quantityDone: null, note: '', reportedBy: 1, createdAt: '' })
    expect(done).toMatchObject({ state: 'synced', serverId: 44, photo: null, photoFileId: 9 })
    expect(failed(withPhoto, '工序不存在')).toMatchObject({ state: 'error', error: '工序不存在' })
  })

  it('retries network and session trouble, fails the report on its own refusals', () => {
    expect([0, 401, 408, 429, 500, 503].some(isPermanent)).toBe(false)
    expect([400, 403, 404, 409, 413, 422].every(isPermanent)).toBe(true)
  })

  it('forgets old synced reports, never waiting ones', () => {
    const all = [report('old', 1, { state: 'synced' }), report('new', 3, { state: 'synced' }), report('wait', 0)]
    expect(prune(all, 1)).toEqual(['old'])
  })

  it('dates in Beijing', () => {
    expect(todayBeijing(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01')
  })
})
