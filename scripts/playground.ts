/**
 * `npm run playground`: the bot in local mode (no MicrosoftAppId) on the embedded database with the
 * sample contracts, together with the Microsoft 365 Agents Playground, a Teams-like web client that
 * needs no tenant. The people, the team "Inköp" and its channels come from .m365agentsplayground.yml;
 * the current user there is made a procurement officer so the officer flows can be tried too.
 *
 * The e2e tests start the same pair through startPlayground() on a fresh data directory.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../src/util/paths';

const ROOT = projectRoot();

export const PLAYGROUND_CONFIG = path.join(ROOT, '.m365agentsplayground.yml');

const playgroundConfig = z.object({
  tenantId: z.string(),
  bot: z.object({ id: z.string(), name: z.string() }),
  currentUser: z.object({ id: z.string(), name: z.string(), aadObjectId: z.string().uuid() }),
  users: z.array(z.object({ id: z.string(), name: z.string(), aadObjectId: z.string().uuid() })),
  team: z.object({ id: z.string(), name: z.string(), channels: z.array(z.object({ id: z.string(), name: z.string() })) }),
});
export type PlaygroundConfig = z.infer<typeof playgroundConfig>;

export function readPlaygroundConfig(file = PLAYGROUND_CONFIG): PlaygroundConfig {
  return playgroundConfig.parse(parse(fs.readFileSync(file, 'utf8')));
}

export interface PlaygroundOptions {
  botPort?: number;
  playgroundPort?: number;
  dataDir?: string;
  /** Extra environment for the bot (e.g. a fake model endpoint). */
  env?: Record<string, string>;
  /** Where both processes write their output; defaults to this process's stdout. */
  log?: (line: string) => void;
}

export interface RunningPlayground {
  botUrl: string;
  playgroundUrl: string;
  config: PlaygroundConfig;
  stop(): Promise<void>;
}

async function waitFor(url: string, child: ChildProcess, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function pipe(child: ChildProcess, prefix: string, log: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.on('data', (d: Buffer) => {
      const lines = (rest + d.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) log(`${prefix} ${line}`);
    });
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
}

export async function startPlayground(opts: PlaygroundOptions = {}): Promise<RunningPlayground> {
  const config = readPlaygroundConfig();
  const botPort = opts.botPort ?? 3978;
  const playgroundPort = opts.playgroundPort ?? 56150;
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const botUrl = `http://localhost:${botPort}`;
  const playgroundUrl = `http://localhost:${playgroundPort}`;

  const bot = spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'index.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      PORT: String(botPort),
      HOST: '127.0.0.1',
      DATA_DIR: opts.dataDir ?? path.join(ROOT, 'data', 'playground'),
      // The Playground's current user is the officer; the team's members are read from its mock connector.
      PROCUREMENT_OFFICERS: config.currentUser.aadObjectId,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  pipe(bot, '[bot]', log);
  try {
    await waitFor(`${botUrl}/readyz`, bot, 'the bot');
  } catch (err) {
    await stopChild(bot);
    throw err;
  }

  const cli = path.join(ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  const playground = spawn(
    process.execPath,
    [cli, '-e', `${botUrl}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--disable-telemetry'],
    {
      cwd: ROOT,
      env: { ...process.env, M365_AGENTS_PLAYGROUND_CONFIG_PATH: PLAYGROUND_CONFIG, BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  pipe(playground, '[playground]', log);
  const stop = async () => {
    await Promise.all([stopChild(playground), stopChild(bot)]);
  };
  try {
    await waitFor(playgroundUrl, playground, 'the Agents Playground');
  } catch (err) {
    await stop();
    throw err;
  }
  return { botUrl, playgroundUrl, config, stop };
}

async function main(): Promise<void> {
  const running = await startPlayground();
  process.stdout.write(
    `\nInköpsassistenten is running in local mode on ${running.botUrl}.\n` +
      `Open ${running.playgroundUrl} in a browser. You are ${running.config.currentUser.name}, a procurement officer;\n` +
      `the team "${running.config.team.name}" has the channels General and ${running.config.team.channels.map((c) => c.name).join(', ')}.\n` +
      `In a channel, mention the bot (@${running.config.bot.name}). Press Ctrl+C to stop both.\n\n`,
  );
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void running.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`playground: ${err.message}\n`);
    process.exit(1);
  });
}
