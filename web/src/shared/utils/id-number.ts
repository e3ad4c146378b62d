// Resident ID numbers (GB 11643-1999): 17 digits and a check character computed with
// ISO 7064 MOD 11-2. The server checks the same rule; the forms check it first to answer at once.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

/** The check character of the first 17 digits, or null if they are not 17 digits. */
export function idCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

export type IdNumberProblem = 'format' | 'checkChar'

/** null when `value` (spaces ignored, x as X) is a valid 18-character ID number. */
export function checkIdNumber(value: string): IdNumberProblem | null {
  const v = value.replace(/\s+/g, '').toUpperCase()
  if (!/^\d{17}[\dX]$/.test(v)) return 'format'
  return idCheckChar(v.slice(0, 17)) === v[17] ? null : 'checkChar'
}

/** Mainland mobile (11 digits from 1) or a landline with area code (0…, dashes allowed). */
export function isPhone(value: string): boolean {
  const digits = value.replace(/[-\s]/g, '')
  if (!/^\d+$/.test(digits)) return false
  return (digits.length === 11 && digits[0] === '1') || (digits.length >= 10 && digits.length <= 12 && digits[0] === '0')
}
