#!/usr/bin/env node
// node scripts/check-api-conformance.mjs MERGED.json
//
// The API description must stay true to the server (issue #11): this starts the built server
// (HUANXIN_BIN, default build/dev/bin/huanxin) on a fresh SQLite database in a temporary folder
// with the demo data (`huanxin demo`, regions of Nanchang only), logs in as admin and as the demo
// accounts, and calls every GET route of the merged description (build/dev/openapi.json) it can
// fill — path parameters taken from list answers (first estate, building, dwelling, consultation,
// check-up, job …) — as each of them, plus cheap writes with the documented request examples (a
// throw-away estate with a building, dwelling and owner; refused deletes; a consultation and refused
// rules; a ballot with evidence and its download; lift sharing; a catalogue item; check-up photo,
// observations, review and report file; check-up reports as a job; a user, a grid; failed logins up
// to 429). Every JSON answer is validated with Ajv against the schema the description gives for
// that operation, status code and media type ($refs resolved, OpenAPI 3.0 `nullable` as
// check-openapi-examples.mjs reads it); an error answer's `reason` must be named in that status
// code's description; binary answers (PDF, XLSX, HTML, images) are checked for their content type
// only; a status the operation does not describe, or a write answered otherwise than expected, is a
// mismatch.
//
// Prints what it checked and the GET routes it could not exercise, and exits 1 listing every
// mismatch with the route, status, account, JSON pointer and the value sent. It also proves it can
// fail: the real /health answer against a copy of the description whose Health.version is an
// integer must be reported at /version. HX_CONFORMANCE_VERBOSE=1 lists every route with the
// statuses seen.
import { readFileSync } from 'node:fs'
import { convert, makeAjv } from './check-openapi-examples.mjs'
import { startDemoServer } from './demo-server.mjs'

const ADMIN_PASSWORD = 'Admin#2026conformance'
const DEMO_PASSWORD = 'Huanxin#2026'
const DEMO_ACCOUNTS = ['qyp.bureau', 'hongdu.street', 'jingshan.street', 'grid.worker']
const METHODS = ['get', 'put', 'post', 'delete', 'patch']
const started = Date.now()

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function resolvePointer(doc, ref) {
  let node = doc
  for (const raw of ref.slice(2).split('/')) node = node?.[raw.replaceAll('~1', '/').replaceAll('~0', '~')]
  if (node === undefined) throw new Error(`$ref ${ref} does not resolve`)
  return node
}
const deref = (doc, o) => (o && o.$ref ? deref(doc, resolvePointer(doc, o.$ref)) : o)

// ---- the server ----------------------------------------------------------------------------

const startServer = () => startDemoServer({ adminPassword: ADMIN_PASSWORD, demoPassword: DEMO_PASSWORD, prefix: 'huanxin-conformance-' })

// ---- validation ----------------------------------------------------------------------------

// Checks one answer against `doc`: → [{pointer, message}] (empty when it conforms).
export function conformance(doc, ajv, cache, rec) {
  const op = doc.paths[rec.route]?.[rec.method.toLowerCase()]
  if (!op) return [{ pointer: '', message: 'the route is not described' }]
  const status = String(rec.status)
  const response = deref(doc, op.responses?.[status] ?? op.responses?.[`${status[0]}XX`] ?? op.responses?.default)
  if (!response) return [{ pointer: '', message: `status ${status} is not described (described: ${Object.keys(op.responses ?? {}).join(', ')})` }]
  const content = response.content ?? {}
  if (rec.status === 204 || rec.status === 304) return []
  const type = (rec.contentType ?? '').split(';')[0].trim()
  if (type !== 'application/json') {
    if (content[type]) return []
    return [{ pointer: '', message: `answered ${type || 'no content type'}; described: ${Object.keys(content).join(', ') || 'no content'}` }]
  }
  const media = content['application/json']
  if (!media) return [{ pointer: '', message: `answered JSON; described: ${Object.keys(content).join(', ') || 'no content'}` }]
  const out = []
  if (media.schema) {
    let validate = cache.get(media.schema)
    if (!validate) {
      validate = ajv.compile(convert(media.schema))
      cache.set(media.schema, validate)
    }
    if (!validate(rec.body)) {
      const seen = new Set()
      for (const e of validate.errors) {
        const message = e.message +
          (e.params?.allowedValues ? `: ${JSON.stringify(e.params.allowedValues).slice(0, 160)}` : '') +
          (e.params?.additionalProperty ? `: ${e.params.additionalProperty}` : '') +
          ` (at schema ${e.schemaPath})`
        const key = `${e.instancePath} ${message}`
        if (seen.has(key)) continue
        seen.add(key)
        const value = e.instancePath.split('/').slice(1).reduce((v, k) => v?.[k.replaceAll('~1', '/').replaceAll('~0', '~')], rec.body)
        out.push({ pointer: e.instancePath || '/', message, value: JSON.stringify(value)?.slice(0, 120) })
      }
    }
  }
  // An error's reason must be one the description names for that status.
  const reason = rec.status >= 400 ? rec.body?.error?.reason : undefined
  if (reason && !(response.description ?? '').includes(reason))
    out.push({ pointer: '/error/reason', message: `reason ${reason} is not named in the description of ${status}`, value: JSON.stringify(rec.body.error.detail ?? '') })
  return out
}

