#!/usr/bin/env node
// A local OpenSearch cluster for development, tests and CI: `npm run opensearch -- start|stop|status`.
//
// On first use it fetches OpenSearch's integ-test-zip distribution (the engine and its transport module,
// no plugins: Clippings analyses text itself, see src/engine/opensearch/README.md) from Maven Central with
// `mvn dependency:copy` into a cache folder outside the repository, then starts N nodes on 127.0.0.1 with
// small heaps, each with its own ports, config, data and log folders, discovering each other. It returns
// once the cluster is green or yellow. OpenSearch refuses to run as root: as root the nodes run as an
// unprivileged user (OPENSEARCH_RUN_AS, else a system user `clippings-os` created once, else `nobody`).
//
//   npm run opensearch -- start [--nodes 2] [--heap 512m] [--port 9200] [--fresh]
//   npm run opensearch -- status [--port 9200]
//   npm run opensearch -- stop [--port 9200] [--node 2]
//
// Environment: CLIPPINGS_CACHE_DIR (default ~/.cache/clippings, or /var/cache/clippings as root, since a
// root home is not readable by the user the nodes run as), OPENSEARCH_VERSION (default 2.19.6).
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, closeSync, openSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

const VERSION = process.env.OPENSEARCH_VERSION ?? '2.19.6'
const ARTIFACT = `org.opensearch.distribution.integ-test-zip:opensearch:${VERSION}:zip`
const IS_ROOT = process.getuid?.() === 0
const CACHE_ROOT =
  process.env.CLIPPINGS_CACHE_DIR ?? (IS_ROOT ? '/var/cache/clippings' : join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'clippings'))
const VERSION_DIR = join(CACHE_ROOT, 'opensearch', VERSION)
const HOME = join(VERSION_DIR, `opensearch-${VERSION}`)
const SERVICE_USER = 'clippings-os'
/** How long a start may take before it gives up (a cold JVM on a busy 2-core machine takes ~30 s a node). */
const START_TIMEOUT_MS = 240_000

function usage(message) {
  if (message) console.error(`opensearch: ${message}`)
  console.error('usage: npm run opensearch -- start|stop|status [--nodes N] [--heap 512m] [--port 9200] [--fresh] [--node I]')
  process.exit(2)
}

function parseArgs(argv) {
  const [command, ...rest] = argv
  if (!['start', 'stop', 'status'].includes(command)) usage(command ? `unknown command "${command}"` : 'a command is needed')
  const options = { command, nodes: 2, heap: '512m', port: 9200, fresh: false, node: undefined }
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]
    const value = () => {
      const next = rest[++i]
      if (next === undefined) usage(`${flag} needs a value`)
      return next
    }
    if (flag === '--nodes') options.nodes = Number(value())
    else if (flag === '--heap') options.heap = value()
    else if (flag === '--port') options.port = Number(value())
    else if (flag === '--node') options.node = Number(value())
    else if (flag === '--fresh') options.fresh = true
    else usage(`unknown option "${flag}"`)
  }
  if (!Number.isInteger(options.nodes) || options.nodes < 1 || options.nodes > 9) usage('--nodes must be 1 to 9')
  if (!/^\d+[mg]$/i.test(options.heap)) usage('--heap must look like 512m or 1g')
  if (!Number.isInteger(options.port) || options.port < 1024) usage('--port must be a port number')
  return options
}

// ---------------------------------------------------------------------------------------------
// The distribution

/** Downloads (once) and unpacks the distribution; returns the folder it unpacked to. */
function ensureDistribution() {
  if (existsSync(join(HOME, 'bin', 'opensearch'))) return HOME
  mkdirSync(VERSION_DIR, { recursive: true })
  const zip = join(VERSION_DIR, `opensearch-${VERSION}.zip`)
  if (!existsSync(zip)) {
    console.log(`opensearch: fetching ${ARTIFACT} from Maven Central`)
    const fetched = spawnSync('mvn', ['-q', 'dependency:copy', `-Dartifact=${ARTIFACT}`, `-DoutputDirectory=${VERSION_DIR}`, '-Dmdep.stripVersion=false'], {
      stdio: 'inherit',
    })
    if (fetched.status !== 0) throw new Error(`opensearch: mvn dependency:copy of ${ARTIFACT} failed (is Maven installed and Maven Central reachable?)`)
  }
  console.log(`opensearch: unpacking ${zip}`)
  execFileSync('unzip', ['-q', '-o', zip, '-d', VERSION_DIR])
  // Readable by the user the nodes run as.
  execFileSync('chmod', ['-R', 'a+rX', VERSION_DIR])
  return HOME
}

// ---------------------------------------------------------------------------------------------
// Who runs the nodes

