#!/usr/bin/env node
// Checks the Open311 GeoReport v2 endpoint (/open311/v2/, issue #14; docs/ticket.md) of the real
// server with the demo data (scripts/demo-server.mjs) against the standard's own JSON Schemas in
// ../shared/interop/open311-georeport-v2/ (ajv), and its XML answers: well-formed (xmllint when
// installed, Debian libxml2-utils; else a strict tag-balance parse) with the element names the
// standard names. Covers discovery, services, a service definition, requests (filters), a request
// posted as form data found by `requests`, by id and through its token, servicerequestupdates, and
// the standard's error list for a bad api_key, an unknown service_code and a missing required
// attribute; and that no answer carries the phone sent with the form.
//
//   node scripts/check-open311.mjs            (HUANXIN_BIN overrides build/dev/bin/huanxin)
//
// Exits 1 listing every problem.
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { repoRoot, startDemoServer } from './demo-server.mjs'

const schemaDir = process.env.HX_OPEN311_SCHEMAS ?? join(repoRoot, '../shared/interop/open311-georeport-v2')
const PHONE = '13900031100'
const problems = []
const problem = (what) => problems.push(what)

function loadSchemas() {
  const ajv = new Ajv({ allErrors: true, strict: false })
  addFormats(ajv)
  for (const name of ['service', 'services', 'service-definition', 'request', 'requests']) {
    const schema = JSON.parse(readFileSync(join(schemaDir, `${name}.json`), 'utf8'))
    ajv.addSchema(schema, `${name}.json`)
  }
  return ajv
}

