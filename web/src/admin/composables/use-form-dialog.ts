// The save button of a dialog form: validate, send once at a time (busy drives the button's
// spinner), then report what was saved. The request client already shows any error, so a
// failed save only keeps the dialog open for the user to fix the input.
import { ref } from 'vue'
import type { FormInstance } from 'element-plus'

export interface FormDialogOptions<T> {
  /** False while there is nothing to save against yet (no building, no user…). */
  ready?: () => boolean
  /** False for a dialog whose form has no rules (no formRef): nothing to validate. */
  validate?: boolean
  /** Sends the form; resolves to what was saved, or undefined to stop with the dialog open. */
  submit: () => Promise<T | undefined>
  /** After a successful submit: typically emit `saved` and close the dialog. */
  done: (saved: T) => void
}

export function useFormDialog<T>(options: FormDialogOptions<T>) {
  const formRef = ref<FormInstance>()
  const busy = ref(false)

  /** Resolves to true when the form was saved. */
  async function save(): Promise<boolean> {
    if (busy.value || (options.ready && !options.ready())) return false
    if (options.validate !== false) {
      const valid = await formRef.value?.validate().catch(() => false)
      if (!valid) return false
    }
    busy.value = true
    try {
      const saved = await options.submit()
      if (saved === undefined) return false
      options.done(saved)
      return true
    } catch {
      // shown by the request client; the dialog stays open to fix the input
      return false
    } finally {
      busy.value = false
    }
  }

  function clearValidate() {
    formRef.value?.clearValidate()
  }

  return { formRef, busy, save, clearValidate }
}

/**
 * The fields of `next` whose value differs (===) from the same field of `before`, so an edit
 * sends, and the audit log records, only what the editor changed.
 */
export function changedFields<T extends object>(next: T, before: object): Partial<T> {
  const old = before as Record<string, unknown>
  const patch: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(next)) if (v !== old[k]) patch[k] = v
  return patch as Partial<T>
}
