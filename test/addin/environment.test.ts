/**
 * Start-up on slow and odd hosts (issue 14): an Office.onReady that takes 9 s (fake timers, no
 * real waiting), and the pane's security headers for the hosts that frame it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectEnvironment, READY_SLOW_MS, type Environment, type OfficeApi } from '../../addin/office/officeHost';
import { webRouter } from '../../server/http/static';
import { createFakeOffice, FakeExcel } from './support/fakeExcel';

afterEach(() => {
  vi.useRealTimers();
});

describe('Office.onReady on a slow host', () => {
  it('resolving after 9 s still starts the pane in Excel; after 8 s the pane says it is waiting', async () => {
    vi.useFakeTimers();
    const { office } = createFakeOffice({ file: () => new Uint8Array(0), readyAfterMs: 9000 });
    const told: Environment[] = [];
    let settled: Environment | undefined;
    void detectEnvironment({ Office: office as unknown as OfficeApi, Excel: new FakeExcel().namespace() }, (state) => told.push(state))
      .then((environment) => { settled = environment; });
    await vi.advanceTimersByTimeAsync(READY_SLOW_MS + 1);
    expect(told).toEqual([{ kind: 'waiting' }]);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1000);
    expect(settled?.kind).toBe('excel');
  });

  it('without office.js, or outside Office, it says so at once', async () => {
    expect(await detectEnvironment({})).toEqual({ kind: 'not-in-excel' });
    const { office } = createFakeOffice({ file: () => new Uint8Array(0) });
    const outside = { ...office, onReady: async () => ({ host: null, platform: null }) };
    expect(await detectEnvironment({ Office: outside as unknown as OfficeApi, Excel: new FakeExcel().namespace() })).toEqual({ kind: 'not-in-excel' });
  });

  it('hands the host partition key to the pane (partitioned storage on the web)', async () => {
    const { office } = createFakeOffice({ file: () => new Uint8Array(0), partitionKey: 'https://contoso.sharepoint.com|profile-7' });
    const environment = await detectEnvironment({ Office: office as unknown as OfficeApi, Excel: new FakeExcel().namespace() });
    expect(environment.kind === 'excel' && environment.host.capabilities.storagePartition).toBe('https://contoso.sharepoint.com|profile-7');
  });
});

describe('the pane\'s headers', () => {
  it('lets Excel on the web, SharePoint and personal OneDrive frame the pane', async () => {
    const webDir = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-web-'));
    mkdirSync(path.join(webDir, 'addin'));
    writeFileSync(path.join(webDir, 'addin', 'index.html'), '<!doctype html><title>pane</title>');
    const app = express().use(webRouter(webDir));
    const res = await request(app).get('/addin/index.html');
    expect(res.status).toBe(200);
    const ancestors = /frame-ancestors ([^;]*)/u.exec(String(res.headers['content-security-policy']))?.[1]?.split(' ') ?? [];
    expect(ancestors).toEqual(expect.arrayContaining(["'self'", 'https://*.officeapps.live.com', 'https://*.sharepoint.com', 'https://onedrive.live.com']));
    expect(res.headers['x-frame-options']).toBeUndefined();
  });
});
