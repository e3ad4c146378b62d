// Every context's messages, found by folder: <context>/zh-CN.ts and <context>/en-US.ts. A new
// context adds its two files and touches nothing here. Each en-US.ts is typed with its sibling's
// MessageSchema (a missing key fails the type check); i18n.test.ts checks the same at test time
// and that no two contexts define the same key.
import { contextOf, mergeMessages, type MessagePiece, type MessageTree } from './merge'

type Module = { default: MessageTree }

const zhModules = import.meta.glob<Module>('./*/zh-CN.ts', { eager: true })
const enModules = import.meta.glob<Module>('./*/en-US.ts', { eager: true })

function pieces(modules: Record<string, Module>): MessagePiece[] {
  return Object.keys(modules)
    .sort()
    .map((path) => ({ context: contextOf(path), messages: modules[path].default }))
}

export const zhPieces = pieces(zhModules)
export const enPieces = pieces(enModules)

export const messages = {
  'zh-CN': mergeMessages(zhPieces),
  'en-US': mergeMessages(enPieces),
}