// ---- the calls -----------------------------------------------------------------------------

class Client {
  constructor(baseUrl) {
    this.baseUrl = baseUrl
    this.records = []
  }

  // One call, recorded for validation. `route` is the described path template; `params` fill it.
  async call(who, token, method, route, { params = {}, query = {}, body, multipart, expect } = {}) {
    const url = new URL(this.baseUrl + route.replace(/\{(\w+)\}/g, (_, n) => encodeURIComponent(String(params[n]))))
    for (const [k, v] of Object.entries(query)) if (v != null) url.searchParams.set(k, String(v))
    const headers = {}
    if (token) headers.Authorization = `Bearer ${token}`
    let payload
    if (multipart) {
      payload = new FormData()
      payload.append(multipart.field, new Blob([multipart.bytes], { type: multipart.type }), multipart.name)
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json'
      payload = JSON.stringify(body)
    }
    const res = await fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(60_000) })
    const contentType = res.headers.get('content-type') ?? ''
    const raw = Buffer.from(await res.arrayBuffer())
    let json
    if (contentType.startsWith('application/json') && raw.length) {
      try {
        json = JSON.parse(raw.toString('utf8'))
      } catch (e) {
        json = { unparsable: String(e) }
      }
    }
    const rec = { who, method, route, url: url.pathname + url.search, status: res.status, contentType, body: json, size: raw.length }
    this.records.push(rec)
    if (expect && !expect.includes(res.status))
      rec.unexpected = `expected ${expect.join(' or ')}${json?.error ? ` (got ${json.error.reason}: ${json.error.detail})` : ''}`
    return rec
  }
}

const isBinary = (doc, route) => {
  const ok = doc.paths[route]?.get?.responses?.['200']
  const content = deref(doc, ok)?.content ?? {}
  return Object.keys(content).length > 0 && !content['application/json']
}

// Which value fills a path parameter of `route`.
function paramKey(route, name) {
  if (name === 'dwellingId') return 'dwelling'
  if (name === 'ownerId') return 'owner'
  const segs = route.replace('/api/v1/', '').split('/')
  if (name === 'code') {
    if (segs[0] === 'regions') return 'region'
    if (segs[0] === 'ballot' || segs.includes('paper')) return 'ballotCode'
    if (segs[0] === 'public' && segs[1] === 'tickets') return 'ticketCode'
    if (segs[0] === 'public') return 'receipt'
    if (segs[0] === 'checkup' && segs[1] === 'items') return 'itemCode'
  }
  if (name === 'year' && segs[0] === 'calendar') return 'calendarYear'
  if (name === 'regionCode') return 'region'
  if (name === 'id') {
    if (segs[0] === 'public' && segs[1] === 'publicity') return 'notice'
    if (segs[0] === 'public' && segs[1] === 'estates') return 'estate'
    const table = {
      estates: 'estate', buildings: 'building', dwellings: 'dwelling', consultations: 'consultation', checkups: 'checkup',
      users: 'user', jobs: 'job', files: 'file', plans: 'plan', projects: 'project',
      publicity: 'notice', tickets: 'ticket',
    }
    if (segs[0] === 'checkup' && segs[1] === 'catalogs') return 'catalog'
    return table[segs[0]]
  }
  return undefined
}

const first = (rec, f = (x) => x) => (rec.status === 200 && rec.body?.items?.length ? f(rec.body.items[0]) : undefined)

