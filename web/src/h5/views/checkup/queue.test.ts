import { describe, expect, it } from 'vitest'
import { applyResult, backoffMs, batches, newClientId, recordKey, toInput, type QueuedObservation } from './queue'

const rec = (over: Partial<QueuedObservation> = {}): QueuedObservation => ({
  clientId: newClientId(),
  checkupId: 1,
  estateId: 5,
  buildingId: 7,
  dwellingId: null,
  indicator: 'H04',
  criterion: 'H04.finish_loss',
  present: false,
  value: '18',
  condition: false,
  note: '',
  photoIds: [],
  photoKeys: [],
  lat: null,
  lng: null,
  observedAt: '2026-05-01T02:00:00.000Z',
  severity: 'larger_hazard',
  state: 'pending',
  error: '',
  serverId: null,
  rev: 1,
  ...over,
})

describe('observation queue', () => {
  it('makes v4 UUIDs', () => {
    expect(newClientId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('keys records by object and criterion', () => {
    expect(recordKey(rec())).toBe('b:7/H04.finish_loss')
    expect(recordKey(rec({ dwellingId: 9 }))).toBe('d:9/H04.finish_loss')
    expect(recordKey(rec({ buildingId: null }))).toBe('e:5/H04.finish_loss')
  })

  it('sends only what the server takes', () => {
    const row = toInput(rec({ photoIds: [3] }), [4])
    expect(row).toMatchObject({ estateId: 5, buildingId: 7, value: '18', photoIds: [3, 4] })
    expect(row).not.toHaveProperty('dwellingId')
    expect(row).not.toHaveProperty('lat')
  })

  it('batches pending records per campaign', () => {
    const list = [rec(), rec({ checkupId: 2 }), rec({ state: 'synced' }), rec(), rec({ state: 'error' })]
    const b = batches(list, 1)
    expect(b.map((x) => x.checkupId)).toEqual([1, 1, 2])
  })

  it('marks answered records synced with the server grade', () => {
    const r = rec({ photoKeys: ['k'] })
    const [out] = applyResult([{ record: r, photoIds: [11] }], { created: 1, updated: 0, unchanged: 0, results: [{ clientId: r.clientId, id: 42, severity: 'larger_hazard' }] })
    expect(out).toMatchObject({ state: 'synced', serverId: 42, photoIds: [11], photoKeys: [] })
  })

  it('backs off up to a minute', () => {
    expect(backoffMs(0)).toBe(2000)
    expect(backoffMs(3)).toBe(16000)
    expect(backoffMs(10)).toBe(60000)
  })
})
