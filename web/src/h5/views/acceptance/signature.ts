// The resident's signature pad: strokes drawn with a finger, a pen or the mouse (pointer
// events, captured so a stroke leaving the box still ends), kept as points so the pad knows it
// is empty and redraws after a resize; exported as a PNG (canvas.toBlob) for the upload.
import { ref, type Ref } from 'vue'

export type Point = { x: number; y: number }

/** Whether any pixel of an RGBA buffer (ImageData.data) has ink, i.e. is not transparent. */
export function hasInk(rgba: ArrayLike<number>): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 0) return true
  return false
}

/**
 * A signature counts once a stroke has some length: a tap or a slip of the finger (a stroke
 * shorter than `minLength` CSS pixels in all) is not a signature.
 */
export function isSigned(strokes: readonly Point[][], minLength = 20): boolean {
  let length = 0
  for (const s of strokes) for (let i = 1; i < s.length; i++) length += Math.hypot(s[i].x - s[i - 1].x, s[i].y - s[i - 1].y)
  return length >= minLength
}

export function useSignaturePad(canvas: Ref<HTMLCanvasElement | null>) {
  const strokes: Point[][] = []
  const signed = ref(false)
  let drawing: Point[] | null = null

  const context = () => canvas.value?.getContext('2d') ?? null

  function at(e: PointerEvent): Point {
    const r = canvas.value!.getBoundingClientRect()
    return { x: e.clientX - r.left, y: e.clientY - r.top }
  }

  /** Sizes the backing store to the box (device pixels) and redraws the strokes. */
  function resize() {
    const c = canvas.value
    if (!c) return
    const ratio = window.devicePixelRatio || 1
    const r = c.getBoundingClientRect()
    c.width = Math.round(r.width * ratio)
    c.height = Math.round(r.height * ratio)
    const g = context()
    if (!g) return
    g.setTransform(ratio, 0, 0, ratio, 0, 0)
    g.lineWidth = 2.5
    g.lineCap = 'round'
    g.lineJoin = 'round'
    g.strokeStyle = '#111'
    for (const s of strokes) drawStroke(g, s)
  }

  function drawStroke(g: CanvasRenderingContext2D, s: readonly Point[]) {
    if (!s.length) return
    g.beginPath()
    g.moveTo(s[0].x, s[0].y)
    for (const p of s.slice(1)) g.lineTo(p.x, p.y)
    if (s.length === 1) g.lineTo(s[0].x + 0.1, s[0].y)
    g.stroke()
  }

  function down(e: PointerEvent) {
    if (!canvas.value) return
    e.preventDefault()
    canvas.value.setPointerCapture?.(e.pointerId)
    drawing = [at(e)]
    strokes.push(drawing)
  }

  function move(e: PointerEvent) {
    if (!drawing) return
    e.preventDefault()
    const p = at(e)
    const g = context()
    const last = drawing[drawing.length - 1]
    drawing.push(p)
    if (g) {
      g.beginPath()
      g.moveTo(last.x, last.y)
      g.lineTo(p.x, p.y)
      g.stroke()
    }
  }

  function up() {
    if (!drawing) return
    drawing = null
    signed.value = isSigned(strokes)
  }

  function clear() {
    strokes.length = 0
    drawing = null
    signed.value = false
    const c = canvas.value
    context()?.clearRect(0, 0, c?.width ?? 0, c?.height ?? 0)
  }

  /** The signature as a PNG; null while the pad is empty. */
  function toPng(): Promise<Blob | null> {
    const c = canvas.value
    const g = context()
    if (!c || !g || !signed.value || !hasInk(g.getImageData(0, 0, c.width, c.height).data)) return Promise.resolve(null)
    return new Promise((resolve) => c.toBlob((b) => resolve(b), 'image/png'))
  }

  return { signed, resize, clear, toPng, handlers: { pointerdown: down, pointermove: move, pointerup: up, pointercancel: up } }
}
