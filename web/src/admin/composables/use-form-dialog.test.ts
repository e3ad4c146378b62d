import { describe, expect, it, vi } from 'vitest'
import type { FormInstance } from 'element-plus'
import { changedFields, useFormDialog } from './use-form-dialog'

function fakeForm(valid: boolean) {
  return { validate: vi.fn(() => (valid ? Promise.resolve(true) : Promise.reject(new Error('invalid')))), clearValidate: vi.fn() } as unknown as FormInstance
}

describe('useFormDialog', () => {
  it('validates, submits once and reports what was saved', async () => {
    const submit = vi.fn(async () => ({ id: 1 }))
    const done = vi.fn()
    const d = useFormDialog({ submit, done })
    d.formRef.value = fakeForm(true)
    const first = d.save()
    expect(d.busy.value).toBe(false) // validation is still running
    await expect(first).resolves.toBe(true)
    expect(submit).toHaveBeenCalledTimes(1)
    expect(done).toHaveBeenCalledWith({ id: 1 })
    expect(d.busy.value).toBe(false)
  })

  it('does not submit an invalid form, nor while not ready', async () => {
    const submit = vi.fn(async () => 1)
    const done = vi.fn()
    const invalid = useFormDialog({ submit, done })
    invalid.formRef.value = fakeForm(false)
    await expect(invalid.save()).resolves.toBe(false)
    const notReady = useFormDialog({ ready: () => false, submit, done })
    notReady.formRef.value = fakeForm(true)
    await expect(notReady.save()).resolves.toBe(false)
    expect(notReady.formRef.value.validate).not.toHaveBeenCalled()
    expect(submit).not.toHaveBeenCalled()
    expect(done).not.toHaveBeenCalled()
  })

  it('ignores a second click while busy and stays open on errors', async () => {
    let fail!: (e: Error) => void
    const submit = vi.fn(() => new Promise<number>((_resolve, reject) => (fail = reject)))
    const done = vi.fn()
    const d = useFormDialog({ submit, done })
    d.formRef.value = fakeForm(true)
    const first = d.save()
    await vi.waitFor(() => expect(d.busy.value).toBe(true))
    await expect(d.save()).resolves.toBe(false)
    fail(new Error('422'))
    await expect(first).resolves.toBe(false)
    expect(submit).toHaveBeenCalledTimes(1)
    expect(done).not.toHaveBeenCalled()
    expect(d.busy.value).toBe(false)
  })

  it('stops without closing when submit resolves to undefined; clearValidate reaches the form', async () => {
    const done = vi.fn()
    const d = useFormDialog({ submit: async () => undefined, done })
    d.formRef.value = fakeForm(true)
    await expect(d.save()).resolves.toBe(false)
    expect(done).not.toHaveBeenCalled()
    d.clearValidate()
    expect(d.formRef.value.clearValidate).toHaveBeenCalled()
  })

  it('submits without a form when told there is nothing to validate', async () => {
    const done = vi.fn()
    const d = useFormDialog({ validate: false, submit: async () => 3, done })
    await expect(d.save()).resolves.toBe(true)
    expect(done).toHaveBeenCalledWith(3)
  })
})

describe('changedFields', () => {
  it('keeps only the fields that differ', () => {
    expect(changedFields({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', c: null, id: 7 })).toEqual({ b: 'x' })
    expect(changedFields({ a: 1 }, { a: 1 })).toEqual({})
  })
})
