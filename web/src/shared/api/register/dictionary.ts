import { http } from '../client'
import type { Dictionaries } from './types'

/** The register's vocabularies in the request's (UI) language. */
export function getDictionaries(): Promise<Dictionaries> {
  return http.get<Dictionaries>('/register/dictionaries')
}