// Ids this account can see, from its own list answers (each call is checked too).
async function seed(client, who, token, ctx) {
  const get = (route, params, query) => client.call(who, token, 'GET', route, { params, query })
  const me = await get('/api/v1/auth/me')
  ctx.region = me.body?.user?.scopeCode || '360104'
  ctx.estate = first(await get('/api/v1/estates'), (e) => e.id) ?? ctx.estate
  if (ctx.estate) {
    ctx.building = first(await get('/api/v1/estates/{id}/buildings', { id: ctx.estate }), (b) => b.id) ?? ctx.building
  }
  if (ctx.building) {
    const dw = await get('/api/v1/buildings/{id}/dwellings', { id: ctx.building })
    ctx.dwelling = first(dw, (d) => d.id) ?? ctx.dwelling
    ctx.owner = first(dw, (d) => d.owners?.[0]?.id) ?? ctx.owner
  }
  ctx.owner = first(await get('/api/v1/owners'), (o) => o.id) ?? ctx.owner
  // An open one first: the ballot calls below need it (the demo also holds closed owners' assemblies).
  ctx.consultation = first(await get('/api/v1/consultations', undefined, { state: 'open' }), (c) => c.id) ??
    first(await get('/api/v1/consultations'), (c) => c.id) ?? ctx.consultation
  if (ctx.consultation) {
    ctx.ballotCode = first(await get('/api/v1/consultations/{id}/codes', { id: ctx.consultation }), (c) => c.code) ?? ctx.ballotCode
    ctx.receipt = first(await get('/api/v1/consultations/{id}/ballots', { id: ctx.consultation }), (b) => b.receipt) ?? ctx.receipt
  }
  ctx.checkup = first(await get('/api/v1/checkups'), (c) => c.id) ?? ctx.checkup
  ctx.catalog = first(await get('/api/v1/checkup/catalogs'), (c) => c.id) ?? ctx.catalog
  ctx.user = first(await get('/api/v1/users'), (u) => u.id) ?? ctx.user
  ctx.itemCode = first(await get('/api/v1/catalog/renovation-items'), (i) => i.code) ?? ctx.itemCode
  ctx.plan = first(await get('/api/v1/plans'), (p) => p.id) ?? ctx.plan
  ctx.project = first(await get('/api/v1/projects'), (p) => p.id) ?? ctx.project
  ctx.notice = first(await get('/api/v1/publicity'), (n) => n.id) ?? ctx.notice
  ctx.ticket = first(await get('/api/v1/tickets'), (t) => t.id) ?? ctx.ticket
  ctx.ticketCode = first(await get('/api/v1/tickets'), (t) => t.code) ?? ctx.ticketCode
  ctx.calendarYear = ctx.calendarYear ?? 2026
}

// Extra answers worth their shape: optional parameters that change what comes back.
function variants(route, ctx) {
  switch (route) {
    case '/api/v1/consultations/{id}/tally': return [{}, { round: 1 }]
    case '/api/v1/consultations/{id}/ballots': return [{}, { dwellingId: ctx.dwelling }]
    case '/api/v1/checkup/indicators': return [{}, { catalogId: ctx.catalog }]
    case '/api/v1/checkups/{id}/observations':
    case '/api/v1/checkups/{id}/problems': return [{}, { estateId: ctx.checkupEstate }]
    case '/api/v1/regions': return [{}, { parent: ctx.region }]
    case '/api/v1/register/rollup': return [{}, { regionCode: ctx.region }]
    case '/api/v1/tickets': return [{}, { overdue: true }, { status: 'closed' }]
    case '/api/v1/ticket-figures': return [{}, { regionCode: ctx.region }]
    default: return [{}]
  }
}

const ids = (o) => JSON.parse(JSON.stringify(o))

