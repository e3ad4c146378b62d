// Merges the per-context message pieces (<context>/zh-CN.ts, <context>/en-US.ts) into one tree.
// Pure, so the rules are tested without a browser (i18n.test.ts).

/** A message tree: every leaf is a vue-i18n message string. */
export interface MessageTree {
  [key: string]: string | MessageTree
}

/** One context's piece of a locale's messages, named after its folder. */
export interface MessagePiece {
  context: string
  messages: MessageTree
}

function isTree(v: unknown): v is MessageTree {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Deep-merges the pieces in the given order. Contexts share parents (menu.*, home.stage.*,
 * h5.module.*) but never a leaf: a key defined by two contexts, or a leaf in one that is a
 * branch in another, throws with both contexts named, so a new context cannot silently change
 * another's text.
 */
export function mergeMessages(pieces: MessagePiece[]): MessageTree {
  const out: MessageTree = {}
  const owner = new Map<string, string>() // leaf path → context that defined it
  const walk = (into: MessageTree, from: MessageTree, context: string, prefix: string) => {
    for (const [key, value] of Object.entries(from)) {
      const path = prefix + key
      const there = into[key]
      if (isTree(value)) {
        if (there === undefined) into[key] = {}
        else if (!isTree(there)) throw new Error(`i18n: ${context} makes ${path} a group, but ${owner.get(path)} defines it as a message`)
        walk(into[key] as MessageTree, value, context, `${path}.`)
      } else {
        if (typeof value !== 'string') throw new Error(`i18n: ${context} defines ${path} as ${typeof value}, not a message string`)
        if (there !== undefined) {
          const by = isTree(there) ? 'a group of other contexts' : owner.get(path)
          throw new Error(`i18n: ${path} is defined by ${context} and by ${by}`)
        }
        into[key] = value
        owner.set(path, context)
      }
    }
  }
  for (const piece of pieces) walk(out, piece.messages, piece.context, '')
  return out
}

/** The folder name of a glob key such as `./checkup/zh-CN.ts`. */
export function contextOf(path: string): string {
  const parts = path.split('/')
  return parts[parts.length - 2] ?? path
}

/** Leaf keys of a tree as dotted paths (`checkup.severity.severe`). */
export function leafKeys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (isTree(v) ? leafKeys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}
