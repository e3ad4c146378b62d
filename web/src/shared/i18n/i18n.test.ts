import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { contextOf, leafKeys, mergeMessages, type MessageTree } from './merge'
import { enPieces, messages, zhPieces } from './messages'

function valueAt(tree: MessageTree, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o as MessageTree | undefined)?.[k], tree)
}

describe('merging the per-context messages', () => {
  it('deep-merges pieces that share parents', () => {
    const merged = mergeMessages([
      { context: 'a', messages: { menu: { a: 'A' }, a: { x: 'x' } } },
      { context: 'b', messages: { menu: { b: 'B' }, b: { y: 'y' } } },
    ])
    expect(merged).toEqual({ menu: { a: 'A', b: 'B' }, a: { x: 'x' }, b: { y: 'y' } })
  })

  it('refuses a key two contexts define, naming both', () => {
    expect(() =>
      mergeMessages([
        { context: 'a', messages: { menu: { home: 'A' } } },
        { context: 'b', messages: { menu: { home: 'B' } } },
      ]),
    ).toThrow(/menu\.home is defined by b and by a/)
  })

  it('refuses a message in one context that is a group in another', () => {
    expect(() =>
      mergeMessages([
        { context: 'a', messages: { home: { stage: 'A' } } },
        { context: 'b', messages: { home: { stage: { x: 'B' } } } },
      ]),
    ).toThrow(/b makes home\.stage a group, but a defines it as a message/)
    expect(() =>
      mergeMessages([
        { context: 'a', messages: { home: { stage: { x: 'A' } } } },
        { context: 'b', messages: { home: { stage: 'B' } } },
      ]),
    ).toThrow(/home\.stage is defined by b/)
  })

  it('names a context by its folder', () => {
    expect(contextOf('./checkup/zh-CN.ts')).toBe('checkup')
  })
})

describe('locale messages', () => {
  it('every context folder has both languages', () => {
    expect(enPieces.map((p) => p.context)).toEqual(zhPieces.map((p) => p.context))
    expect(zhPieces.map((p) => p.context)).toEqual(expect.arrayContaining(['platform', 'auth', 'checkup', 'consultation', 'register']))
  })

  // The same guarantee as the en-US.ts files' MessageSchema type, for a file that lost its
  // annotation: per context, en-US has exactly zh-CN's keys.
  for (const zh of zhPieces) {
    it(`${zh.context}: en-US has exactly the keys of zh-CN`, () => {
      const en = enPieces.find((p) => p.context === zh.context)
      expect(en, `${zh.context}/en-US.ts`).toBeDefined()
      expect(leafKeys(en!.messages).sort()).toEqual(leafKeys(zh.messages).sort())
    })
  }

  it('zh-CN and en-US have the same keys once merged', () => {
    expect(leafKeys(messages['en-US']).sort()).toEqual(leafKeys(messages['zh-CN']).sort())
  })

  it('no message uses vue-i18n special characters by accident', () => {
    for (const tree of [messages['zh-CN'], messages['en-US']]) {
      for (const key of leafKeys(tree)) expect(valueAt(tree, key), key).not.toMatch(/[@|]/)
    }
  })

  // Every key the code names literally (t('a.b'), titleKey: 'a.b', { key: 'a.b' }, …) exists, so moving
  // messages between folders cannot lose one a page still uses.
  it('every literal key in the code exists', () => {
    const src = fileURLToPath(new URL('../..', import.meta.url))
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else if (/\.(vue|ts)$/.test(name) && !/\.test\.ts$/.test(name) && !path.includes(`${join('shared', 'i18n')}`)) files.push(path)
      }
    }
    walk(src)
    const patterns = [
      /\bt\(\s*'([A-Za-z0-9_.]+)'/g,
      /\b(?:titleKey|descKey|labelKey)\s*:\s*'([A-Za-z0-9_.]+)'/g,
      // the home cards' labels: { key: 'register.workbench.estates' }
      /\{\s*key:\s*'([A-Za-z0-9_]+\.[A-Za-z0-9_.]+)'/g,
    ]
    const missing: string[] = []
    let seen = 0
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      for (const re of patterns) {
        for (const m of text.matchAll(re)) {
          seen++
          if (typeof valueAt(messages['zh-CN'], m[1]) !== 'string') missing.push(`${m[1]} (${file.slice(src.length)})`)
        }
      }
    }
    expect(seen).toBeGreaterThan(500)
    expect(missing).toEqual([])
  })
})
