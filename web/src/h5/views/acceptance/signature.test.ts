import { describe, expect, it } from 'vitest'
import { hasInk, isSigned } from './signature'

describe('signature pad emptiness', () => {
  it('an RGBA buffer has ink once one pixel is not transparent', () => {
    expect(hasInk(new Uint8ClampedArray(16))).toBe(false)
    const px = new Uint8ClampedArray(16)
    px[14] = 255 // the colour channels alone do not count
    expect(hasInk(px)).toBe(false)
    px[15] = 1
    expect(hasInk(px)).toBe(true)
  })

  it('a tap or a short slip is not a signature, a stroke of some length is', () => {
    expect(isSigned([])).toBe(false)
    expect(isSigned([[{ x: 10, y: 10 }]])).toBe(false)
    expect(isSigned([[{ x: 10, y: 10 }, { x: 15, y: 10 }]])).toBe(false)
    expect(isSigned([[{ x: 10, y: 10 }, { x: 22, y: 10 }], [{ x: 30, y: 10 }, { x: 30, y: 19 }]])).toBe(true)
    expect(isSigned([[{ x: 0, y: 0 }, { x: 30, y: 40 }]])).toBe(true)
  })
})
