// Draws the H5 app icons (焕新体检) as PNGs with Node's built-in modules only: a blue tile, a
// white house and a green check. Run once after changing the drawing:
//   node scripts/make-icons.mjs   → public/h5/icons/*.png
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import zlib from 'node:zlib'

const out = join(dirname(fileURLToPath(import.meta.url)), '../public/h5/icons')

function crc32(buf) {
  let c = ~0
  for (const b of buf) {
    c ^= b
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1))
  }
  return ~c >>> 0
}

function png(size, rgba) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(td))
    return Buffer.concat([len, td, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// Shapes in unit coordinates (0..1); each returns true when the point is inside.
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r)
  const cy = Math.min(Math.max(y, y0 + r), y1 - r)
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}
const inTriangle = (x, y, [ax, ay], [bx, by], [cx, cy]) => {
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry)
  const d1 = s(x, y, ax, ay, bx, by)
  const d2 = s(x, y, bx, by, cx, cy)
  const d3 = s(x, y, cx, cy, ax, ay)
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0))
}
const distToSegment = (x, y, ax, ay, bx, by) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)))
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)))
}

/** The colour at a point, or null (transparent). `full`: the tile fills the square (maskable). */
function paint(x, y, full) {
  // Content shrinks into the safe zone on maskable icons.
  const k = full ? 0.8 : 1
  const u = (x - 0.5) / k + 0.5
  const v = (y - 0.5) / k + 0.5
  const tile = full || inRoundRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.2)
  if (!tile) return null
  // check badge
  const bx = 0.7, by = 0.7, br = 0.17
  const db = Math.hypot(u - bx, v - by)
  if (db <= br) {
    const tick = Math.min(distToSegment(u, v, 0.615, 0.7, 0.68, 0.765), distToSegment(u, v, 0.68, 0.765, 0.795, 0.64))
    return tick <= 0.028 ? [255, 255, 255] : [7, 193, 96]
  }
  if (db <= br + 0.03) return [255, 255, 255]
  // house: roof and body, with a door
  const roof = inTriangle(u, v, [0.5, 0.2], [0.16, 0.5], [0.84, 0.5])
  const body = u >= 0.24 && u <= 0.76 && v >= 0.47 && v <= 0.8
  const door = u >= 0.44 && u <= 0.56 && v >= 0.62 && v <= 0.8
  if ((roof || body) && !door) return [255, 255, 255]
  // tile: a vertical blue gradient
  const g = y
  return [Math.round(25 + 20 * g), Math.round(137 - 40 * g), Math.round(250 - 30 * g)]
}

function draw(size, full) {
  const ss = 4
  const buf = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = paint((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size, full)
          if (!c) continue
          r += c[0]
          g += c[1]
          b += c[2]
          a++
        }
      }
      const i = (py * size + px) * 4
      if (a) {
        buf[i] = Math.round(r / a)
        buf[i + 1] = Math.round(g / a)
        buf[i + 2] = Math.round(b / a)
      }
      buf[i + 3] = Math.round((255 * a) / (ss * ss))
    }
  }
  return png(size, buf)
}

mkdirSync(out, { recursive: true })
for (const [name, size, full] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
  ['favicon-32.png', 32, false],
]) {
  writeFileSync(join(out, name), draw(size, full))
  console.log('wrote', name)
}