// The writes: documented request examples with real ids, on the throw-away database.
async function writes(client, doc, tokens, ctx) {
  const admin = tokens.admin
  const example = (route, method) => ids(doc.paths[route][method].requestBody.content['application/json'].example)
  const call = (method, route, opts) => client.call('admin', admin, method, route, opts)

  // Register: an estate with a building, a dwelling and an owner, changed and removed again.
  const estate = await call('POST', '/api/v1/estates', { body: { ...example('/api/v1/estates', 'post'), regionCode: '360104002001', name: '接口一致性检查小区' }, expect: [201] })
  const estateId = estate.body?.id
  if (estateId) {
    await call('PATCH', '/api/v1/estates/{id}', { params: { id: estateId }, body: example('/api/v1/estates/{id}', 'patch'), expect: [200] })
    await call('GET', '/api/v1/estates/{id}/summary', { params: { id: estateId }, expect: [200] })
    const b = await call('POST', '/api/v1/estates/{id}/buildings', { params: { id: estateId }, body: example('/api/v1/estates/{id}/buildings', 'post'), expect: [201] })
    const buildingId = b.body?.id
    if (buildingId) {
      await call('PATCH', '/api/v1/buildings/{id}', { params: { id: buildingId }, body: example('/api/v1/buildings/{id}', 'patch'), expect: [200] })
      const d = await call('POST', '/api/v1/buildings/{id}/dwellings', { params: { id: buildingId }, body: example('/api/v1/buildings/{id}/dwellings', 'post'), expect: [201] })
      const dwellingId = d.body?.id
      if (dwellingId) {
        await call('PATCH', '/api/v1/dwellings/{id}', { params: { id: dwellingId }, body: example('/api/v1/dwellings/{id}', 'patch'), expect: [200] })
        const o = await call('POST', '/api/v1/owners', { body: example('/api/v1/owners', 'post'), expect: [201] })
        if (o.body?.id) {
          await call('POST', '/api/v1/dwellings/{id}/owners', { params: { id: dwellingId }, body: { ownerId: o.body.id }, expect: [200, 201] })
          await call('DELETE', '/api/v1/dwellings/{id}/owners/{ownerId}', { params: { id: dwellingId, ownerId: o.body.id }, expect: [200, 204] })
        }
        await call('DELETE', '/api/v1/buildings/{id}', { params: { id: buildingId }, expect: [409] }) // still has a dwelling
        await call('DELETE', '/api/v1/dwellings/{id}', { params: { id: dwellingId }, expect: [204] })
      }
      await call('DELETE', '/api/v1/buildings/{id}', { params: { id: buildingId }, expect: [204] })
    }
    await call('DELETE', '/api/v1/estates/{id}', { params: { id: estateId }, expect: [204] })
  }
  // Deletes that other contexts' records refuse (409 register.in_use / estate_not_empty), changing nothing.
  if (ctx.voterDwelling) await call('DELETE', '/api/v1/dwellings/{id}', { params: { id: ctx.voterDwelling }, expect: [409] })
  if (ctx.consultationEstate) await call('DELETE', '/api/v1/estates/{id}', { params: { id: ctx.consultationEstate }, expect: [409] })

  // Consultation: a draft from the documented example, one rule refused, one law version refused.
  if (ctx.estate && ctx.building) {
    const body = example('/api/v1/consultations', 'post')
    body.estateId = ctx.consultationEstate ?? ctx.estate
    delete body.opensAt
    delete body.closesAt
    for (const it of body.items) if (it.scope?.buildingId) it.scope.buildingId = ctx.consultationBuilding ?? ctx.building
    const c = await call('POST', '/api/v1/consultations', { body, expect: [201] })
    if (c.body?.id) {
      await call('POST', '/api/v1/consultations/{id}/open', { params: { id: c.body.id }, expect: [200] })
      await call('GET', '/api/v1/consultations/{id}/tally', { params: { id: c.body.id }, expect: [200] })
    }
    const bad = ids(body)
    bad.items[1].rule = { ...bad.items[1].rule, quorum: '0%' }
    await call('POST', '/api/v1/consultations', { body: bad, expect: [422] })
    await call('POST', '/api/v1/consultations', { body: { ...ids(body), lawVersion: 'property-law-2007' }, expect: [422] })
  }
  // A ballot on the demo consultation's current round, evidence stored and read back.
  if (ctx.consultation && ctx.voterDwelling && ctx.roundItems?.length) {
    const ev = await call('POST', '/api/v1/consultations/{id}/evidence', {
      params: { id: ctx.consultation },
      multipart: { field: 'file', name: 'ballot.png', type: 'image/png', bytes: Buffer.from(SAMPLE_PNG, 'base64') },
      expect: [201],
    })
    if (ev.body?.id) {
      ctx.file = ev.body.id
      await call('GET', '/api/v1/files/{id}', { params: { id: ev.body.id }, expect: [200] })
    }
    const body = example('/api/v1/consultations/{id}/ballots/{dwellingId}', 'put')
    body.choices = Object.fromEntries(ctx.roundItems.map((id) => [String(id), 'agree']))
    body.evidenceFileId = ev.body?.id ?? null
    body.applyToOwnerDwellings = true
    await call('PUT', '/api/v1/consultations/{id}/ballots/{dwellingId}', { params: { id: ctx.consultation, dwellingId: ctx.voterDwelling }, body, expect: [200] })
  }
  // Lift cost sharing in the demo building's first stairwell.
  if (ctx.building) {
    const body = { ...example('/api/v1/lift-share', 'post'), buildingId: ctx.building, stairwell: 1 }
    await call('POST', '/api/v1/lift-share', { body, expect: [200, 422] })
    await call('POST', '/api/v1/lift-share', { body: { ...body, exemptFloors: [300] }, expect: [422] })
  }
  // The renovation catalogue: an item's cost (catalogue:write), refused for a street office.
  if (ctx.itemCode) {
    const body = example('/api/v1/checkup/items/{code}', 'patch')
    await call('PATCH', '/api/v1/checkup/items/{code}', { params: { code: ctx.itemCode }, body, expect: [200] })
    await call('PATCH', '/api/v1/checkup/items/{code}', { params: { code: ctx.itemCode }, body: { payer: 'nobody' }, expect: [422] })
    await client.call('hongdu.street', tokens['hongdu.street'], 'PATCH', '/api/v1/checkup/items/{code}', { params: { code: ctx.itemCode }, body, expect: [403] })
  }
  // Check-up reports as a background job, followed to its end.
  if (ctx.checkup) {
    const job = await call('POST', '/api/v1/checkups/{id}/reports', { params: { id: ctx.checkup }, expect: [202] })
    if (job.body?.jobId ?? job.body?.id) {
      ctx.job = job.body.jobId ?? job.body.id
      for (let i = 0; i < 50; i++) {
        const j = await call('GET', '/api/v1/jobs/{id}', { params: { id: ctx.job }, expect: [200] })
        if (!['queued', 'running'].includes(j.body?.state)) break
        await sleep(200)
      }
    }
  }
  // Check-up: a photo and observations on an estate in capture, submitted and returned; an estate
  // waiting for review approved (its report kept as a file, read back); a check-up; a catalogue draft.
  if (ctx.captureCheckup) {
    const { id, estateId } = ctx.captureCheckup
    const photo = await call('POST', '/api/v1/checkups/{id}/photos', {
      params: { id },
      multipart: { field: 'file', name: 'facade.png', type: 'image/png', bytes: Buffer.from(SAMPLE_PNG, 'base64') },
      expect: [201],
    })
    if (photo.body?.id) await call('GET', '/api/v1/files/{id}', { params: { id: photo.body.id }, expect: [200] })
    const b = await call('GET', '/api/v1/estates/{id}/buildings', { params: { id: estateId } })
    const body = example('/api/v1/checkups/{id}/observations', 'post')
    for (const o of body.observations) {
      o.estateId = estateId
      if (o.buildingId) o.buildingId = first(b, (x) => x.id)
      if (o.photoIds) o.photoIds = photo.body?.id ? [photo.body.id] : []
    }
    await call('POST', '/api/v1/checkups/{id}/observations', { params: { id }, body, expect: [200] })
    await call('POST', '/api/v1/checkups/{id}/submit', { params: { id }, body: { estateId }, expect: [200] })
    await call('POST', '/api/v1/checkups/{id}/return', { params: { id }, body: { ...example('/api/v1/checkups/{id}/return', 'post'), estateId }, expect: [200] })
  }
  if (ctx.reviewCheckup) {
    const { id, estateId } = ctx.reviewCheckup
    await call('POST', '/api/v1/checkups/{id}/approve', { params: { id }, body: { estateId }, expect: [200] })
    const k = await call('GET', '/api/v1/checkups/{id}', { params: { id } })
    const fileId = k.body?.estates?.find((e) => e.estateId === estateId)?.reportFileId
    if (fileId) await call('GET', '/api/v1/files/{id}', { params: { id: fileId }, expect: [200] })
  }
  await call('POST', '/api/v1/checkups', { body: { ...example('/api/v1/checkups', 'post'), regionCode: '360104002001' }, expect: [201] })
  const draft = await call('POST', '/api/v1/checkup/catalogs', { expect: [201] })
  if (draft.body?.id)
    await call('POST', '/api/v1/checkup/catalogs/{id}/indicators', { params: { id: draft.body.id }, body: example('/api/v1/checkup/catalogs/{id}/indicators', 'post'), expect: [201] })
  await projectWrites(call, example, ctx)
  await constructionWrites(call, example, ctx)
  // A user and a grid.
  const u = await call('POST', '/api/v1/users', { body: { ...example('/api/v1/users', 'post'), username: 'conformance.street', scopeCode: '360104002' }, expect: [201] })
  if (u.body?.id) await call('PATCH', '/api/v1/users/{id}', { params: { id: u.body.id }, body: example('/api/v1/users/{id}', 'patch'), expect: [200] })
  await call('POST', '/api/v1/regions/{code}/grids', { params: { code: '360104002001' }, body: { ...example('/api/v1/regions/{code}/grids', 'post'), name: '接口检查网格' }, expect: [201] })
  // Failed logins: 401 each, then 429 for that username.
  for (let i = 0; i < 6; i++) {
    const r = await client.call('anonymous', null, 'POST', '/api/v1/auth/login', { body: { username: 'nobody.conformance', password: 'wrong-password-1' }, expect: [401, 429] })
    if (r.status === 429) break
  }
}

