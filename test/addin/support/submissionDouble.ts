/**
 * A local test double of the sync service's intake, speaking its protocol: POST
 * /api/submissions with a Bearer unit token and the raw .xlsx body; 201 with a receipt for new
 * bytes, 200 with the same receipt for bytes already received, 422 with an apiError carrying
 * the receipt when the workbook is invalid, 401 for an unknown token. An `Idempotency-Key`
 * header is recorded with the submission, and a repeat with the same key is answered by the
 * first receipt (200), whatever the bytes. CORS as the real service. It can also "go offline"
 * (drop connections), or record a submission and then drop the connection before answering (a
 * timeout the client cannot tell from a lost request), to test retries.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Receipt } from '../../../shared/api/schemas';
import { verdictOf } from '../../../shared/scoring/verdict';
import type { CheckResult } from '../../../shared/workbook/checkResult';

export interface Received {
  token: string;
  fileName: string;
  contentType: string;
  idempotencyKey: string | undefined;
  bytes: Buffer;
}

export interface SubmissionDouble {
  url: string;
  received: Received[];
  /** Receipts recorded, by sha256: a second identical upload is answered from here. */
  recorded: Map<string, Receipt>;
  offline: boolean;
  /** Record the next submissions, then drop their connections without answering. */
  loseAnswers: number;
  close(): Promise<void>;
}

export interface DoubleOptions {
  tokens: Record<string, { id: string; name: string }>;
  /** Checks the uploaded workbook (the real service reads it); a result with errors is a 422. */
  check(bytes: Buffer): Promise<CheckResult> | CheckResult;
  /** Origins allowed by CORS. */
  origins?: string[];
}

export async function startSubmissionDouble(options: DoubleOptions): Promise<SubmissionDouble> {
  const received: Received[] = [];
  const recorded = new Map<string, Receipt>();
  let versions = 0;
  const state = { offline: false, loseAnswers: 0 };
  const byKey = new Map<string, Receipt>();

  const server = http.createServer((req, res) => {
    if (state.offline) {
      req.socket.destroy();
      return;
    }
    const origin = req.headers.origin;
    if (origin && (options.origins ?? []).includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'POST');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-File-Name, Idempotency-Key, Accept');
      res.writeHead(204).end();
      return;
    }
    const json = (status: number, body: unknown) => {
      if (state.loseAnswers > 0 && status < 300) {
        state.loseAnswers--;
        req.socket.destroy();
        return;
      }
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/api/submissions') {
      json(404, { error: { code: 'not-found', message: 'Không có trang này.' } });
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const bytes = Buffer.concat(chunks);
        const token = /^Bearer (.+)$/u.exec(req.headers.authorization ?? '')?.[1] ?? '';
        const fileName = decodeURIComponent(String(req.headers['x-file-name'] ?? ''));
        const idempotencyKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined;
        received.push({ token, fileName, contentType: String(req.headers['content-type'] ?? ''), idempotencyKey, bytes });
        const unit = options.tokens[token];
        if (!unit) {
          json(401, { error: { code: 'unauthorized', message: 'Mã nộp không hợp lệ.' } });
          return;
        }
        const repeated = idempotencyKey ? byKey.get(`${token}|${idempotencyKey}`) : undefined;
        if (repeated) {
          json(200, { ...repeated, duplicate: true });
          return;
        }
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const existing = recorded.get(sha256);
        if (existing) {
          const again = { ...existing, duplicate: true };
          if (existing.valid) json(200, again);
          else json(422, { error: { code: 'invalid-workbook', message: 'Tệp có lỗi.', details: existing.errors, receipt: again } });
          return;
        }
        const result = await options.check(bytes);
        const receipt: Receipt = {
          submissionId: `sub-${recorded.size + 1}`,
          unit: { id: unit.id, code: 'CQ-001', name: unit.name, kind: 'co-quan', parent: '' },
          year: 2026,
          stage: 'final',
          version: result.ok ? ++versions : null,
          receivedAt: new Date('2026-11-10T03:04:05Z').toISOString(),
          late: false,
          daysLate: 0,
          duplicate: false,
          valid: result.ok,
          verdict: result.ok ? verdictOf(result) : null,
          errors: result.errors,
          warnings: result.warnings,
          sha256,
          fileName,
        };
        recorded.set(sha256, receipt);
        if (idempotencyKey) byKey.set(`${token}|${idempotencyKey}`, receipt);
        if (result.ok) json(201, receipt);
        else json(422, { error: { code: 'invalid-workbook', message: 'Tệp có lỗi.', details: result.errors, receipt } });
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    recorded,
    get offline() { return state.offline; },
    set offline(value: boolean) { state.offline = value; },
    get loseAnswers() { return state.loseAnswers; },
    set loseAnswers(value: number) { state.loseAnswers = value; },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
