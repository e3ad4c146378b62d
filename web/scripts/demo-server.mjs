// The real server on a fresh SQLite database in a temporary folder with the demo data (`huanxin
// demo`, regions of Nanchang only), for the checks that talk to it (check-api-conformance.mjs,
// check-open311.mjs). HUANXIN_BIN overrides build/dev/bin/huanxin.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

// Runs `huanxin <args>`; `until`: a pattern of its output that `ready` resolves with.
function run(bin, name, args, env, { until } = {}) {
  const child = spawn(bin, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const exit = new Promise((r) => child.on('exit', (code, signal) => r({ code, signal })))
  const ready = new Promise((resolveReady, reject) => {
    const onData = (d) => {
      output += d
      const m = until && output.match(until)
      if (m) resolveReady(m)
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    exit.then((e) => reject(new Error(`huanxin ${name} ended (${JSON.stringify(e)}):\n${output}`)))
  })
  ready.catch(() => {}) // awaited only when `until` is given
  return { child, exit, ready, output: () => output }
}

// Loads the demo (its output lines are `demoOutput`) and serves on an ephemeral port: {baseUrl,
// output, demoOutput, stop()}.
export async function startDemoServer({ adminPassword, demoPassword, prefix }) {
  const bin = process.env.HUANXIN_BIN ?? join(repoRoot, 'build/dev/bin/huanxin')
  if (!existsSync(bin)) throw new Error(`server binary not found at ${bin}: build it (cmake --build --preset dev) or set HUANXIN_BIN`)
  const tmp = mkdtempSync(join(os.tmpdir(), prefix))
  const common = ['--regions-prefix', '3601', '--db', `sqlite:${join(tmp, 'api.db')}`, '--var-dir', join(tmp, 'var')]
  const env = { ...process.env, HUANXIN_ADMIN_PASSWORD: adminPassword }
  for (const k of Object.keys(env)) if (k.startsWith('HUANXIN_') && k !== 'HUANXIN_ADMIN_PASSWORD' && k !== 'HUANXIN_BIN') delete env[k]
  // New password hashes at argon2id's minimum cost (test servers only; config/README.md).
  env.HUANXIN_TEST_WEAK_PASSWORD_HASH = '1'
  const demo = run(bin, 'demo', [...common, 'demo', '--password', demoPassword], env)
  const d = await demo.exit
  if (d.code !== 0) {
    rmSync(tmp, { recursive: true, force: true })
    throw new Error(`huanxin demo failed (${JSON.stringify(d)}):\n${demo.output()}`)
  }
  const serve = run(bin, 'serve', [...common, 'serve', '--host', '127.0.0.1', '--port', '0', '--threads', '2', '--no-access-log'], env, {
    until: /listening on (http:\/\/[0-9.]+:\d+)/,
  })
  const timer = setTimeout(() => serve.child.kill('SIGKILL'), 30_000)
  const m = await serve.ready.catch((e) => {
    rmSync(tmp, { recursive: true, force: true })
    throw e
  })
  clearTimeout(timer)
  const killOnExit = () => serve.child.kill('SIGKILL')
  process.once('exit', killOnExit)
  return {
    baseUrl: m[1],
    demoOutput: demo.output(),
    output: serve.output,
    async stop() {
      serve.child.kill('SIGTERM')
      const t = setTimeout(() => serve.child.kill('SIGKILL'), 10_000)
      await serve.exit
      clearTimeout(t)
      process.removeListener('exit', killOnExit)
      rmSync(tmp, { recursive: true, force: true })
    },
  }
}