// Construction: the demo area project's steps, schedule and alerts read back and a proposal made
// for it (one refused); on the conformance project (after projectWrites), the documented steps on
// its estate and building, a refused cycle, the documented run, one refused for a year whose
// calendar is not loaded, a baseline (refused before the run) and the schedule read back; a
// street's seasons set, one refused, an unknown region.
async function constructionWrites(call, example, ctx) {
  const list = await call('GET', '/api/v1/projects', { query: { pageSize: 100 }, expect: [200] })
  const area = list.body?.items?.find((p) => p.kind === 'area')?.id
  if (area) {
    const at = (route, method, opts = {}) => call(method, route, { ...opts, params: { id: area } })
    await at('/api/v1/projects/{id}/steps', 'GET', { expect: [200] })
    await at('/api/v1/projects/{id}/schedule', 'GET', { expect: [200] })
    await at('/api/v1/projects/{id}/alerts', 'GET', { expect: [200] })
    await at('/api/v1/projects/{id}/steps/generate', 'POST', { body: example('/api/v1/projects/{id}/steps/generate', 'post'), expect: [200, 422] })
    await at('/api/v1/projects/{id}/steps/generate', 'POST', { body: {}, expect: [200] })
    await at('/api/v1/projects/{id}/steps/generate', 'POST', { body: { estateIds: [999999] }, expect: [422] })
  }
  if (ctx.project && ctx.estate && ctx.building) {
    const at = (route, method, opts = {}) => call(method, route, { ...opts, params: { id: ctx.project } })
    await at('/api/v1/projects/{id}/schedule', 'GET', { expect: [404] })
    await at('/api/v1/projects/{id}/baseline', 'POST', { expect: [409] })
    const steps = example('/api/v1/projects/{id}/steps', 'post')
    for (const s of steps.steps) {
      s.estateId = ctx.estate
      if (s.disruption) s.disruption.buildingIds = [ctx.building]
    }
    await at('/api/v1/projects/{id}/steps', 'POST', { body: steps, expect: [201] })
    const cycle = ids(steps)
    cycle.steps[0].predecessors = [{ code: cycle.steps.at(-1).code }]
    await at('/api/v1/projects/{id}/steps', 'POST', { body: cycle, expect: [422] })
    const run = example('/api/v1/projects/{id}/schedule', 'post')
    await at('/api/v1/projects/{id}/schedule', 'POST', { body: run, expect: [200] })
    await at('/api/v1/projects/{id}/schedule', 'POST', { body: { ...run, startOn: '2031-03-03' }, expect: [422] })
    await at('/api/v1/projects/{id}/baseline', 'POST', { expect: [201] })
    await at('/api/v1/projects/{id}/schedule', 'GET', { expect: [200] })
    await at('/api/v1/projects/{id}/alerts', 'GET', { expect: [200] })
  }
  const seasons = example('/api/v1/calendar/seasons/{regionCode}', 'put')
  await call('PUT', '/api/v1/calendar/seasons/{regionCode}', { params: { regionCode: '360104002' }, body: seasons, expect: [200] })
  await call('PUT', '/api/v1/calendar/seasons/{regionCode}', { params: { regionCode: '360104002' }, body: { ...seasons, frost: { from: '12-32', to: '02-15' } }, expect: [422] })
  await call('PUT', '/api/v1/calendar/seasons/{regionCode}', { params: { regionCode: '369999' }, body: seasons, expect: [404] })
}

