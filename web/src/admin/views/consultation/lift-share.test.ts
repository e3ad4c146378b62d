import { describe, expect, it } from 'vitest'
import { defaultCoefficient, emptyLiftShareForm, isCoefficient, liftShareRequest, liftShareTotals, type LiftShareForm } from './lift-share'

const form = (patch: Partial<LiftShareForm> = {}): LiftShareForm => ({
  ...emptyLiftShareForm(),
  buildingId: 3,
  stairwell: 1,
  totalCost: '500,000',
  subsidy: '200000',
  compensation: '10000.5',
  ...patch,
})

describe('lift cost sharing form', () => {
  it('has the Dongpu default table from the third floor, computed in tenths', () => {
    expect(defaultCoefficient(1)).toBeNull()
    expect(defaultCoefficient(2)).toBeNull()
    expect(defaultCoefficient(3)).toBe('0.7')
    expect(defaultCoefficient(5)).toBe('0.9')
    expect(defaultCoefficient(6)).toBe('1.0')
    expect(defaultCoefficient(13)).toBe('1.7')
    expect(isCoefficient('0.75')).toBe(true)
    expect(isCoefficient('1.2345')).toBe(false)
    expect(isCoefficient('-1')).toBe(false)
  })

  it('sends fen and leaves the table to the server when nothing is typed', () => {
    const { body, problems } = liftShareRequest(form(), 6)
    expect(problems).toEqual([])
    expect(body).toEqual({ buildingId: 3, stairwell: 1, totalCost: 50000000, subsidy: 20000000, compensation: 1000050, exemptFloors: [1, 2] })
  })

  it('sends the whole table as shown once a coefficient is typed', () => {
    const { body } = liftShareRequest(form({ coefficients: { 4: ' 0.85 ', 1: '9' } }), 6)
    expect(body?.coefficients).toEqual({ 3: '0.7', 4: '0.85', 5: '0.9', 6: '1.0' })
  })

  it('asks for a coefficient on a paying floor below the default table', () => {
    const { body, problems } = liftShareRequest(form({ exemptFloors: [1] }), 6)
    expect(body).toBeNull()
    expect(problems).toEqual([{ field: 'coefficient', floor: 2, missing: true }])
    const ok = liftShareRequest(form({ exemptFloors: [1], coefficients: { 2: '0.6' } }), 6)
    expect(ok.body?.coefficients).toEqual({ 2: '0.6', 3: '0.7', 4: '0.8', 5: '0.9', 6: '1.0' })
    expect(ok.body?.exemptFloors).toEqual([1])
  })

  it('reports every problem of the form', () => {
    const { body, problems } = liftShareRequest(
      { ...emptyLiftShareForm(), totalCost: '1.234', subsidy: '12,34', coefficients: { 5: '0.1234' } },
      6,
    )
    expect(body).toBeNull()
    expect(problems).toEqual([
      { field: 'building' },
      { field: 'stairwell' },
      { field: 'totalCost', error: 'decimals' },
      { field: 'subsidy', error: 'format' },
      { field: 'coefficient', floor: 5 },
    ])
    expect(liftShareRequest(form({ totalCost: '' }), 6).problems).toEqual([{ field: 'totalCost', error: 'empty' }])
    expect(liftShareRequest(form({ totalCost: '0' }), 6).problems).toEqual([{ field: 'totalCost', error: 'zero' }])
    expect(liftShareRequest(form({ subsidy: '500000.01' }), 6).problems).toEqual([{ field: 'subsidy', error: 'subsidy_above_total' }])
    expect(liftShareRequest(form({ subsidy: '', compensation: '' }), 6).body).toMatchObject({ subsidy: 0, compensation: 0 })
  })

  it('adds up the result in integers', () => {
    const row = (area: number, share: number, compensation: number, exempt = false) => ({
      dwellingId: 1, floor: 1, room: '101', area, coefficient: exempt ? 0 : 0.7, exempt, share, compensation,
    })
    expect(liftShareTotals([row(85.37, 0, 2, true), row(72.5, 0, 1, true), row(0.1, 100, 0), row(0.2, 201, 0)])).toEqual({
      area: 158.17, share: 301, compensation: 3, dwellings: 4, paying: 2,
    })
  })
})
