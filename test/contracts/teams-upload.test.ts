import http from 'node:http';
import { AddressInfo } from 'node:net';
import { utils, write } from '@e965/xlsx';
import { FILE_DOWNLOAD_INFO } from '../../src/bot/teams';
import { VERBS } from '../../src/cards/verbs';
import { purgeInfrastructure } from '../../src/ops/repository';
import { importContracts } from '../../src/contracts/import-service';
import { startTestApp, TestApp } from '../helpers/app';
import { cardActionInvoke, cardSubmitActivity, cardText, invoke, InvokeCardResponse, messageActivity, Options, ReplyActivity, send, TeamsUser } from '../helpers/teams';

/**
 * An officer sends a contract file in the 1:1 chat, over the real /api/messages path in local mode: the
 * bot fetches it from a loopback file server (as it would from SharePoint), answers with a dry-run card,
 * and the card's buttons apply it, as an update or as a full export, or drop it. Nobody else gets the
 * file fetched or the token used.
 */
const OFFICER: TeamsUser = { id: '29:officer', aadObjectId: 'aaaaaaaa-0000-4000-8000-00000000a001', name: 'Olle Officer' };
const OFFICER2: TeamsUser = { id: '29:officer2', aadObjectId: 'aaaaaaaa-0000-4000-8000-00000000a002', name: 'Ada Annan' };
const CLINICIAN: TeamsUser = { id: '29:clin', aadObjectId: '11111111-2222-4333-8444-555555555555', name: 'Karin Sjuksköterska' };

const HEADER = 'contract_id;title;description;category;suppliers;valid_from;valid_to;regions;ordering_method;contract_type';
const row = (n: number) => `TU-2026-${String(n).padStart(4, '0')};Testavtal nummer ${n};Uppladdat i Teams;tjanster;Testbolaget AB;2026-01-01;2028-12-31;Sörmland;avrop;ramavtal`;
const csv = (ids: number[], extra: string[] = []) => Buffer.from([HEADER, ...ids.map(row), ...extra].join('\r\n') + '\r\n', 'utf8');
const ALL = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

let app: TestApp;
let files: http.Server;
let fileBase = '';
const served = new Map<string, Buffer>();
const requested: string[] = [];

beforeAll(async () => {
  files = http.createServer((req, res) => {
    requested.push(req.url ?? '');
    const body = served.get(req.url ?? '');
    // restify (in the same process) replaces ServerResponse.writeHead with one that does not return res.
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(body?.length ?? 0) });
    res.end(body);
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  fileBase = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  app = await startTestApp({ seed: false, env: { PROCUREMENT_OFFICERS: `${OFFICER.aadObjectId},${OFFICER2.aadObjectId}` } });
  expect(app.config.localMode).toBe(true);
});
afterAll(async () => {
  await app?.close();
  files.closeAllConnections();
  await new Promise<void>((resolve) => files.close(() => resolve()));
});

const where = (user: TeamsUser, extra: Options = {}): Options => ({ user, conversationId: `a:1on1-${user.aadObjectId}`, ...extra });

/** A file message as Teams sends it to a bot with supportsFiles: no text, a file download info attachment. */
function fileMessage(user: TeamsUser, name: string, downloadUrl: string, opts: Options = {}) {
  const fileType = name.split('.').pop() ?? '';
  return {
    ...messageActivity('', where(user, opts)),
    attachments: [{ contentType: FILE_DOWNLOAD_INFO, contentUrl: downloadUrl, name, content: { downloadUrl, uniqueId: `u-${name}`, fileType } }],
  };
}

/** Serves the bytes on the loopback file server and sends them as a file message; the bot's replies. */
async function upload(user: TeamsUser, name: string, bytes: Buffer, opts: Options = {}): Promise<ReplyActivity[]> {
  const path = `/personal/${encodeURIComponent(name)}?tempauth=${Math.random().toString(36).slice(2)}`;
  served.set(path, bytes);
  return send(app.baseUrl, fileMessage(user, name, `${fileBase}${path}`, opts));
}

const cardOf = (replies: ReplyActivity[]) => replies.find((r) => r.attachments?.length)?.attachments?.[0].content;

/** The Action.Execute buttons of a card (ShowCard contents included): title and data. */
function buttons(card: unknown): { title: string; data: Record<string, unknown> }[] {
  const found: { title: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute') found.push({ title: String(o.title), data: o.data as Record<string, unknown> });
    for (const [k, v] of Object.entries(o)) if (k !== 'fallback') walk(v);
  };
  walk(card);
  return found;
}

const press = (user: TeamsUser, button: { data: Record<string, unknown> }): Promise<InvokeCardResponse> =>
  invoke(app.baseUrl, cardActionInvoke(String(button.data.verb), button.data, where(user)));

