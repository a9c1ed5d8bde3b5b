import http from 'node:http';
import { AddressInfo } from 'node:net';
import { DownloadError, DownloadPolicy, addressAllowed, checkDownloadUrl, downloadFile, hostAllowed } from '../../src/imports/file-download';

/**
 * Fetching the file an officer sent: which URLs may be fetched at all (pure), and the download itself
 * against a loopback server: redirects re-checked hop by hop, the size cap by Content-Length and by
 * streamed bytes, the timeout.
 */
const HOSTS = ['*.sharepoint.com', 'files.region.example'];
const REMOTE: Pick<DownloadPolicy, 'hosts' | 'allowLoopback'> = { hosts: HOSTS, allowLoopback: false };
const LOCAL: Pick<DownloadPolicy, 'hosts' | 'allowLoopback'> = { hosts: HOSTS, allowLoopback: true };

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'allowed';
  } catch (err) {
    if (err instanceof DownloadError) return err.code;
    throw err;
  }
}

describe('checkDownloadUrl', () => {
  it.each([
    ['https://contoso.sharepoint.com/sites/inkop/avtal.csv', 'allowed'],
    ['https://contoso-my.sharepoint.com/personal/x/download.aspx?UniqueId=1&tempauth=abc', 'allowed'],
    ['https://a.b.sharepoint.com/x', 'allowed'],
    ['https://CONTOSO.SharePoint.com/x', 'allowed'],
    ['https://contoso.sharepoint.com./x', 'allowed'],
    ['https://files.region.example/x.csv', 'allowed'],
    // The wildcard is for subdomains only; look-alikes and suffix tricks are not on the list.
    ['https://sharepoint.com/x', 'host-not-allowed'],
    ['https://evilsharepoint.com/x', 'host-not-allowed'],
    ['https://contoso.sharepoint.com.evil.example/x', 'host-not-allowed'],
    ['https://sub.files.region.example/x', 'host-not-allowed'],
    ['https://example.org/x.csv', 'host-not-allowed'],
    ['http://contoso.sharepoint.com/x', 'not-https'],
    ['ftp://contoso.sharepoint.com/x', 'not-https'],
    ['file:///etc/passwd', 'not-https'],
    ['https://user:pw@contoso.sharepoint.com/x', 'credentials'],
    ['https://contoso.sharepoint.com:8443/x', 'port'],
    ['https://10.0.0.5/x', 'host-not-allowed'],
    ['https://[fd00::1]/x', 'host-not-allowed'],
    ['https://169.254.169.254/latest/meta-data', 'host-not-allowed'],
    ['not a url', 'bad-url'],
  ])('%s → %s (outside local mode)', (url, expected) => {
    expect(codeOf(() => checkDownloadUrl(url, REMOTE))).toBe(expected);
  });

  it('allows loopback, over http and on any port, only in local mode', () => {
    for (const url of ['http://127.0.0.1:3978/f.csv', 'http://localhost:8080/f.csv', 'https://[::1]:4443/f.csv', 'http://2130706433/f.csv']) {
      expect([url, codeOf(() => checkDownloadUrl(url, REMOTE))]).toEqual([url, 'host-not-allowed']);
      expect([url, codeOf(() => checkDownloadUrl(url, LOCAL))]).toEqual([url, 'allowed']);
    }
    // Local mode opens loopback, nothing else.
    expect(codeOf(() => checkDownloadUrl('http://example.org/f.csv', LOCAL))).toBe('not-https');
    expect(codeOf(() => checkDownloadUrl('https://10.0.0.5/f.csv', LOCAL))).toBe('host-not-allowed');
  });

  it('matches host patterns exactly or as "*." subdomains', () => {
    expect(hostAllowed('x.sharepoint.com', ['*.sharepoint.com'])).toBe(true);
    expect(hostAllowed('sharepoint.com', ['*.sharepoint.com'])).toBe(false);
    expect(hostAllowed('sharepoint.com', ['sharepoint.com'])).toBe(true);
    expect(hostAllowed('x.sharepoint.com', ['sharepoint.com'])).toBe(false);
    expect(hostAllowed('anything.example', [])).toBe(false);
  });
});