// Projects and money: a plan and a one-estate project on the admin's first estate, in a year the
// demo leaves alone (2031), with a document and its scan, a gate passed and one refused, a unit, a
// budget line changed and a change order, ledger entries and a refused one, documents deleted and
// one refused. The plan and project fill the GET routes afterwards.
async function projectWrites(call, example, ctx) {
  const year = 2031
  const plan = await call('POST', '/api/v1/plans', { body: { ...example('/api/v1/plans', 'post'), regionCode: '360104', year }, expect: [201] })
  if (plan.body?.id) {
    ctx.plan = plan.body.id
    await call('PATCH', '/api/v1/plans/{id}', { params: { id: plan.body.id }, body: example('/api/v1/plans/{id}', 'patch'), expect: [200] })
  }
  await call('POST', '/api/v1/plans', { body: { ...example('/api/v1/plans', 'post'), regionCode: '360104', year }, expect: [409] })
  if (!ctx.estate) return
  const estate = await call('GET', '/api/v1/estates/{id}', { params: { id: ctx.estate }, expect: [200] })
  const body = { ...example('/api/v1/projects', 'post'), year, kind: 'estate', regionCode: estate.body?.regionCode, estateIds: [ctx.estate] }
  const project = await call('POST', '/api/v1/projects', { body, expect: [201] })
  const id = project.body?.id
  if (!id) return
  ctx.project = id
  await call('POST', '/api/v1/projects', { body, expect: [409] })
  const at = (route, method, opts) => call(method, route, { ...opts, params: { id, ...opts.params } })
  const consent = await at('/api/v1/projects/{id}/documents', 'POST', {
    body: { ...example('/api/v1/projects/{id}/documents', 'post'), kind: 'willingness_consent', title: '改造意愿征询结果' }, expect: [201] })
  if (consent.body?.id) {
    const scan = await at('/api/v1/projects/{id}/documents/{docId}/file', 'POST', {
      params: { docId: consent.body.id },
      multipart: { field: 'file', name: '意愿征询.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') },
      expect: [200] })
    if (scan.body?.file?.id) await call('GET', '/api/v1/files/{id}', { params: { id: scan.body.file.id }, expect: [200] })
    await at('/api/v1/projects/{id}/documents/{docId}/file', 'POST', {
      params: { docId: consent.body.id }, multipart: { field: 'file', name: 'note.txt', type: 'text/plain', bytes: Buffer.from('not a scan') }, expect: [415] })
  }
  await at('/api/v1/projects/{id}/transitions', 'POST', { body: { to: 'planned' }, expect: [200] })
  await at('/api/v1/projects/{id}/transitions', 'POST', { body: { to: 'designed' }, expect: [409] })
  await at('/api/v1/projects/{id}/transitions', 'POST', { body: { to: 'approved' }, expect: [409] })
  if (consent.body?.id) await at('/api/v1/projects/{id}/documents/{docId}', 'DELETE', { params: { docId: consent.body.id }, expect: [409] })
  const other = await at('/api/v1/projects/{id}/documents', 'POST', { body: { kind: 'other', title: '现场照片说明' }, expect: [201] })
  if (other.body?.id) await at('/api/v1/projects/{id}/documents/{docId}', 'DELETE', { params: { docId: other.body.id }, expect: [204] })
  await at('/api/v1/projects/{id}/units/{role}', 'PUT', { params: { role: 'construction' }, body: example('/api/v1/projects/{id}/units/{role}', 'put'), expect: [200] })
  await at('/api/v1/projects/{id}/units/{role}', 'PUT', { params: { role: 'painter' }, body: example('/api/v1/projects/{id}/units/{role}', 'put'), expect: [404] })
  const line = await at('/api/v1/projects/{id}/budget-items', 'POST', {
    body: { ...example('/api/v1/projects/{id}/budget-items', 'post'), itemCode: ctx.itemCode }, expect: [201] })
  if (line.body?.id) {
    await at('/api/v1/projects/{id}/budget-items/{lineId}', 'PATCH', { params: { lineId: line.body.id }, body: example('/api/v1/projects/{id}/budget-items/{lineId}', 'patch'), expect: [200] })
    await at('/api/v1/projects/{id}/change-orders', 'POST', { body: { ...example('/api/v1/projects/{id}/change-orders', 'post'), budgetItemId: line.body.id }, expect: [201] })
  }
  await at('/api/v1/projects/{id}/funds', 'POST', { body: example('/api/v1/projects/{id}/funds', 'post'), expect: [201] })
  await at('/api/v1/projects/{id}/funds', 'POST', { body: { ...example('/api/v1/projects/{id}/funds', 'post'), kind: 'paid', amount: 190780000 }, expect: [201] })
  await at('/api/v1/projects/{id}/funds', 'POST', { body: { ...example('/api/v1/projects/{id}/funds', 'post'), amount: 12.345 }, expect: [422] })
  await at('/api/v1/projects/{id}/funds', 'POST', { body: { ...example('/api/v1/projects/{id}/funds', 'post'), source: 'lottery' }, expect: [422] })
}