/** The uid and gid the nodes run as: ours, or as root an unprivileged user's. */
function runAs() {
  if (!IS_ROOT) return undefined
  const wanted = process.env.OPENSEARCH_RUN_AS
  const lookup = (name) => {
    const found = spawnSync('id', ['-u', name], { encoding: 'utf8' })
    if (found.status !== 0) return undefined
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim()
    return { name, uid: Number(found.stdout.trim()), gid: Number(gid) }
  }
  if (wanted) {
    const user = lookup(wanted)
    if (!user) throw new Error(`opensearch: OPENSEARCH_RUN_AS="${wanted}" is not a user here`)
    return user
  }
  let user = lookup(SERVICE_USER)
  if (!user) {
    const made = spawnSync('useradd', ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', SERVICE_USER], {
      encoding: 'utf8',
    })
    if (made.status === 0) console.log(`opensearch: created the system user ${SERVICE_USER} to run the nodes (OpenSearch refuses root)`)
    user = lookup(SERVICE_USER) ?? lookup('nobody')
  }
  if (!user) throw new Error('opensearch: running as root, and no unprivileged user to run OpenSearch as; set OPENSEARCH_RUN_AS')
  return user
}

// ---------------------------------------------------------------------------------------------
// Nodes

function clusterDir(port) {
  return join(CACHE_ROOT, 'opensearch', `cluster-${port}`)
}

function nodeLayout(options, index) {
  const name = `node-${index + 1}`
  const dir = join(clusterDir(options.port), name)
  return {
    name,
    dir,
    config: join(dir, 'config'),
    pidFile: join(dir, 'opensearch.pid'),
    httpPort: options.port + index,
    transportPort: options.port + 100 + index,
  }
}

function nodeConfig(options, node, count) {
  const transportPorts = Array.from({ length: count }, (_, i) => `127.0.0.1:${options.port + 100 + i}`)
  const lines = [
    `cluster.name: clippings-${options.port}`,
    `node.name: ${node.name}`,
    `path.data: ${join(node.dir, 'data')}`,
    `path.logs: ${join(node.dir, 'logs')}`,
    'network.host: 127.0.0.1',
    `http.port: ${node.httpPort}`,
    `transport.port: ${node.transportPort}`,
    // A shared test machine's disk may be fuller than the default watermarks allow; replicas must still go out.
    'cluster.routing.allocation.disk.threshold_enabled: false',
    'action.destructive_requires_name: false',
  ]
  if (count === 1) lines.push('discovery.type: single-node')
  else {
    lines.push(`discovery.seed_hosts: [${transportPorts.join(', ')}]`)
    lines.push(`cluster.initial_cluster_manager_nodes: [${Array.from({ length: count }, (_, i) => `node-${i + 1}`).join(', ')}]`)
  }
  return lines.join('\n') + '\n'
}

function readPid(node) {
  if (!existsSync(node.pidFile)) return undefined
  const pid = Number(readFileSync(node.pidFile, 'utf8').trim())
  return Number.isInteger(pid) && pid > 0 ? pid : undefined
}

function alive(pid) {
  if (!pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function chownTree(path, user) {
  chownSync(path, user.uid, user.gid)
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) chownTree(join(path, entry), user)
}

function startNode(options, node, count, home, user) {
  const pid = readPid(node)
  if (pid && alive(pid)) {
    console.log(`opensearch: ${node.name} already running (pid ${pid}, http ${node.httpPort})`)
    return
  }
  if (options.fresh) rmSync(node.dir, { recursive: true, force: true })
  for (const sub of ['data', 'logs', 'tmp']) mkdirSync(join(node.dir, sub), { recursive: true })
  rmSync(node.config, { recursive: true, force: true })
  cpSync(join(home, 'config'), node.config, { recursive: true })
  writeFileSync(join(node.config, 'opensearch.yml'), nodeConfig(options, node, count))
  // The launcher runs from the distribution's folder, which the nodes share and may not write: the GC log,
  // heap dumps and crash logs go to the node's own folders instead of paths relative to it.
  const jvmOptions = join(node.config, 'jvm.options')
  writeFileSync(
    jvmOptions,
    readFileSync(jvmOptions, 'utf8')
      .replaceAll('file=logs/gc.log', `file=${join(node.dir, 'logs', 'gc.log')}`)
      .replace('-XX:HeapDumpPath=data', `-XX:HeapDumpPath=${join(node.dir, 'data')}`)
      .replace('-XX:ErrorFile=logs/', `-XX:ErrorFile=${join(node.dir, 'logs')}/`),
  )
  rmSync(node.pidFile, { force: true })
  if (user) {
    chmodSync(clusterDir(options.port), 0o755)
    chownTree(node.dir, user)
  }
  const env = {
    PATH: process.env.PATH,
    OPENSEARCH_JAVA_HOME: javaHome(),
    OPENSEARCH_PATH_CONF: node.config,
    OPENSEARCH_JAVA_OPTS: `-Xms${options.heap} -Xmx${options.heap}`,
    OPENSEARCH_TMPDIR: join(node.dir, 'tmp'),
    HOME: node.dir,
  }
  const command = [join(home, 'bin', 'opensearch')]
  // setpriv drops to the user without a login shell (the service user has none). The node runs detached in
  // its own session with its console in a file (a daemon whose console is a closed pipe dies at start).
  const [file, args] = user
    ? ['setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', ...command]]
    : [command[0], command.slice(1)]
  const consoleLog = openSync(join(node.dir, 'logs', 'console.log'), 'a')
  const child = spawn(file, args, { cwd: node.dir, env, detached: true, stdio: ['ignore', consoleLog, consoleLog] })
  child.unref()
  child.on('exit', () => (node.exited = true))
  closeSync(consoleLog)
  // bin/opensearch ends by exec-ing Java, so this is the node's pid.
  writeFileSync(node.pidFile, `${child.pid}\n`)
  console.log(`opensearch: started ${node.name} (http 127.0.0.1:${node.httpPort}, transport ${node.transportPort}, heap ${options.heap}${user ? `, as ${user.name}` : ''})`)
}

