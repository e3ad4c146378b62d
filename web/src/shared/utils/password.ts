// The password rule of the foundation contract, mirrored so a form can say what is wrong before
// sending. The server stays the authority and checks it again.
// Rule: at least 10 characters; at least 3 of lowercase, uppercase, digit, symbol; not the
// username (docs/api-contract-foundation.md, "Password rules").

export const PASSWORD_MIN_LENGTH = 10

export type PasswordProblem = 'tooShort' | 'classes' | 'sameAsUsername'

/** The first rule the password breaks, or null if it passes. Length counts code points. */
export function checkPassword(password: string, username: string): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'tooShort'
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length
  if (classes < 3) return 'classes'
  if (username !== '' && password === username) return 'sameAsUsername'
  return null
}