// Well-formedness: xmllint when present, else a strict stack parse of the tags.
const haveXmllint = (() => {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
const tmp = mkdtempSync(join(os.tmpdir(), 'huanxin-open311-'))
let xmlN = 0
function wellFormed(xml) {
  if (haveXmllint) {
    const f = join(tmp, `a${++xmlN}.xml`)
    writeFileSync(f, xml)
    try {
      execFileSync('xmllint', ['--noout', f], { stdio: 'pipe' })
      return null
    } catch (e) {
      return String(e.stderr || e.message)
    }
  }
  const stack = []
  for (const m of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([A-Za-z_][\w.-]*)[^>]*?(\/?)>/g)) {
    if (m[3]) continue
    if (!m[1]) stack.push(m[2])
    else if (stack.pop() !== m[2]) return `unbalanced </${m[2]}>`
  }
  return stack.length ? `unclosed <${stack.pop()}>` : null
}
// The root element and the names of its children.
function xmlShape(xml) {
  const body = xml.replace(/^<\?xml[^>]*\?>/, '')
  const root = body.match(/^<([\w]+)>/)?.[1]
  const children = new Set([...body.matchAll(/<([\w]+)>/g)].map((m) => m[1]))
  return { root, children }
}

async function main() {
  const server = await startDemoServer({ adminPassword: 'Admin#2026open311', demoPassword: 'Huanxin#2026', prefix: 'huanxin-open311-' })
  try {
    const apiKey = server.demoOutput.match(/client api_key ([0-9a-f]+)/)?.[1]
    if (!apiKey) throw new Error(`the demo printed no Open311 api_key:\n${server.demoOutput}`)
    const ajv = loadSchemas()
    const base = `${server.baseUrl}/open311/v2`
    let calls = 0
    const call = async (method, path, form) => {
      calls++
      const r = await fetch(base + path, {
        method,
        headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
        body: form ? new URLSearchParams(form).toString() : undefined,
      })
      const text = await r.text()
      if (text.includes(PHONE)) problem(`${method} ${path}: the answer carries the phone sent with the form`)
      return { status: r.status, text, type: r.headers.get('content-type') ?? '' }
    }
    const json = async (method, path, expect, schema, form) => {
      const r = await call(method, path, form)
      if (r.status !== expect) problem(`${method} ${path}: ${r.status}, expected ${expect}: ${r.text.slice(0, 300)}`)
      if (!r.type.startsWith('application/json')) problem(`${method} ${path}: content type ${r.type}`)
      let v
      try {
        v = JSON.parse(r.text)
      } catch {
        problem(`${method} ${path}: not JSON`)
        return undefined
      }
      if (schema) {
        const validate = typeof schema === 'string' ? ajv.getSchema(schema) : ajv.compile(schema)
        if (!validate(v)) problem(`${method} ${path}: ${ajv.errorsText(validate.errors)}`)
      }
      return v
    }
    const xml = async (method, path, expect, root, names, form) => {
      const r = await call(method, path, form)
      if (r.status !== expect) problem(`${method} ${path}: ${r.status}, expected ${expect}: ${r.text.slice(0, 300)}`)
      if (!r.type.startsWith('text/xml')) problem(`${method} ${path}: content type ${r.type}`)
      const bad = wellFormed(r.text)
      if (bad) problem(`${method} ${path}: not well-formed XML: ${bad}`)
      const shape = xmlShape(r.text)
      if (shape.root !== root) problem(`${method} ${path}: root <${shape.root}>, expected <${root}>`)
      for (const n of names) if (!shape.children.has(n)) problem(`${method} ${path}: no <${n}> element`)
      return r.text
    }
    // The error list ([{code, description}]) of the standard.
    const errorList = {
      type: 'array', minItems: 1,
      items: { type: 'object', required: ['code', 'description'], properties: { code: { type: 'integer' }, description: { type: 'string' } } },
    }
    const discovery = {
      type: 'object', required: ['changeset', 'contact', 'key_service', 'endpoints'],
      properties: { endpoints: { type: 'array', minItems: 1, items: { type: 'object', required: ['specification', 'url', 'changeset', 'type', 'formats'] } } },
    }

    await json('GET', '/discovery.json', 200, discovery)
    await xml('GET', '/discovery.xml', 200, 'discovery', ['endpoints', 'endpoint', 'specification', 'formats', 'format'])
    const services = await json('GET', '/services.json', 200, 'services.json')
    if (!services?.length) problem('services.json: no services')
    await xml('GET', '/services.xml', 200, 'services', ['service', 'service_code', 'service_name', 'metadata', 'type'])
    for (const s of services ?? []) await json('GET', `/services/${s.service_code}.json`, 200, 'service-definition.json')
    await xml('GET', '/services/warranty_defect.xml', 200, 'service_definition', ['service_code', 'attributes', 'attribute', 'variable', 'code', 'datatype', 'required', 'values', 'value', 'key', 'name'])

    const all = await json('GET', '/requests.json', 200, 'requests.json')
    if (!all?.length) problem('requests.json: the demo tickets are not listed')
    await xml('GET', '/requests.xml', 200, 'service_requests', ['request', 'service_request_id', 'status', 'service_code', 'requested_datetime'])
    for (const [q, ok] of [['status=open', (r) => r.status === 'open'], ['status=closed', (r) => r.status === 'closed'],
      ['service_code=suggestion', (r) => r.service_code === 'suggestion'],
      ['start_date=2000-01-01T00:00:00%2B08:00&end_date=2099-01-01T00:00:00%2B08:00', () => true]]) {
      const list = await json('GET', `/requests.json?${q}`, 200, 'requests.json')
      if (!list?.length) problem(`requests.json?${q}: empty`)
      for (const r of list ?? []) if (!ok(r)) problem(`requests.json?${q}: ${r.service_request_id} does not match`)
    }
    const none = await json('GET', '/requests.json?end_date=2000-01-01T00:00:00%2B08:00', 200, 'requests.json')
    if (none?.length) problem('requests.json before 2000: not empty')
    await json('GET', '/requests.json?start_date=yesterday', 400, errorList)

    // A request posted as form data, found by `requests`, by id and through its token.
    const form = { api_key: apiKey, service_code: 'civilised_construction', description: '夜间施工噪声扰民', phone: PHONE, address_string: '洪都新村3栋' }
    const created = await json('POST', '/requests.json', 201, { type: 'array', minItems: 1, items: { type: 'object', required: ['service_request_id', 'token'] } }, form)
    const id = created?.[0]?.service_request_id
    if (id) {
      const listed = await json('GET', `/requests.json?service_request_id=${id}`, 200, 'requests.json')
      if (listed?.length !== 1 || listed[0].service_request_id !== id || listed[0].status !== 'open') problem(`requests.json?service_request_id=${id}: ${JSON.stringify(listed)}`)
      const byId = await json('GET', `/requests/${id}.json`, 200, 'requests.json')
      if (byId?.[0]?.service_code !== 'civilised_construction') problem(`requests/${id}.json: ${JSON.stringify(byId)}`)
      await xml('GET', `/requests/${id}.xml`, 200, 'service_requests', ['request', 'service_request_id', 'status', 'expected_datetime'])
      const token = await json('GET', `/tokens/${created[0].token}.json`, 200, { type: 'array', minItems: 1, items: { type: 'object', required: ['service_request_id', 'token'] } })
      if (token?.[0]?.service_request_id !== id) problem(`tokens/${created[0].token}.json: ${JSON.stringify(token)}`)
      await xml('GET', `/tokens/${created[0].token}.xml`, 200, 'service_requests', ['request', 'service_request_id', 'token'])
      const updates = await json('GET', '/servicerequestupdates.json', 200, {
        type: 'array', items: { type: 'object', required: ['update_id', 'service_request_id', 'status', 'updated_datetime'] },
      })
      if (!updates?.some((u) => u.service_request_id === id)) problem('servicerequestupdates.json: the posted request has no update')
      await xml('GET', '/servicerequestupdates.xml', 200, 'service_request_updates', ['request_update', 'update_id', 'service_request_id'])
    }
    await xml('POST', '/requests.xml', 201, 'service_requests', ['request', 'service_request_id', 'token'],
      { ...form, description: '围挡倒了' })
    // The warranty defect with its required attribute.
    await json('POST', '/requests.json', 201, null, { api_key: apiKey, service_code: 'warranty_defect', description: '屋面渗水', 'attribute[defect_item]': 'roof_waterproofing' })

    // The standard's errors.
    await json('POST', '/requests.json', 403, errorList, { ...form, api_key: 'not-a-key' })
    await xml('POST', '/requests.xml', 403, 'errors', ['error', 'code', 'description'], { ...form, api_key: 'not-a-key' })
    await json('POST', '/requests.json', 404, errorList, { ...form, service_code: 'no_such_service' })
    await json('POST', '/requests.json', 400, errorList, { api_key: apiKey, service_code: 'warranty_defect', description: '屋面渗水' })
    await xml('POST', '/requests.xml', 400, 'errors', ['error', 'code', 'description'], { api_key: apiKey, service_code: 'warranty_defect', description: '屋面渗水' })
    await json('GET', '/services/no_such_service.json', 404, errorList)
    await json('GET', '/requests/TFFFFFFFFFFFF.json', 404, errorList)

    if (problems.length) {
      console.error(`check-open311: ${problems.length} problem(s) in ${calls} calls:`)
      for (const p of problems) console.error(`  ${p}`)
      process.exitCode = 1
    } else {
      console.log(`check-open311: ${calls} answers of /open311/v2/ match the GeoReport v2 schemas and XML forms (xml ${haveXmllint ? 'checked by xmllint' : 'parsed'})`)
    }
  } finally {
    await server.stop()
    rmSync(tmp, { recursive: true, force: true })
  }
}

if (!existsSync(schemaDir)) {
  console.error(`check-open311: the standard's schemas are not at ${schemaDir} (set HX_OPEN311_SCHEMAS)`)
  process.exit(1)
}
main().catch((e) => {
  console.error(`check-open311: ${e.stack || e}`)
  process.exit(1)
})