/** The JDK to run: JAVA_HOME, else the one `java` on the PATH belongs to (the distribution bundles none). */
function javaHome() {
  if (process.env.OPENSEARCH_JAVA_HOME) return process.env.OPENSEARCH_JAVA_HOME
  if (process.env.JAVA_HOME) return process.env.JAVA_HOME
  const java = spawnSync('sh', ['-c', 'readlink -f "$(command -v java)"'], { encoding: 'utf8' }).stdout.trim()
  if (!java) throw new Error('opensearch: no Java found; install a JDK 17 or later, or set JAVA_HOME')
  return dirname(dirname(java))
}

async function health(port, query = '') {
  const response = await fetch(`http://127.0.0.1:${port}/_cluster/health${query}`, { signal: AbortSignal.timeout(30_000) })
  return response.json()
}

async function waitForCluster(options, nodes) {
  const count = nodes.length
  const deadline = Date.now() + START_TIMEOUT_MS
  let last = 'no answer'
  while (Date.now() < deadline) {
    const dead = nodes.find((node) => node.exited)
    if (dead) throw new Error(`opensearch: ${dead.name} exited while starting; see ${join(dead.dir, 'logs')}`)
    try {
      const state = await health(options.port, `?wait_for_nodes=${count}&wait_for_status=yellow&timeout=5s`)
      if (!state.timed_out && (state.status === 'green' || state.status === 'yellow')) return state
      last = `${state.status}, ${state.number_of_nodes} of ${count} nodes`
    } catch (error) {
      last = error.cause?.code ?? error.message
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  throw new Error(`opensearch: the cluster was not up after ${START_TIMEOUT_MS / 1000} s (${last}); see the logs under ${clusterDir(options.port)}`)
}

/** The nodes a cluster folder holds (from an earlier start), else the number asked for. */
function knownNodes(options) {
  const dir = clusterDir(options.port)
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => /^node-\d+$/.test(name))
    .map((name) => nodeLayout(options, Number(name.slice(5)) - 1))
}

async function start(options) {
  const home = ensureDistribution()
  const user = runAs()
  if (options.fresh) rmSync(clusterDir(options.port), { recursive: true, force: true })
  mkdirSync(clusterDir(options.port), { recursive: true })
  const nodes = Array.from({ length: options.nodes }, (_, i) => nodeLayout(options, i))
  for (const node of nodes) startNode(options, node, options.nodes, home, user)
  const state = await waitForCluster(options, nodes)
  console.log(`opensearch: cluster ${state.cluster_name} is ${state.status} with ${state.number_of_nodes} node(s) at http://127.0.0.1:${options.port}`)
}

async function stop(options) {
  const nodes = knownNodes(options).filter((node) => options.node === undefined || node.name === `node-${options.node}`)
  let stopped = 0
  for (const node of nodes) {
    const pid = readPid(node)
    if (!pid || !alive(pid)) {
      rmSync(node.pidFile, { force: true })
      continue
    }
    process.kill(pid, 'SIGTERM')
    const deadline = Date.now() + 60_000
    while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250))
    if (alive(pid)) process.kill(pid, 'SIGKILL')
    rmSync(node.pidFile, { force: true })
    console.log(`opensearch: stopped ${node.name} (pid ${pid})`)
    stopped++
  }
  if (stopped === 0) console.log('opensearch: no node was running')
}

async function status(options) {
  const nodes = knownNodes(options)
  for (const node of nodes) {
    const pid = readPid(node)
    console.log(`${node.name}: ${pid && alive(pid) ? `running, pid ${pid}` : 'stopped'}, http 127.0.0.1:${node.httpPort}`)
  }
  try {
    const state = await health(options.port)
    console.log(
      `cluster ${state.cluster_name}: ${state.status}, ${state.number_of_nodes} node(s), ${state.active_shards} active shard(s), ${state.unassigned_shards} unassigned`,
    )
    return state.status === 'red' ? 1 : 0
  } catch (error) {
    console.log(`cluster: no answer at http://127.0.0.1:${options.port} (${error.cause?.code ?? error.message})`)
    return 1
  }
}

const options = parseArgs(process.argv.slice(2))
try {
  if (options.command === 'start') await start(options)
  else if (options.command === 'stop') await stop(options)
  else process.exitCode = await status(options)
} catch (error) {
  console.error(error.message)
  process.exitCode = 1
}