// A 1×1 PNG with a text chunk (tests/testing/sample_images.hpp SamplePngWithText).
const SAMPLE_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACHRFWHRBdXRob3IAePRyce0AAAALZVhJZk1NACoAAAAIR1BTqdk3WQAAAApJREFUeJxjaAAAAIIAgXfNcrYAAAAHdElNRQfoAQIDBAW36l2mAAAAAElFTkSuQmCC'

async function exercise(client, doc) {
  const tokens = {}
  const login = async (username, password) => {
    const r = await client.call('anonymous', null, 'POST', '/api/v1/auth/login', { body: { username, password }, expect: [200] })
    if (r.status !== 200) throw new Error(`login as ${username} failed: ${r.status} ${JSON.stringify(r.body)}`)
    tokens[username] = r.body.token
  }
  await login('admin', ADMIN_PASSWORD)
  for (const u of DEMO_ACCOUNTS) await login(u, DEMO_PASSWORD)

  const accounts = ['admin', ...DEMO_ACCOUNTS]
  const ctxs = {}
  for (const who of accounts) {
    ctxs[who] = {}
    await seed(client, who, tokens[who], ctxs[who])
  }
  // What the writes and a few routes need, from the admin's view of the demo consultation.
  const admin = ctxs.admin
  if (admin.consultation) {
    const c = await client.call('admin', tokens.admin, 'GET', '/api/v1/consultations/{id}', { params: { id: admin.consultation } })
    admin.consultationEstate = c.body?.estateId
    const round = c.body?.rounds?.at(-1)
    admin.roundItems = round?.itemIds ?? []
    const codes = await client.call('admin', tokens.admin, 'GET', '/api/v1/consultations/{id}/codes', { params: { id: admin.consultation } })
    const row = codes.body?.items?.find((x) => !round?.dwellingIds || round.dwellingIds.includes(x.dwellingId))
    admin.voterDwelling = row?.dwellingId
    if (admin.consultationEstate) {
      const b = await client.call('admin', tokens.admin, 'GET', '/api/v1/estates/{id}/buildings', { params: { id: admin.consultationEstate } })
      admin.consultationBuilding = first(b, (x) => x.id)
    }
  }
  if (admin.checkup) {
    const k = await client.call('admin', tokens.admin, 'GET', '/api/v1/checkups/{id}', { params: { id: admin.checkup } })
    admin.checkupEstate = k.body?.estates?.[0]?.estateId
    const all = await client.call('admin', tokens.admin, 'GET', '/api/v1/checkups')
    const withStatus = (status) => {
      for (const c of all.body?.items ?? []) {
        const e = c.estates?.find((x) => x.status === status)
        if (e) return { id: c.id, estateId: e.estateId }
      }
    }
    admin.captureCheckup = withStatus('draft')
    admin.reviewCheckup = withStatus('submitted')
  }
  await writes(client, doc, tokens, admin)
  for (const who of accounts) for (const [k, v] of Object.entries(admin)) if (ctxs[who][k] == null) ctxs[who][k] = v

  // Every GET route, as every account; binary downloads once (their content type only).
  const getRoutes = Object.keys(doc.paths).filter((p) => doc.paths[p].get)
  const exercised = new Set(client.records.filter((r) => r.method === 'GET').map((r) => r.route))
  const binaryDone = new Set()
  const unfilled = new Map()
  for (const who of ['anonymous', ...accounts]) {
    const ctx = who === 'anonymous' ? admin : ctxs[who]
    for (const route of getRoutes) {
      const op = doc.paths[route].get
      const isPublic = Array.isArray(op.security) && op.security.length === 0
      if (who === 'anonymous' && !isPublic && route !== '/api/v1/auth/me') continue
      if (isBinary(doc, route) && binaryDone.has(route)) continue
      const params = {}
      const missing = []
      for (const [, name] of route.matchAll(/\{(\w+)\}/g)) {
        const key = paramKey(route, name)
        if (key && ctx[key] != null) params[name] = ctx[key]
        else missing.push(name)
      }
      if (missing.length) {
        unfilled.set(route, missing)
        continue
      }
      for (const query of variants(route, ctx)) {
        if (Object.values(query).some((v) => v == null)) continue
        const r = await client.call(who, tokens[who], 'GET', route, { params, query })
        exercised.add(route)
        if (isBinary(doc, route) && r.status === 200) binaryDone.add(route)
      }
    }
  }
  for (const r of exercised) unfilled.delete(r)
  return { getRoutes, exercised, unfilled }
}