describe('downloadFile', () => {
  const MAX = 1000;
  const requests: string[] = [];
  let server: http.Server;
  let base = '';
  const policy = (extra: Partial<DownloadPolicy> = {}): DownloadPolicy => ({ hosts: HOSTS, allowLoopback: true, maxBytes: MAX, ...extra });

  /** Status, headers, body; not chained (restify, loaded by other suites in the same worker, replaces ServerResponse.writeHead). */
  const reply = (res: http.ServerResponse, status: number, headersOrBody?: http.OutgoingHttpHeaders | string, body?: string) => {
    res.writeHead(status, typeof headersOrBody === 'object' ? headersOrBody : {});
    res.end(typeof headersOrBody === 'string' ? headersOrBody : body);
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const path = req.url ?? '/';
      requests.push(path);
      const chain = /^\/chain\/(\d+)$/.exec(path);
      if (path === '/file.csv') return reply(res, 200, { 'Content-Type': 'text/csv' }, 'contract_id;title\nRS-1;Handskar\n');
      if (chain) {
        const n = Number(chain[1]);
        return reply(res, 302, { Location: n === 0 ? '/file.csv' : `/chain/${n - 1}` });
      }
      if (path === '/to-off-list') return reply(res, 302, { Location: 'https://evil.example.org/steal' });
      if (path === '/to-http') return reply(res, 307, { Location: 'http://contoso.sharepoint.com/x.csv' });
      if (path === '/no-location') return reply(res, 302);
      if (path === '/gone') return reply(res, 404, 'not here');
      if (path === '/declared-big') {
        res.writeHead(200, { 'Content-Length': String(MAX + 1) });
        return void res.write('x'.repeat(10));
      }
      if (path === '/streamed-big') {
        res.writeHead(200); // chunked, no Content-Length
        for (let i = 0; i < 20; i++) res.write('y'.repeat(100));
        return void res.end();
      }
      if (path === '/exact') return reply(res, 200, 'z'.repeat(MAX));
      if (path === '/hang') return; // never answered
      reply(res, 500);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    requests.length = 0;
  });

  const failure = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
      return 'downloaded';
    } catch (err) {
      if (err instanceof DownloadError) return err.code;
      throw err;
    }
  };

  it('downloads a file from loopback in local mode', async () => {
    const bytes = await downloadFile(`${base}/file.csv`, policy());
    expect(bytes.toString('utf8')).toBe('contract_id;title\nRS-1;Handskar\n');
  });

  it('fetches nothing from loopback outside local mode', async () => {
    expect(await failure(downloadFile(`${base}/file.csv`, policy({ allowLoopback: false })))).toBe('host-not-allowed');
    expect(requests).toEqual([]);
  });

  it('follows a redirect chain of up to three hops, checking each, and refuses a fourth', async () => {
    expect((await downloadFile(`${base}/chain/2`, policy())).toString()).toMatch(/^contract_id/);
    expect(requests).toEqual(['/chain/2', '/chain/1', '/chain/0', '/file.csv']);
    requests.length = 0;
    expect(await failure(downloadFile(`${base}/chain/3`, policy()))).toBe('too-many-redirects');
    expect(requests).toEqual(['/chain/3', '/chain/2', '/chain/1', '/chain/0']);
    expect((await downloadFile(`${base}/chain/5`, policy({ maxRedirects: 6 }))).length).toBeGreaterThan(0);
  });

  it('refuses a redirect off the list or to http, without following it', async () => {
    const resolved: string[] = [];
    const resolve = async (host: string) => {
      resolved.push(host);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    expect(await failure(downloadFile(`${base}/to-off-list`, policy({ resolve })))).toBe('host-not-allowed');
    expect(await failure(downloadFile(`${base}/to-http`, policy({ resolve })))).toBe('not-https');
    // Only the two first hops were requested; no name was even looked up for the refused targets.
    expect(requests).toEqual(['/to-off-list', '/to-http']);
    expect(resolved).toEqual([]);
    expect(await failure(downloadFile(`${base}/no-location`, policy()))).toBe('http-status');
  });

  it('refuses a file over the limit by its Content-Length and by the bytes that arrive', async () => {
    expect(await failure(downloadFile(`${base}/declared-big`, policy()))).toBe('too-large');
    expect(await failure(downloadFile(`${base}/streamed-big`, policy()))).toBe('too-large');
    expect((await downloadFile(`${base}/exact`, policy())).length).toBe(MAX);
  });

  it('reports an error status and a download that does not finish in time', async () => {
    const gone = await downloadFile(`${base}/gone`, policy()).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(DownloadError);
    expect((gone as DownloadError).code).toBe('http-status');
    expect((gone as DownloadError).status).toBe(404);
    expect(await failure(downloadFile(`${base}/hang`, policy({ timeoutMs: 300 })))).toBe('timeout');
  });
});

