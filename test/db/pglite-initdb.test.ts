import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite } from '../../src/db/pglite';

describe('embedded database on disk', () => {
  it('creates a new data directory (initdb in a process of its own) and keeps its data across opens', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'inkop-initdb-')), 'pglite');
    const first = await openPglite(dir);
    expect(fs.existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
    await first.exec('CREATE TABLE kept (v text)');
    await first.query('INSERT INTO kept (v) VALUES ($1)', ['handskar']);
    await first.close();

    const second = await openPglite(dir);
    expect(await second.query<{ v: string }>('SELECT v FROM kept')).toEqual([{ v: 'handskar' }]);
    await second.close();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });
});