const contractStatus = async (id: string) => (await fetch(`${app.baseUrl}/api/contracts/${id}`)).status;
const uploadsOf = async (token: string) => (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_uploads WHERE token = $1', [token]))[0].n;

describe('a contract file sent in the 1:1 chat', () => {
  let preview: unknown;
  let token = '';

  it('gives an officer a dry-run card with counts, rejected rows and the three buttons', async () => {
    const replies = await upload(OFFICER, 'avtal.csv', csv(ALL, ['TU-BAD;;;;;2026-01-01;2025-01-01;;;']));
    preview = cardOf(replies);
    const text = cardText(preview);
    expect(text).toMatch(/Provkörning/);
    expect(text).toMatch(/avtal\.csv/);
    expect(text).toMatch(/Rader i filen\n11/);
    expect(text).toMatch(/Giltiga rader\n10/);
    expect(text).toMatch(/Nya avtal\n10/);
    expect(text).toMatch(/Avvisade rader\n1/);
    expect(text).toMatch(/Rad 12 \(TU-BAD\): /);
    expect(buttons(preview).map((b) => b.title)).toEqual(['Importera', 'Importera som fullständig export', 'Avbryt']);
    token = String(buttons(preview)[0].data.token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await uploadsOf(token)).toBe(1);
    expect(await contractStatus('TU-2026-0001')).toBe(404); // a dry run changes nothing
  });

  it('refuses another officer the first officer\'s file, and keeps it', async () => {
    for (const b of buttons(preview)) {
      const res = await press(OFFICER2, b);
      expect(res.value).toMatch(/en annan handläggare/);
    }
    expect(await uploadsOf(token)).toBe(1);
    expect(await contractStatus('TU-2026-0001')).toBe(404);
  });

  it('imports on Importera: the contracts are in the catalogue and the file is gone', async () => {
    const res = await press(OFFICER, buttons(preview)[0]);
    const text = cardText(res.value);
    expect(text).toMatch(/Avtalsimporten är klar/);
    expect(text).toMatch(/10 nya, 0 uppdaterade och 0 borttagna avtal/);
    expect(buttons(res.value)).toEqual([]);
    expect(await contractStatus('TU-2026-0001')).toBe(200);
    expect(await contractStatus('TU-2026-0010')).toBe(200);
    expect(await uploadsOf(token)).toBe(0);
    // The same button again: the file is no longer kept.
    expect(cardText((await press(OFFICER, buttons(preview)[0])).value)).toMatch(/Filen finns inte längre/);
  });

  it('shows what a full export would remove, and removes it on the full-export button', async () => {
    const card = cardOf(await upload(OFFICER, 'helakatalogen.csv', csv(ALL.filter((n) => n !== 10))));
    const text = cardText(card);
    expect(text).toMatch(/Tas bort vid fullständig export\n1/);
    expect(text).toMatch(/TU-2026-0010 Testavtal nummer 10/);
    expect(text).toMatch(/Uppdaterade avtal\n9/);
    const full = buttons(card).find((b) => b.data.mode === 'full' && !b.data.force);
    expect(full?.title).toBe('Importera som fullständig export');
    const res = await press(OFFICER, full!);
    expect(cardText(res.value)).toMatch(/0 nya, 9 uppdaterade och 1 borttagna avtal/);
    expect(await contractStatus('TU-2026-0010')).toBe(410);
    expect(await contractStatus('TU-2026-0009')).toBe(200);
  });

  it('offers a full export that removes too much only behind an explicit confirmation', async () => {
    const card = cardOf(await upload(OFFICER, 'halva.csv', csv([1, 2])));
    const text = cardText(card);
    expect(text).toMatch(/Som fullständig export stoppas filen: Den fullständiga exporten skulle ta bort 7 av 9 avtal/);
    expect(buttons(card).map((b) => b.title)).toEqual(['Importera', 'Ja, ta bort 7 avtal och importera', 'Avbryt']);
    const forced = buttons(card).find((b) => b.data.force === true)!;
    // A crafted full export without force is refused by the server too, and the preview comes back.
    const refused = await press(OFFICER, { data: { ...forced.data, force: false } });
    expect(cardText(refused.value)).toMatch(/Som fullständig export stoppas filen/);
    expect(await contractStatus('TU-2026-0003')).toBe(200);
    // The forced button names the number; force without it, or with another, removes nothing.
    expect(Number(forced.data.removals)).toBe(7);
    const unnamed = Object.fromEntries(Object.entries(forced.data).filter(([k]) => k !== 'removals'));
    expect(String((await press(OFFICER, { data: unnamed })).value)).toMatch(/Kortet skickade uppgifter som jag inte kunde läsa/);
    expect(cardText((await press(OFFICER, { data: { ...forced.data, removals: 6 } })).value)).toMatch(/Som fullständig export stoppas filen/);
    expect(await contractStatus('TU-2026-0003')).toBe(200);
    const res = await press(OFFICER, forced);
    expect(cardText(res.value)).toMatch(/fullständig export \(tvingad\)/);
    expect(cardText(res.value)).toMatch(/0 nya, 2 uppdaterade och 7 borttagna avtal/);
    expect(await contractStatus('TU-2026-0003')).toBe(410);
    // An update with the whole list brings them back.
    const again = cardOf(await upload(OFFICER, 'avtal.csv', csv(ALL)));
    expect(cardText((await press(OFFICER, buttons(again)[0])).value)).toMatch(/0 nya, 10 uppdaterade och 0 borttagna avtal/);
    expect(await contractStatus('TU-2026-0003')).toBe(200);
  });

  it('drops the file on Avbryt', async () => {
    const card = cardOf(await upload(OFFICER, 'avbryt.csv', csv([11])));
    const cancel = buttons(card).find((b) => b.data.verb === VERBS.contractsImportCancel)!;
    const t = String(cancel.data.token);
    expect(await uploadsOf(t)).toBe(1);
    const res = await press(OFFICER, cancel);
    expect(cardText(res.value)).toMatch(/Importen avbröts[\s\S]*avbryt\.csv importerades inte/);
    expect(await uploadsOf(t)).toBe(0);
    expect(cardText((await press(OFFICER, buttons(card)[0])).value)).toMatch(/Filen finns inte längre/);
    expect(await contractStatus('TU-2026-0011')).toBe(404);
  });

  it('answers an unreadable file with the import\'s own message and keeps nothing', async () => {
    const [{ n: before }] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_uploads');
    const replies = await upload(OFFICER, 'lista.csv', Buffer.from('hej;hopp\nett;två\n'));
    expect(replies.map((r) => r.text).join(' ')).toMatch(/Hittar ingen rubrikrad/);
    expect(replies.some((r) => r.attachments?.length)).toBe(false);
    const [{ n: after }] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_uploads');
    expect(after).toBe(before);
  });

  it('reads an .xlsx file the same way', async () => {
    const sheet = utils.aoa_to_sheet([HEADER.split(';'), row(20).split(';'), row(21).split(';')]);
    const book = utils.book_new();
    utils.book_append_sheet(book, sheet, 'Avtal');
    const bytes = write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const card = cardOf(await upload(OFFICER, 'avtal.xlsx', bytes, { locale: 'en-US' }));
    const text = cardText(card);
    expect(text).toMatch(/Excel \(\.xlsx\), sheet "Avtal"/);
    expect(text).toMatch(/New contracts\n2/);
    // As a full export the two rows would remove all ten others: only the confirmed, forced variant.
    expect(buttons(card).map((b) => b.title)).toEqual(['Import', 'Yes, remove 10 contracts and import', 'Cancel']);
    const res = await invoke(app.baseUrl, cardActionInvoke(VERBS.contractsImportApply, buttons(card)[0].data, where(OFFICER, { locale: 'en-US' })));
    expect(cardText(res.value)).toMatch(/2 new, 0 updated and 0 removed contracts/);
    expect(await contractStatus('TU-2026-0021')).toBe(200);
  });
});

describe('who may send files, and from where', () => {
  it('refuses someone who is not an officer, politely, without fetching the file', async () => {
    requested.length = 0;
    const replies = await upload(CLINICIAN, 'mina-avtal.csv', csv([30]));
    expect(replies.map((r) => r.text).join(' ')).toMatch(/bara Inköps handläggare som kan importera avtal/);
    expect(requested).toEqual([]);
    expect(await contractStatus('TU-2026-0030')).toBe(404);
  });

  it('fetches nothing from a link that is not https on the allow-list', async () => {
    const realFetch = globalThis.fetch;
    const fetched: string[] = [];
    globalThis.fetch = ((url: string | URL | Request, init?: RequestInit) => {
      fetched.push(String(url));
      return realFetch(url, init);
    }) as typeof fetch;
    try {
      const http = await send(app.baseUrl, fileMessage(OFFICER, 'a.csv', 'http://example.org/a.csv'));
      expect(http.map((r) => r.text).join(' ')).toMatch(/bara filer över https/);
      const offList = await send(app.baseUrl, fileMessage(OFFICER, 'b.csv', 'https://files.example.org/b.csv'));
      expect(offList.map((r) => r.text).join(' ')).toMatch(/ligger inte på organisationens SharePoint/);
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(fetched.filter((u) => !u.startsWith(app.baseUrl))).toEqual([]);
  });

  it('leaves other files alone and does not look at files outside the 1:1 chat', async () => {
    requested.length = 0;
    const pdf = await upload(OFFICER, 'offert.pdf', Buffer.from('%PDF-1.4'));
    expect(pdf.map((r) => r.text).join(' ')).toMatch(/förstod inte/);
    const group = await upload(OFFICER, 'avtal.csv', csv([40]), { conversationType: 'groupChat', conversationId: '19:grupp@thread.v2' });
    expect(cardOf(group)).toBeUndefined();
    expect(requested).toEqual([]);
  });
});

describe('the import log and the purge', () => {
  it('lists the latest imports for officers only', async () => {
    const [log] = await send(app.baseUrl, messageActivity('senaste importer', where(OFFICER)));
    expect(log.text).toMatch(/Senaste \d+ importerna av avtal/);
    expect(log.text).toMatch(/Olle Officer · avtal\.xlsx · uppdatering · genomförd: 2 nya, 0 uppdaterade, 0 borttagna, 0 avvisade rader/);
    expect(log.text).toMatch(/halva\.csv · fullständig export \(tvingad\) · genomförd/);
    expect(log.text).toMatch(/halva\.csv · fullständig export · stoppad/);
    const [refused] = await send(app.baseUrl, messageActivity('importer', where(CLINICIAN)));
    expect(refused.text).toMatch(/Det här får bara inköpare göra/);
  });

  it('deletes expired uploads in the retention purge (the shared store\'s, once), and only those', async () => {
    await app.db.query(
      `INSERT INTO import_uploads (token, purpose, officer_aad_id, file_name, bytes, created_at, expires_at) VALUES
        ('expired-token-0000000000', 'contracts', $1, 'gammal.csv', $2, now() - interval '2 days', now() - interval '1 day'),
        ('fresh-token-000000000000', 'contracts', $1, 'ny.csv', $2, now(), now() + interval '1 day')`,
      [OFFICER.aadObjectId, Buffer.from('x')],
    );
    const counts = await app.db.transaction((tx) => purgeInfrastructure(tx, 730));
    expect(counts.uploadsDeleted).toBe(1);
    expect(await uploadsOf('expired-token-0000000000')).toBe(0);
    expect(await uploadsOf('fresh-token-000000000000')).toBe(1);
  });
});

describe('the per-officer limit on files and import buttons', () => {
  it('refuses the file beyond LIMIT_IMPORT_ACTIONS_PER_HOUR politely, without fetching it', async () => {
    const limited = await startTestApp({ seed: false, env: { PROCUREMENT_OFFICERS: OFFICER.aadObjectId, LIMIT_IMPORT_ACTIONS_PER_HOUR: '1' } });
    try {
      const send1 = async (name: string) => {
        const path = `/limited/${name}`;
        served.set(path, csv([1]));
        return send(limited.baseUrl, fileMessage(OFFICER, name, `${fileBase}${path}`));
      };
      expect(cardOf(await send1('forsta.csv'))).toBeDefined();
      const second = await send1('andra.csv');
      expect(cardOf(second)).toBeUndefined();
      expect(second.map((r) => r.text).join(' ')).toMatch(/många|försök igen/i);
      expect(requested.filter((u) => u.startsWith('/limited/'))).toEqual(['/limited/forsta.csv']);
    } finally {
      await limited.close();
    }
  });
});

describe('a contract a full export removed, asked for from an older card', () => {
  it('says it was removed and when, in the reader\'s language', async () => {
    await importContracts(app.db, csv(ALL.filter((n) => n !== 7)), { mode: 'full', force: true });
    const [gone] = await app.db.query<{ contract_id: string; title: string }>('SELECT contract_id, title FROM contracts WHERE removed_at IS NOT NULL ORDER BY contract_id LIMIT 1');
    expect(gone).toBeDefined();
    expect(await contractStatus(gone.contract_id)).toBe(410);
    const sv = await send(app.baseUrl, cardSubmitActivity({ verb: VERBS.contractsDetails, id: gone.contract_id }, where(CLINICIAN)));
    expect(sv.map((r) => r.text).join(' ')).toContain(`Avtalet ${gone.contract_id} (${gone.title}) finns inte längre i avtalskatalogen: det togs bort `);
    const en = await send(app.baseUrl, cardSubmitActivity({ verb: VERBS.contractsDetails, id: gone.contract_id.toLowerCase() }, where(CLINICIAN, { locale: 'en-US' })));
    expect(en.map((r) => r.text).join(' ')).toContain(`Contract ${gone.contract_id} (${gone.title}) is no longer in the catalogue: it was removed on `);
    const none = await send(app.baseUrl, cardSubmitActivity({ verb: VERBS.contractsDetails, id: 'TU-2026-9999' }, where(CLINICIAN)));
    expect(none.map((r) => r.text).join(' ')).not.toMatch(/togs bort/);
  });
});