describe('the address a host name resolves to', () => {
  it.each([
    ['8.8.8.8', true],
    ['52.108.10.1', true],
    ['2606:4700:4700::1111', true],
    ['10.0.0.5', false],
    ['172.16.1.1', false],
    ['172.31.255.255', false],
    ['192.168.1.10', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['127.0.0.1', false],
    ['127.8.9.10', false],
    ['::1', false],
    ['::', false],
    ['fd00::1', false],
    ['fc12:3456::1', false],
    ['fe80::1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:a00:1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['not an address', false],
  ])('%s → %p (outside local mode)', (address, allowed) => {
    expect(addressAllowed(address, false)).toBe(allowed);
  });

  it('allows loopback addresses in local mode only, and nothing private even there', () => {
    expect(addressAllowed('127.0.0.1', true)).toBe(true);
    expect(addressAllowed('::1', true)).toBe(true);
    expect(addressAllowed('10.0.0.5', true)).toBe(false);
  });
});

describe('downloadFile: the host is resolved and checked, and the connection goes to the address checked', () => {
  let server: http.Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits++;
      res.writeHead(_req.url === '/hop' ? 302 : 200, _req.url === '/hop' ? { Location: '/file.csv' } : {});
      res.end(_req.url === '/hop' ? '' : 'contract_id;title\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    hits = 0;
  });

  const codeOfDownload = (url: string, p: DownloadPolicy) =>
    downloadFile(url, p).then(
      () => 'downloaded',
      (err: unknown) => (err instanceof DownloadError ? err.code : `other: ${String(err)}`),
    );

  it('refuses an allowed name that resolves to a private, link-local or unique-local address, before any request', async () => {
    for (const address of ['10.0.0.5', '169.254.169.254', 'fd00::1', '127.0.0.1']) {
      const resolve = async () => [{ address, family: address.includes(':') ? 6 : 4 }];
      const p: DownloadPolicy = { hosts: HOSTS, allowLoopback: false, maxBytes: 1000, resolve };
      expect([address, await codeOfDownload('https://files.region.example/avtal.csv', p)]).toEqual([address, 'host-not-allowed']);
    }
    // One bad address among good ones refuses the name.
    const mixed = async () => [
      { address: '52.108.10.1', family: 4 },
      { address: '192.168.0.7', family: 4 },
    ];
    expect(await codeOfDownload('https://contoso.sharepoint.com/x.csv', { hosts: HOSTS, allowLoopback: false, maxBytes: 1000, resolve: mixed })).toBe('host-not-allowed');
  });

  it('connects to the address the check resolved (every hop resolved and checked again), not a second answer', async () => {
    const answers: string[] = [];
    // Resolves "localhost" to 127.0.0.1 first, then (a rebinding name) to a private address.
    const rebinding = async () => {
      const address = answers.length === 0 ? '127.0.0.1' : '10.0.0.5';
      answers.push(address);
      return [{ address, family: 4 }];
    };
    const local: DownloadPolicy = { hosts: HOSTS, allowLoopback: true, maxBytes: 1000, resolve: rebinding };
    expect(await codeOfDownload(`http://localhost:${port}/hop`, local)).toBe('host-not-allowed');
    expect(answers).toEqual(['127.0.0.1', '10.0.0.5']);
    expect(hits).toBe(1);
    // A steady answer: both hops go to it and the file arrives.
    const steady = async () => [{ address: '127.0.0.1', family: 4 }];
    const bytes = await downloadFile(`http://localhost:${port}/hop`, { ...local, resolve: steady });
    expect(bytes.toString()).toBe('contract_id;title\n');
    expect(hits).toBe(3);
  });
});
