import { Writable } from 'node:stream';
import { ConversationEvent, DomainEvents, dispatchEvent } from '../../src/core/events';
import { setupModules } from '../../src/core/module';
import { createLogger } from '../../src/logger';

function capture() {
  const lines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (c: Buffer, _e, cb) => (lines.push(c.toString()), cb()) }));
  return { lines, logger };
}

const event: ConversationEvent = { kind: 'membersAdded', members: [{ id: '29:x' }], bot: false, teamId: '19:t' };
const io = { locale: 'sv' as const, reply: async () => undefined };

describe('dispatchEvent', () => {
  it('calls every listener in order; one that throws is logged and does not stop the rest', async () => {
    const { lines, logger } = capture();
    const seen: string[] = [];
    const failed = await dispatchEvent(
      event,
      [
        { module: 'first', listener: async () => void seen.push('first') },
        { module: 'broken', listener: async () => Promise.reject(new Error('database gone')) },
        { module: 'last', listener: async (e) => void seen.push(`last:${e.kind}`) },
      ],
      io,
      logger,
    );
    expect(seen).toEqual(['first', 'last:membersAdded']);
    expect(failed).toBe(1);
    const logged = lines.map((l) => JSON.parse(l) as { module?: string; err?: string; msg: string }).find((l) => l.module === 'broken');
    expect(logged).toMatchObject({ err: 'database gone', msg: expect.stringMatching(/event listener failed/) });
  });
});

describe('DomainEvents', () => {
  it('runs listeners in order and lets a failure reach the emitter (so its transaction rolls back)', async () => {
    const bus = new DomainEvents();
    const seen: number[] = [];
    bus.on<number>('x', async (n) => void seen.push(n));
    bus.on<number>('x', async (n) => void seen.push(n * 10));
    await bus.emit('x', 2);
    expect(seen).toEqual([2, 20]);
    bus.on('x', async () => Promise.reject(new Error('no')));
    await expect(bus.emit('x', 3)).rejects.toThrow('no');
  });
});

describe('setupModules', () => {
  const ctx = {} as Parameters<typeof setupModules>[1];
  const handler = async () => ({});

  it('namespaces delivery kinds by module', () => {
    const built = setupModules([{ name: 'a', commands: [], setup: () => ({ deliveries: { card: handler } }) }], ctx);
    expect(Object.keys(built.deliveries)).toEqual(['a.card']);
  });

  it('stops the start on two modules with one name, a command without its texts, or a command of another module', () => {
    const m = (name: string, commands: { id: string }[] = []) => ({ name, commands: commands.map((c) => ({ ...c, pattern: /x/, scopes: ['personal' as const] })), setup: () => ({}) });
    expect(() => setupModules([m('a'), m('a')], ctx)).toThrow(/two modules are named a/);
    expect(() => setupModules([m('a', [{ id: 'a.nothing' }])], ctx)).toThrow(/command "a.nothing" has no sv text commands.a.nothing.title/);
    expect(() => setupModules([m('a', [{ id: 'help.help' }])], ctx)).toThrow(/must be named a.<name>/);
  });
});
