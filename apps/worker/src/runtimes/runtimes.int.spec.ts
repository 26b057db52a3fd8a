import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AgentInvocation, LogStream } from './agent-runtime';
import { runCommand } from './command-runtime';
import { runHttp } from './http-runtime';
import { runOpenAi } from './openai-runtime';

function invocation(overrides: Partial<AgentInvocation> = {}) {
  const lines: [LogStream, string][] = [];
  const inv: AgentInvocation = {
    prompt: 'hello', systemPrompt: 'be brief', executionId: 'e-1', env: { PATH: process.env.PATH ?? '' }, signal: new AbortController().signal,
    log: (stream, line) => lines.push([stream, line]), ...overrides,
  };
  return { inv, lines };
}

const node = (script: string) => ({ type: 'command' as const, command: process.execPath, args: ['-e', script] });

async function server(handler: (req: IncomingMessage, body: string) => { status: number; body: string }): Promise<{ url: string; close(): Promise<void> }> {
  const srv: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c)).on('end', () => {
      const answer = handler(req, body);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, close: () => new Promise((resolve) => srv.close(() => resolve())) };
}

describe('command runtime', () => {
  it('gives the prompt on stdin and logs stdout and stderr line by line; stdout is the output', async () => {
    const { inv, lines } = invocation({ prompt: 'a\nb' });
    const outcome = await runCommand(node("process.stdin.on('data', d => { process.stdout.write(String(d).toUpperCase() + '\\n'); console.error('warn') })"), inv);
    expect(outcome).toEqual({ ok: true, output: 'A\nB' });
    expect(lines).toEqual(expect.arrayContaining([['stdout', 'A'], ['stdout', 'B'], ['stderr', 'warn']]));
  });

  it('never lets a prompt reach a shell', async () => {
    const { inv } = invocation({ prompt: '$(echo injected); `id`; rm -rf /tmp/nothing' });
    const outcome = await runCommand({ type: 'command', command: 'cat', args: [] }, inv);
    expect(outcome).toEqual({ ok: true, output: '$(echo injected); `id`; rm -rf /tmp/nothing' });
  });

  it('passes exactly the given environment', async () => {
    const { inv } = invocation({ env: { ONLY: 'this' } });
    const outcome = await runCommand(node('process.stdout.write(JSON.stringify(Object.keys(process.env).filter(k => !k.startsWith("__"))))'), inv);
    expect(outcome.ok && JSON.parse(outcome.output)).toEqual(['ONLY']);
  });

  it('fails with the exit code and the last stderr line', async () => {
    const { inv } = invocation();
    expect(await runCommand(node("console.error('disk full'); process.exit(3)"), inv)).toEqual({ ok: false, error: `${process.execPath} exited with code 3: disk full` });
  });

  it('fails clearly when the executable does not exist', async () => {
    const outcome = await runCommand({ type: 'command', command: 'no-such-program-xyz', args: [] }, invocation().inv);
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/could not start no-such-program-xyz: .*ENOENT/) });
  });

  it('kills the process (and its children) when aborted', async () => {
    const controller = new AbortController();
    const { inv } = invocation({ signal: controller.signal });
    const running = runCommand(node('setInterval(() => {}, 1000)'), inv);
    setTimeout(() => controller.abort('cancelled'), 200);
    expect(await running).toEqual({ ok: false, error: 'stopped (cancelled)' });
  });
});

describe('http runtime', () => {
  it('POSTs prompt, system prompt and execution id; the body is the output', async () => {
    let received: unknown;
    const srv = await server((_req, body) => ((received = JSON.parse(body)), { status: 200, body: 'line 1\nline 2' }));
    try {
      const { inv, lines } = invocation();
      expect(await runHttp({ type: 'http', url: `${srv.url}/run`, headers: { 'x-team': 'ops' } }, inv)).toEqual({ ok: true, output: 'line 1\nline 2' });
      expect(received).toEqual({ prompt: 'hello', system_prompt: 'be brief', execution_id: 'e-1' });
      expect(lines).toEqual([['stdout', 'line 1'], ['stdout', 'line 2']]);
    } finally {
      await srv.close();
    }
  });

  it('fails on a non-2xx answer, quoting it', async () => {
    const srv = await server(() => ({ status: 503, body: 'overloaded' }));
    try {
      expect(await runHttp({ type: 'http', url: srv.url, headers: {} }, invocation().inv)).toEqual({ ok: false, error: `POST ${srv.url} answered HTTP 503: overloaded` });
    } finally {
      await srv.close();
    }
  });
});

describe('openai runtime', () => {
  it('sends model, system and user messages and the key; the output is choices[0].message.content', async () => {
    let request: { auth?: string; path?: string; body?: unknown } = {};
    const srv = await server((req, body) => {
      request = { auth: req.headers.authorization, path: req.url, body: JSON.parse(body) };
      return { status: 200, body: JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'All good.' } }] }) };
    });
    try {
      const outcome = await runOpenAi({ type: 'openai', base_url: `${srv.url}/v1/`, model: 'tiny', api_key_encrypted: null, temperature: 0 }, 'sk-1', invocation().inv);
      expect(outcome).toEqual({ ok: true, output: 'All good.' });
      expect(request).toEqual({
        auth: 'Bearer sk-1', path: '/v1/chat/completions',
        body: { model: 'tiny', temperature: 0, messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hello' }] },
      });
    } finally {
      await srv.close();
    }
  });

  it('reports the API error message', async () => {
    const srv = await server(() => ({ status: 401, body: JSON.stringify({ error: { message: 'Incorrect API key' } }) }));
    try {
      const outcome = await runOpenAi({ type: 'openai', base_url: srv.url, model: 'tiny', api_key_encrypted: null, temperature: null }, null, invocation().inv);
      expect(outcome).toEqual({ ok: false, error: `POST ${srv.url}/chat/completions answered HTTP 401: Incorrect API key` });
    } finally {
      await srv.close();
    }
  });
});
