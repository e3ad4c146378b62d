// Camera photos on a phone are large (4–10 MB): shrink them before they wait in IndexedDB and
// go over a mobile network. Re-encoding through a canvas also drops EXIF (the server strips it
// too). Anything that cannot be decoded is kept as it is.
const MAX_SIDE = 1600
const KEEP_BELOW_BYTES = 600 * 1024

export async function shrinkPhoto(file: File): Promise<{ blob: Blob; name: string }> {
  if (file.size <= KEEP_BELOW_BYTES || typeof createImageBitmap !== 'function') return { blob: file, name: file.name }
  try {
    const bitmap = await createImageBitmap(file)
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height))
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(bitmap.width * scale)
    canvas.height = Math.round(bitmap.height * scale)
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
    bitmap.close()
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85))
    if (!blob || blob.size >= file.size) return { blob: file, name: file.name }
    return { blob, name: file.name.replace(/\.\w+$/, '') + '.jpg' }
  } catch {
    return { blob: file, name: file.name }
  }
}
