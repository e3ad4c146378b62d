import { http } from './client'
import type { Job } from './types'

/** A background task's state and progress; `result` is set once it has finished. */
export function getJob<R = unknown>(id: number): Promise<Job<R>> {
  return http.get<Job<R>>(`/jobs/${id}`)
}