// Proves the check fails where it must: the /health answer against a copy whose `version` is an integer.
function selfCheck(doc, records) {
  const rec = records.find((r) => r.route === '/api/v1/health' && r.status === 200)
  if (!rec) return ['no /health answer to check against a broken copy']
  const copy = structuredClone(doc)
  copy.components.schemas.Health.properties.version.type = 'integer'
  const found = conformance(copy, makeAjv(copy), new Map(), rec)
  if (!found.some((m) => m.pointer === '/version')) return ['a copy with Health.version as an integer was not reported at /version']
  return []
}

async function main() {
  const file = process.argv[2]
  if (!file) {
    console.error('usage: node scripts/check-api-conformance.mjs MERGED.json')
    process.exit(2)
  }
  const doc = JSON.parse(readFileSync(file, 'utf8'))
  let server
  try {
    server = await startServer()
  } catch (e) {
    console.error(`check-api-conformance: the server did not start: ${e.message}`)
    process.exit(1)
  }
  let result
  const client = new Client(server.baseUrl)
  try {
    result = await exercise(client, doc)
  } catch (e) {
    console.error(`check-api-conformance: ${e.stack}\nserver output:\n${server.output()}`)
    await server.stop()
    process.exit(1)
  }
  await server.stop()

  const ajv = makeAjv(doc)
  const cache = new Map()
  const failing = new Map()
  let validated = 0
  for (const rec of client.records) {
    const found = conformance(doc, ajv, cache, rec)
    if (rec.contentType.startsWith('application/json') && rec.body !== undefined) validated++
    if (rec.unexpected) found.push({ pointer: '', message: `status ${rec.status}: ${rec.unexpected}` })
    for (const m of found) {
      // One line per route, status, pointer (array indices folded) and message.
      const key = `${rec.method} ${rec.route} ${rec.status} ${m.pointer.replace(/\/\d+(?=\/|$)/g, '/*')} ${m.message}`
      const into = failing
      const entry = into.get(key) ?? { rec, m, who: new Set(), urls: new Set(), times: 0 }
      entry.who.add(rec.who)
      entry.urls.add(rec.url)
      entry.times++
      into.set(key, entry)
    }
  }
  const print = (entries, out) => {
    for (const { rec, m, who, urls, times } of entries.values()) {
      out(`  ${rec.method} ${rec.route} → ${rec.status} as ${[...who].join(', ')}  ${m.pointer}: ${m.message}` +
        (times > 1 ? ` (${times} times)` : '') +
        (m.value !== undefined ? `\n      value ${m.value}` : '') + `\n      e.g. ${[...urls][0]}`)
    }
  }
  const routes = new Set(client.records.map((r) => `${r.method} ${r.route}`))
  console.log(`check-api-conformance: ${client.records.length} answers from ${routes.size} routes ` +
    `(${result.exercised.size} of ${result.getRoutes.length} GET routes), ${validated} JSON answers validated, ` +
    `in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  if (process.env.HX_CONFORMANCE_VERBOSE) {
    const by = new Map()
    for (const r of client.records) {
      const k = `${r.method} ${r.route}`
      by.set(k, [...(by.get(k) ?? []), `${r.who}:${r.status}${r.body?.error ? `(${r.body.error.reason})` : ''}`])
    }
    for (const [k, v] of [...by].sort()) console.log(`  ${k}  ${[...new Set(v)].join(' ')}`)
  }
  if (result.unfilled.size) {
    console.log(`check-api-conformance: GET routes not exercised (no value for their path parameters):`)
    for (const [route, missing] of result.unfilled) console.log(`  ${route} (${missing.join(', ')})`)
  }
  const problems = selfCheck(doc, client.records)
  for (const p of problems) console.error(`check-api-conformance: self-check FAILED: ${p}`)
  if (failing.size) {
    console.error(`check-api-conformance: ${failing.size} mismatches between the server's answers and ${file}:`)
    print(failing, console.error)
  } else {
    console.log('check-api-conformance: every answer matches the description')
  }
  if (!problems.length) console.log('check-api-conformance: self-check ok: a copy with a wrong field type was reported against a real answer')
  process.exit(failing.size || problems.length ? 1 : 0)
}

main()
